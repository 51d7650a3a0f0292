namespace Gamification.Tests.Challenges;

/// <summary>Challenge windows, objectives, completion once per window, team challenges (RULES.md, Challenges).</summary>
public sealed class ChallengeEngineTests
{
    private static List<PointTransaction> Rewards(PointsFixture f, long challengeId, string? userId = null) =>
        f.Ledger().Where(t => t.Type == TransactionType.ChallengeReward && t.SourceId!.StartsWith($"challenge-{challengeId}-", StringComparison.Ordinal)
            && t.UserId == (userId ?? f.AgentId)).ToList();

    [Theory]
    [InlineData(ObjectiveType.TotalCalls, ActivityType.CallCompleted, 3)]
    [InlineData(ObjectiveType.Conversions, ActivityType.LeadConverted, null)]
    [InlineData(ObjectiveType.PerfectCalls, ActivityType.CallCompleted, 5)]
    [InlineData(ObjectiveType.QualityReviews, ActivityType.QualityReview, null)]
    public async Task Counting_objectives_complete_at_the_target_and_pay_once(ObjectiveType objective, ActivityType type, int? rating)
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Daily, objective, 2, reward: 75);

        // An event of another kind does not count.
        await f.RecordAsync(type == ActivityType.QualityReview ? ActivityType.CustomerFeedback : ActivityType.QualityReview);
        await f.RecordAsync(type, rating);
        Assert.Empty(Rewards(f, challenge));
        await f.RecordAsync(type, rating);
        var reward = Assert.Single(Rewards(f, challenge));
        Assert.Equal(75, reward.Points);
        await f.RecordAsync(type, rating);
        Assert.Single(Rewards(f, challenge));

        var row = Assert.Single(f.All<UserChallenge>());
        Assert.Equal(3, row.Progress);
        Assert.True(row.Completed);
        Assert.Contains(f.All<AchievementEvent>(), a => a.Kind == AchievementKind.ChallengeCompleted);
        Assert.Contains(f.Notifications.Published, n => n.Achievements?.Any(a => a.Kind == AchievementKind.ChallengeCompleted) == true);
    }

    [Fact]
    public async Task A_call_that_completes_a_challenge_pays_the_event_the_challenge_its_badge_and_the_badges_they_earn_in_that_order()
    {
        using var f = PointsFixture.InMemory();
        var prize = f.AddBadge(BadgeRequirement.Manual, 0, reward: 15);
        var firstChallenge = f.AddBadge(BadgeRequirement.ChallengesCompleted, 1, reward: 20);
        var firstCall = f.AddBadge(BadgeRequirement.TotalCalls, 1, reward: 25);
        var challenge = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 1, reward: 10, badgeId: prize);

        var result = await f.CallAsync();

        // The call (10), the challenge (10), the challenge's badge (15), the badge for completing a challenge (20), then
        // the badge the call itself earned (25): challenges are evaluated before the event's own badges.
        Assert.Equal(80, result.CurrentPoints);
        Assert.Equal(
            [(TransactionType.Activity, 10L), (TransactionType.ChallengeReward, 10L), (TransactionType.BadgeReward, 15L),
                (TransactionType.BadgeReward, 20L), (TransactionType.BadgeReward, 25L)],
            f.Ledger().Select(t => (t.Type, t.Points)));
        // Today's window (the fixture starts on Monday 2 March 2026, UTC).
        Assert.Equal(
            [$"challenge-{challenge}-2026-03-02", $"badge-{prize}", $"badge-{firstChallenge}", $"badge-{firstCall}"],
            f.Ledger().Skip(1).Select(t => t.SourceId));
        Assert.Equal(
            [AchievementKind.ChallengeCompleted, AchievementKind.BadgeEarned, AchievementKind.BadgeEarned, AchievementKind.BadgeEarned],
            f.All<AchievementEvent>().OrderBy(a => a.Id).Select(a => a.Kind));
        var told = f.Notifications.Published[^1];
        Assert.Equal((TransactionType.Activity, 10L, 80L), (told.EntryType, told.EntryPoints, told.PointsDelta));
        Assert.Equal(
            [(AchievementKind.ChallengeCompleted, "Daily TotalCalls 1", 10L), (AchievementKind.BadgeEarned, "Manual 0", 15L),
                (AchievementKind.BadgeEarned, "ChallengesCompleted 1", 20L), (AchievementKind.BadgeEarned, "TotalCalls 1", 25L)],
            told.Achievements!.Select(a => (a.Kind, a.Title, a.Points)));
        Assert.True((await f.Engine.CheckLedgerAsync(f.TenantId, CancellationToken.None)).IsClean);
    }

    [Fact]
    public async Task Points_earned_counts_the_activity_points_awarded_after_the_cap()
    {
        using var f = PointsFixture.InMemory(configure: c => c.MaxDailyPoints = 25);
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.PointsEarned, 40);
        await f.CallAsync(); // 10
        await f.CallAsync(); // 10
        await f.CallAsync(); // 5 (capped at 25)
        await f.CallAsync(); // 0
        Assert.Equal(25, Assert.Single(f.All<UserChallenge>()).Progress);
        Assert.Empty(Rewards(f, challenge));
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.CallAsync();
        await f.CallAsync();
        Assert.Single(Rewards(f, challenge));
    }

    [Fact]
    public async Task Average_rating_needs_the_minimum_rated_calls_and_the_average()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.AvgRating, 4, minRatedCalls: 3);
        await f.CallAsync(rating: 5);
        await f.CallAsync(rating: 5);
        await f.CallAsync(); // unrated: does not count
        Assert.Empty(Rewards(f, challenge));
        await f.CallAsync(rating: 1); // 11 / 3 = 3.67 < 4
        Assert.Empty(Rewards(f, challenge));
        await f.CallAsync(rating: 5); // 16 / 4 = 4.0
        Assert.Single(Rewards(f, challenge));

        var view = await f.ChallengeService().ProgressAsync(f.AgentId, challenge);
        Assert.True(view.Completed);
        Assert.Equal(4, view.RatedCalls);
        Assert.Equal(4.00m, view.Progress);
    }

    [Fact]
    public async Task Weekly_window_edges_follow_the_tenant_zone_and_complete_once_per_window()
    {
        // Berlin is UTC+1 in March 2026: Sunday 8 March 23:59 local is 22:59 UTC; Monday 00:00 local is 23:00 UTC.
        using var f = PointsFixture.InMemory("Europe/Berlin");
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 2, reward: 100);
        var sunday = new DateTimeOffset(2026, 3, 8, 22, 59, 0, TimeSpan.Zero);
        var monday = new DateTimeOffset(2026, 3, 8, 23, 0, 0, TimeSpan.Zero);

        f.Clock.SetUtcNow(sunday);
        await f.CallAsync();
        f.Clock.SetUtcNow(monday);
        await f.CallAsync();

        var rows = f.All<UserChallenge>().OrderBy(r => r.WindowStart).ToList();
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9)], rows.Select(r => r.WindowStart));
        Assert.Equal([new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 15)], rows.Select(r => r.WindowEnd));
        Assert.All(rows, r => Assert.Equal(1, r.Progress));
        Assert.Empty(Rewards(f, challenge));

        // A late event for Sunday (within 48 hours) still counts in its own week and completes it.
        await f.CallAsync(at: sunday.AddMinutes(-30));
        Assert.Equal(["challenge-" + challenge + "-2026-03-02"], Rewards(f, challenge).Select(r => r.SourceId));

        await f.CallAsync();
        await f.CallAsync();
        Assert.Equal(2, Rewards(f, challenge).Count);
        Assert.Equal(2, f.Points().ChallengesCompleted);

        // The next week opens by itself and pays again.
        f.Clock.SetUtcNow(monday.AddDays(7));
        await f.CallAsync();
        await f.CallAsync();
        Assert.Equal(3, Rewards(f, challenge).Count);
    }

    [Fact]
    public async Task Daily_monthly_and_seasonal_windows_are_local_days_months_and_quarters()
    {
        using var f = PointsFixture.InMemory("America/New_York");
        var daily = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 100);
        var monthly = f.AddChallenge(ChallengeType.Monthly, ObjectiveType.TotalCalls, 100);
        var seasonal = f.AddChallenge(ChallengeType.Seasonal, ObjectiveType.TotalCalls, 100);
        // 31 March 2026 23:30 in New York is 1 April 03:30 UTC.
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 3, 30, 0, TimeSpan.Zero));
        await f.CallAsync();

        var rows = f.All<UserChallenge>().ToDictionary(r => r.ChallengeId);
        Assert.Equal((new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 31)), (rows[daily].WindowStart, rows[daily].WindowEnd));
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), (rows[monthly].WindowStart, rows[monthly].WindowEnd));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (rows[seasonal].WindowStart, rows[seasonal].WindowEnd));
    }

    [Fact]
    public async Task Special_challenges_count_only_between_their_dates_and_ended_ones_stop()
    {
        using var f = PointsFixture.InMemory();
        var special = f.AddChallenge(ChallengeType.Special, ObjectiveType.TotalCalls, 2,
            start: PointsFixture.Start.AddHours(1), end: PointsFixture.Start.AddDays(1));
        await f.CallAsync(); // before it starts
        f.Clock.Advance(TimeSpan.FromHours(2));
        await f.CallAsync();
        Assert.Equal(1, Assert.Single(f.All<UserChallenge>()).Progress);
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.CallAsync(); // after it ended
        Assert.Equal(1, Assert.Single(f.All<UserChallenge>()).Progress);
        Assert.Empty(Rewards(f, special));

        var daily = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 5);
        await f.CallAsync();
        await f.ChallengeService().EndAsync(daily);
        await f.CallAsync();
        Assert.Equal(1, f.All<UserChallenge>().Single(r => r.ChallengeId == daily).Progress);
        Assert.DoesNotContain(await f.ChallengeService().ActiveForUserAsync(f.AgentId), v => v.ChallengeId == daily);
    }

    [Fact]
    public async Task Completion_pays_the_optional_badge_once()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.Manual, 1, reward: 20, code: "sprinter");
        var challenge = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 1, reward: 10, badgeId: badge);
        await f.CallAsync();
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.CallAsync();

        Assert.Equal(2, Rewards(f, challenge).Count);
        Assert.Single(f.All<UserBadge>(), b => b.BadgeId == badge);
        Assert.Single(f.Ledger(), t => t.Type == TransactionType.BadgeReward);
    }

    [Fact]
    public async Task Team_challenge_sums_members_and_pays_every_member_once()
    {
        using var f = PointsFixture.InMemory();
        var (second, third, outsider) = (f.AddAgent("agent-02"), f.AddAgent("agent-03"), f.AddAgent("agent-04"));
        f.AddTeam("Alpha", f.AgentId, second, third);
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 3, reward: 40, team: true);

        await f.CallAsync();
        await f.EventAsync(second, ActivityType.CallCompleted);
        await f.EventAsync(outsider, ActivityType.CallCompleted); // not on the team
        Assert.DoesNotContain(f.Ledger(), t => t.Type == TransactionType.ChallengeReward);

        await f.EventAsync(second, ActivityType.CallCompleted);

        foreach (var member in new[] { f.AgentId, second, third })
        {
            Assert.Single(Rewards(f, challenge, member));
            Assert.Equal(1, f.Points(member).ChallengesCompleted);
        }
        Assert.Empty(Rewards(f, challenge, outsider));
        var team = Assert.Single(f.All<TeamChallenge>());
        Assert.Equal(3, team.Progress);
        Assert.True(team.Completed);

        await f.CallAsync();
        Assert.Single(Rewards(f, challenge, f.AgentId));
        Assert.Empty((await f.Engine.CheckLedgerAsync(f.TenantId, CancellationToken.None)).Mismatches);

        // Each member sees the team's total and their own part; the third member (no calls) was paid too and is told so.
        var mine = Assert.Single(await f.ChallengeService().ActiveForUserAsync(second), v => v.ChallengeId == challenge);
        Assert.Equal(4, mine.Progress);
        Assert.Equal(2, mine.MyContribution);
        Assert.Equal("Alpha", mine.TeamName);
        Assert.True(mine.Completed);
        Assert.Contains(f.Notifications.Published, n => n.UserId == third && n.Achievements?.Any(a => a.Kind == AchievementKind.ChallengeCompleted) == true);
    }

    [Fact]
    public async Task A_team_challenge_pays_its_badge_to_each_member_who_has_not_earned_it_yet_and_tells_each()
    {
        using var f = PointsFixture.InMemory();
        var second = f.AddAgent("agent-02");
        var third = f.AddAgent("agent-03");
        f.AddTeam("Alpha", f.AgentId, second, third);
        var prize = f.AddBadge(BadgeRequirement.Manual, 0, reward: 15);
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 1, reward: 40, team: true, badgeId: prize);
        await f.BadgeAwards().AwardBadgeAsync(f.TenantId, prize, third, "Planned the week", "admin-1", CancellationToken.None);

        await f.CallAsync();

        foreach (var member in new[] { f.AgentId, second, third })
        {
            Assert.Single(Rewards(f, challenge, member));
            Assert.Single(f.All<UserBadge>(), b => b.BadgeId == prize && b.UserId == member);
        }
        // The third member had the badge already (read in the same unit when the team was taken in): no second reward.
        Assert.Single(f.Ledger(), t => t.UserId == third && t.Type == TransactionType.BadgeReward);
        Assert.Equal((65L, 55L, 55L), (f.Points().CurrentPoints, f.Points(second).CurrentPoints, f.Points(third).CurrentPoints));
        Assert.Equal(
            [(AchievementKind.ChallengeCompleted, "Weekly TotalCalls 1"), (AchievementKind.BadgeEarned, "Manual 0")],
            f.Notifications.Published.Last(n => n.UserId == second).Achievements!.Select(a => (a.Kind, a.Title)));
        Assert.Equal(
            [(AchievementKind.ChallengeCompleted, "Weekly TotalCalls 1")],
            f.Notifications.Published.Last(n => n.UserId == third).Achievements!.Select(a => (a.Kind, a.Title)));
        Assert.True((await f.Engine.CheckLedgerAsync(f.TenantId, CancellationToken.None)).IsClean);
    }

    [Fact]
    public async Task Admin_view_counts_participants_and_completion_rate()
    {
        using var f = PointsFixture.InMemory();
        var second = f.AddAgent("agent-02");
        f.AddAgent("agent-03");
        var challenge = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 2);
        await f.CallAsync();
        await f.CallAsync();
        await f.EventAsync(second, ActivityType.CallCompleted);

        var view = await f.ChallengeService().GetAsync(challenge);
        Assert.Equal(2, view.Participants);
        Assert.Equal(1, view.Completions);
        Assert.Equal(0.5m, view.CompletionRate);
        Assert.Equal(0.25m, view.TargetRate);
        Assert.Equal(ChallengeStatus.Active, view.Status);
        Assert.Equal(2, view.CurrentParticipants);
    }

    [Fact]
    public async Task Challenge_validation_reports_errors_and_stores_nothing()
    {
        using var f = PointsFixture.InMemory();
        var service = f.ChallengeService();
        var before = f.All<Challenge>().Count;

        var error = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(new ChallengeInput(
            "", null, ChallengeType.Special, ObjectiveType.TotalCalls, 0, null, -1, 999_999, ChallengeDifficulty.Easy, null, null, false)));
        Assert.Equal(["badge_reward_id", "name", "points_reward", "start_day", "target"], error.Errors!.Keys.Order(StringComparer.Ordinal));

        var team = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(new ChallengeInput(
            "Team stars", null, ChallengeType.Weekly, ObjectiveType.AvgRating, 4, 10, 10, null, ChallengeDifficulty.Easy, null, null, true)));
        Assert.Contains("is_team_challenge", team.Errors!.Keys);

        var backwards = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(new ChallengeInput(
            "Sprint", null, ChallengeType.Special, ObjectiveType.TotalCalls, 5, null, 10, null, ChallengeDifficulty.Easy,
            new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 5), false)));
        Assert.Contains("end_day", backwards.Errors!.Keys);
        Assert.Equal(before, f.All<Challenge>().Count);

        var created = await service.CreateAsync(new ChallengeInput(
            "Sprint", "Ten calls in the sprint", ChallengeType.Special, ObjectiveType.TotalCalls, 10, null, 50, null, ChallengeDifficulty.Hard,
            new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6), false));
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6)), (created.StartDay, created.EndDay));
        Assert.Equal(ChallengeStatus.Active, created.Status);
    }
}
