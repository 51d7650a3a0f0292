using Bunit;

using Gamification.Web.Components.Pages.Analytics;

namespace Gamification.Tests.Components;

/// <summary>
/// The supervisor pages over a real SQLite file: the engagement and behaviour dashboards draw their charts from the
/// daily aggregates (seeded directly, as the rollup would write them) and show an empty state without them; the
/// fair-play page lists a flag and dismisses it. The supervisor of <see cref="PageTestContext"/>'s tenant is signed in;
/// the clock is fixed on Wednesday 4 March 2026, 12:00 UTC (so the default range is 3 February to 4 March).
/// </summary>
public sealed class AnalyticsDashboardTests : PageTestContext
{
    private static readonly DateOnly Today = new(2026, 3, 4);

    public AnalyticsDashboardTests() => SignIn(Roles.Supervisor);

    [Fact]
    public void Engagement_dashboard_draws_a_line_per_figure_and_the_kpis_from_the_daily_rows()
    {
        SeedTeamDays((Today.AddDays(-2), 2, 120, 1), (Today.AddDays(-1), 1, 45, 0), (Today, 2, 80, 2));

        var page = Render<EngagementDashboard>();

        page.WaitForAssertion(() => Assert.Equal("data", page.Find("#chart-active").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("#analytics-empty"));
        foreach (var chart in (string[])["#chart-active", "#chart-points", "#chart-badges", "#chart-avg-points", "#chart-challenges"])
        {
            var svg = page.Find($"{chart} svg");
            Assert.NotEmpty(svg.QuerySelectorAll("path"));
            Assert.Single(page.FindAll($"{chart}-csv"));
        }
        Assert.Equal("245", page.Find("#kpi-points").GetAttribute("data-value"));
        Assert.Equal("3", page.Find("#kpi-badges").GetAttribute("data-value"));
        Assert.Equal("2", page.Find("#kpi-people").GetAttribute("data-value"));
        // 5 active person-days over the 30 days of the default range.
        Assert.Equal("0.2", page.Find("#kpi-active").GetAttribute("data-value"));
        Assert.Contains("245", page.Find("#kpi-points").TextContent, StringComparison.Ordinal);
        Assert.Contains("min ago", page.Find("#kpi-updated").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("#range-30").GetAttribute("data-selected"));
    }

    [Fact]
    public void Engagement_dashboard_without_rows_says_figures_are_rolled_up_every_few_minutes()
    {
        var page = Render<EngagementDashboard>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#analytics-empty")), TimeSpan.FromSeconds(10));
        Assert.Contains("rolled up every few minutes", page.Find("#analytics-empty").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".analytics-chart"));
        Assert.Equal("0", page.Find("#kpi-points").GetAttribute("data-value"));
        Assert.Contains("not yet", page.Find("#kpi-updated").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Quick_range_chips_reload_the_dashboard_for_the_last_seven_days()
    {
        SeedTeamDays((Today.AddDays(-20), 2, 500, 0), (Today, 1, 30, 0));
        var page = Render<EngagementDashboard>();
        page.WaitForAssertion(() => Assert.Equal("530", page.Find("#kpi-points").GetAttribute("data-value")), TimeSpan.FromSeconds(10));

        page.Find("#range-7").Click();

        page.WaitForAssertion(() => Assert.Equal("30", page.Find("#kpi-points").GetAttribute("data-value")), TimeSpan.FromSeconds(10));
        Assert.Equal("true", page.Find("#range-7").GetAttribute("data-selected"));
    }

    [Fact]
    public void Behavior_dashboard_draws_rankings_as_bars_and_distributions_as_donuts()
    {
        SeedUserDay(AgentId, Today.AddDays(-1), 300);
        SeedUserDay(SecondAgentId, Today, 120);
        SeedTeamDays((Today.AddDays(-1), 1, 300, 0), (Today, 1, 120, 0));

        var page = Render<BehaviorDashboard>();

        page.WaitForAssertion(() => Assert.Equal("data", page.Find("#chart-top-earners").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        var earners = page.Find("#chart-top-earners");
        Assert.NotEmpty(earners.QuerySelectorAll("svg path, svg rect"));
        Assert.Contains("Alex Agent", earners.TextContent, StringComparison.Ordinal);
        Assert.Contains("Blair Agent", earners.TextContent, StringComparison.Ordinal);
        // Both agents have no streak yet: the streak donut has one full bucket.
        Assert.Equal("data", page.Find("#chart-streaks").GetAttribute("data-state"));
        Assert.NotEmpty(page.FindAll("#chart-streaks svg path"));
        // Challenge success against target always has its difficulty labels; with no participants it shows its empty line.
        Assert.Equal("empty", page.Find("#chart-challenges").GetAttribute("data-state"));
        Assert.Equal("empty", page.Find("#chart-rewards").GetAttribute("data-state"));
        Assert.Equal("0", page.Find("#kpi-redeemers").GetAttribute("data-value"));
        Assert.Empty(page.FindAll("#analytics-empty"));
    }

    [Fact]
    public void Every_chart_has_its_figures_as_a_table_beside_it()
    {
        SeedUserDay(AgentId, Today.AddDays(-1), 300);
        SeedUserDay(SecondAgentId, Today, 120);
        SeedTeamDays((Today.AddDays(-1), 1, 300, 0), (Today, 1, 120, 0));

        var behaviour = Render<BehaviorDashboard>();
        behaviour.WaitForAssertion(() => Assert.Equal("data", behaviour.Find("#chart-top-earners").GetAttribute("data-state")), TimeSpan.FromSeconds(10));

        // Issue 21: no figure only as a shape or a colour. The ranking's table names each person in full, most first.
        var earners = behaviour.Find("[data-testid=chart-top-earners-figures]");
        Assert.Equal("details", earners.TagName, ignoreCase: true);
        Assert.Equal(["Person", "Points"], earners.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal([("Alex Agent", "300"), ("Blair Agent", "120")],
            earners.QuerySelectorAll("tbody tr").Select(tr => (tr.QuerySelector("th[scope=row]")!.TextContent, tr.QuerySelector("td")!.TextContent)));
        // Every chart drawn (an SVG in the chart area; the cards that are tables already need none) has its table; a
        // chart without data has none.
        var drawn = behaviour.FindAll("[data-state=data]").Where(c => c.QuerySelector(".analytics-chart svg") is not null).ToList();
        Assert.True(drawn.Count >= 5, $"only {drawn.Count} charts drawn");
        foreach (var chart in drawn)
        {
            Assert.NotNull(chart.QuerySelector($"[data-testid={chart.Id}-figures] tbody tr"));
        }
        Assert.Empty(behaviour.FindAll("[data-testid=chart-rewards-figures]"));

        var engagement = Render<EngagementDashboard>();
        engagement.WaitForAssertion(() => Assert.Equal("data", engagement.Find("#chart-points").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        var points = engagement.Find("[data-testid=chart-points-figures]");
        Assert.Equal(["Day", "Points awarded"], points.QuerySelectorAll("thead th").Select(th => th.TextContent));
        // 30 days of the default range, one row each; yesterday's 300 points among them.
        Assert.Equal(30, points.QuerySelectorAll("tbody tr").Length);
        Assert.Contains(points.QuerySelectorAll("tbody tr"), tr => tr.QuerySelector("td")!.TextContent == "300");
    }

    [Fact]
    public void Behavior_dashboard_without_activity_shows_the_empty_state()
    {
        var page = Render<BehaviorDashboard>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#analytics-empty")), TimeSpan.FromSeconds(10));
        Assert.Contains("every few minutes", page.Find("#analytics-empty").TextContent, StringComparison.Ordinal);
        Assert.Equal("empty", page.Find("#chart-top-earners").GetAttribute("data-state"));
        Assert.Single(page.FindAll("#chart-top-earners .analytics-chart-empty"));
        Assert.Empty(page.FindAll("#chart-top-earners .analytics-chart"));
        Assert.Equal("empty", page.Find("#chart-badge-unlocking").GetAttribute("data-state"));
        Assert.Empty(page.FindAll("#badge-unlock-rate"));
        Assert.Equal("empty", page.Find("#chart-badge-holders").GetAttribute("data-state"));
    }

    [Fact]
    public void Behavior_dashboard_shows_the_badge_unlocking_rate_and_the_share_holding_each_badge()
    {
        // Yesterday 2 people active and 1 unlock, today 2 active and none: 1 unlock over 4 active person-days.
        SeedTeamDays((Today.AddDays(-1), 2, 300, 1), (Today, 2, 120, 0));
        var teamPlayer = SeedBadge("Team player", active: true, AgentId, SecondAgentId, SupervisorId);
        var nightOwl = SeedBadge("Night owl", active: true, AgentId);
        var untouched = SeedBadge("Untouched", active: true);
        var retired = SeedBadge("Retired", active: false, AgentId);

        var page = Render<BehaviorDashboard>();

        page.WaitForAssertion(() => Assert.Equal("data", page.Find("#chart-badge-unlocking").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        Assert.Equal("0.25", page.Find("#badge-unlock-rate").GetAttribute("data-value"));
        Assert.Contains("unlocks per active person a day", page.Find("#badge-unlock-rate").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 unlock over 4 active person-days", page.Find("#chart-badge-unlocking").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("#chart-badge-unlocking svg path"));
        Assert.Single(page.FindAll("#chart-badge-unlocking-csv"));
        // The people are the two agents (the supervisor's badge does not count); most held first, the inactive badge left out.
        Assert.Equal("data", page.Find("#chart-badge-holders").GetAttribute("data-state"));
        Assert.Contains("2 people in scope", page.Find("#chart-badge-holders").TextContent, StringComparison.Ordinal);
        var rows = page.FindAll("#badge-holders tbody tr");
        Assert.Equal(
            [(teamPlayer.ToString(CultureInfo.InvariantCulture), "2", "1"), (nightOwl.ToString(CultureInfo.InvariantCulture), "1", "0.5"),
                (untouched.ToString(CultureInfo.InvariantCulture), "0", "0")],
            rows.Select(r => (r.GetAttribute("data-badge"), r.GetAttribute("data-holders"), r.GetAttribute("data-share"))));
        Assert.Contains("Team player", rows[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Retired", page.Find("#badge-holders").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll($"#badge-holders tr[data-badge='{retired}']"));
        Assert.Single(page.FindAll("#chart-badge-holders-csv"));
    }

    [Fact]
    public async Task Fair_play_lists_an_open_flag_with_its_evidence_and_dismissing_it_closes_it()
    {
        var flagId = SeedFlag(FarmingKind.ShortCalls, 0.8, """{"rewarded_calls":40,"short_calls":31,"short_share":0.775}""");
        var providers = RenderProviders();
        var page = Render<FairPlay>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid=flag-{flagId}]")), TimeSpan.FromSeconds(10));
        var card = page.Find($"[data-testid=flag-{flagId}]");
        Assert.Contains("Alex Agent", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Very short rewarded calls", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("31 of 40 rewarded calls", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("high", card.GetAttribute("data-severity"));
        page.Find($"#figures-{flagId}").Click();
        var figures = page.Find($"[data-testid=figures-table-{flagId}]");
        Assert.Contains("Short calls", figures.TextContent, StringComparison.Ordinal);
        Assert.Contains("0.775", figures.TextContent, StringComparison.Ordinal);

        page.Find($"[data-testid=dismiss-{flagId}]").Click();
        providers.WaitForAssertion(() => Assert.Single(providers.FindAll("#flag-decision-dialog")));
        providers.Find("#flag-note").Input("Known short-call campaign");
        await providers.Find("#flag-decision-save").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=flag-{flagId}]")), TimeSpan.FromSeconds(10));
        Assert.Single(page.FindAll("#flags-empty"));
        var stored = Db(db => db.FarmingFlags.IgnoreQueryFilters().Single(f => f.Id == flagId));
        Assert.Equal(FarmingFlagStatus.Dismissed, stored.Status);
        Assert.Equal("Known short-call campaign", stored.Note);
        Assert.Equal(SupervisorId, stored.DecidedByUserId);
    }

    [Fact]
    public void Fair_play_tells_a_supervisor_that_an_admin_revokes_confirmed_points()
    {
        var flagId = SeedFlag(FarmingKind.Bursts, 0.2, null, FarmingFlagStatus.Confirmed);
        RenderProviders();
        var page = Render<FairPlay>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#flags-empty")), TimeSpan.FromSeconds(10));

        page.Find("#status-all").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid=flag-{flagId}]")), TimeSpan.FromSeconds(10));
        var card = page.Find($"[data-testid=flag-{flagId}]");
        Assert.Equal("low", card.GetAttribute("data-severity"));
        Assert.Contains("Bursts faster than a person can work", card.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll($"[data-testid=dismiss-{flagId}]"));
        Assert.Empty(page.FindAll($"[data-testid=revoke-{flagId}]"));
        Assert.Contains("An admin revokes", page.Find($"[data-testid=revoke-note-{flagId}]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Flag_figures_read_as_words_numbers_and_local_times()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
        try
        {
            var figures = FairPlay.ParseFigures(
                """{"densest_burst_events":10,"median_gap_seconds":4.5,"burst_starts":["2026-11-26T14:35:08.2882-05:00","2026-11-27T09:01:00-05:00"],"source":"cust-7"}""");

            Assert.Equal(
                [("Densest burst events", "10"), ("Median gap seconds", "4.5"), ("Burst starts", "Thu 26 Nov, 14:35:08, Fri 27 Nov, 09:01:00"), ("Source", "cust-7")],
                figures);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    /// <summary>The whole tenant's rows (team "everyone") as the rollup writes them: (day, active people, points, badges).</summary>
    private void SeedTeamDays(params (DateOnly Day, int Active, long Points, int Badges)[] days)
    {
        using var db = NewContext();
        foreach (var (day, active, points, badges) in days)
        {
            db.DailyTeamStats.Add(new DailyTeamStat
            {
                TenantId = TenantId,
                LocalDate = day,
                TeamId = DailyTeamStat.Everyone,
                ActiveUsers = active,
                Events = active * 3,
                Calls = active * 3,
                ActivityPoints = points - badges * 10,
                RewardPoints = badges * 10,
                BadgesEarned = badges,
                ActiveChallenges = 2,
                LeaderboardViews = active,
                UpdatedAt = Now.AddMinutes(-4),
            });
        }
        db.SaveChanges();
    }

    private void SeedUserDay(string userId, DateOnly day, long points)
    {
        using var db = NewContext();
        db.DailyUserStats.Add(new DailyUserStat { TenantId = TenantId, LocalDate = day, UserId = userId, Events = 3, Calls = 3, ActivityPoints = points });
        db.SaveChanges();
    }

    /// <summary>
    /// A badge of the tenant, held by these people since 40 days ago: holding is what the holders card counts, whenever it
    /// was earned (the day rows alone say what was unlocked when).
    /// </summary>
    private long SeedBadge(string name, bool active, params string[] holders)
    {
        using var db = NewContext();
        var badge = new Badge
        {
            TenantId = TenantId,
            Code = name.Replace(' ', '_').ToLowerInvariant(),
            Name = name,
            Category = BadgeCategory.Social,
            Rarity = BadgeRarity.Rare,
            RequirementType = BadgeRequirement.Manual,
            Icon = "star",
            IsActive = active,
            CreatedAt = Now.AddDays(-60),
        };
        db.Badges.Add(badge);
        db.SaveChanges();
        db.UserBadges.AddRange(holders.Select(h => new UserBadge { TenantId = TenantId, UserId = h, BadgeId = badge.Id, EarnedAt = Now.AddDays(-40) }));
        db.SaveChanges();
        return badge.Id;
    }

    private long SeedFlag(FarmingKind kind, double score, string? dataJson, FarmingFlagStatus status = FarmingFlagStatus.Open)
    {
        using var db = NewContext();
        var flag = new FarmingFlag
        {
            TenantId = TenantId,
            UserId = AgentId,
            Kind = kind,
            Score = score,
            Evidence = "31 of 40 rewarded calls lasted under 20 seconds (the team's median is 4 minutes).",
            DataJson = dataJson,
            WindowStart = Today.AddDays(-3),
            WindowEnd = Today,
            DetectedAt = Now.AddHours(-2),
            Status = status,
            DecidedAt = status == FarmingFlagStatus.Open ? null : Now.AddHours(-1),
            DecidedByUserId = status == FarmingFlagStatus.Open ? null : SupervisorId,
        };
        db.FarmingFlags.Add(flag);
        db.SaveChanges();
        return flag.Id;
    }
}
