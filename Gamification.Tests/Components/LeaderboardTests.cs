using Bunit;

using Gamification.Web.Components.Shared;

using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Components;

/// <summary>
/// The leaderboard, drawn from data (no service): the podium of the top three, rank-change arrows, streaks and
/// badges, and the reader's own row highlighted on the page or pinned under it when elsewhere.
/// </summary>
public sealed class LeaderboardTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2025, 3, 5, 14, 0, 0, TimeSpan.Zero);
    private const string Me = "user-me";

    [Fact]
    public void The_podium_shows_the_top_three_in_order_with_gold_silver_and_bronze()
    {
        var table = RenderTable(Board(
            Entry(1, "sarah", "Sarah Chen", 2450),
            Entry(2, "mike", "Mike Johnson", 2380),
            Entry(3, "emma", "Emma Davis", 2310),
            Entry(4, "tom", "Tom Wilson", 2245)));

        var podium = table.Find("#lb-podium");
        var places = podium.QuerySelectorAll("[data-testid^=lb-podium-]");
        Assert.Equal(["sarah", "mike", "emma"], places.Select(p => p.GetAttribute("data-user-id")));
        Assert.Equal(["1", "2", "3"], places.Select(p => p.GetAttribute("data-rank")));
        Assert.Contains("lb-gold", places[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("lb-silver", places[1].ClassName, StringComparison.Ordinal);
        Assert.Contains("lb-bronze", places[2].ClassName, StringComparison.Ordinal);
        Assert.Contains("Sarah Chen", places[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2,450", places[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Wilson", podium.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_show_rank_name_team_points_change_badges_and_streak_as_the_guide_displays_them()
    {
        var table = RenderTable(Board(Entry(1, "sarah", "Sarah Chen", 2450, change: 120, badges: 15, streak: 7, team: "Blue Team")));

        var row = table.Find("[data-testid=lb-row-1-sarah]");
        Assert.Equal("sarah", row.GetAttribute("data-user-id"));
        Assert.Equal("1", row.GetAttribute("data-rank"));
        Assert.Equal("2450", row.GetAttribute("data-points"));
        var text = row.TextContent;
        Assert.Equal("Gold", row.QuerySelector(".lb-medal")!.GetAttribute("title"));
        Assert.Contains("#1", text, StringComparison.Ordinal);
        Assert.Contains("Sarah Chen", text, StringComparison.Ordinal);
        Assert.Contains("Blue Team", text, StringComparison.Ordinal);
        Assert.Contains("2,450", text, StringComparison.Ordinal);
        Assert.Contains("+120 today", text, StringComparison.Ordinal);
        Assert.Equal("15", row.QuerySelector(".lb-badges")!.GetAttribute("data-value"));
        Assert.Equal("15", row.QuerySelector(".lb-badges")!.TextContent.Trim());
        Assert.Equal("7", row.QuerySelector(".lb-streak")!.GetAttribute("data-value"));
        Assert.Equal("7", row.QuerySelector(".lb-streak")!.TextContent.Trim());
    }

    [Fact]
    public void The_days_change_is_left_out_where_it_would_only_repeat_the_score()
    {
        var weekly = RenderTable(Board(Entry(1, "ann", "Ann", 500, change: 500), Entry(2, "bob", "Bob", 400, change: 40)));
        Assert.Empty(weekly.FindAll("[data-testid=lb-row-1-ann] .lb-change"));
        Assert.Contains("+40 today", weekly.Find("[data-testid=lb-row-2-bob] .lb-change").TextContent, StringComparison.Ordinal);

        var daily = RenderTable(Board(Entry(1, "bob", "Bob", 400, change: 40)) with { PeriodType = LeaderboardPeriod.Daily });
        Assert.Empty(daily.FindAll(".lb-change"));
    }

    [Fact]
    public void Rank_arrows_say_up_down_new_and_same_against_the_previous_snapshot()
    {
        var table = RenderTable(Board(
            Entry(1, "up", "Climber", 500, previous: 4),
            Entry(2, "down", "Slider", 400, previous: 1),
            Entry(3, "new", "Newcomer", 300, previous: null),
            Entry(4, "same", "Steady", 200, previous: 4)));

        AssertChange(table, "lb-row-1-up", "up", "3", "lb-move-up");
        AssertChange(table, "lb-row-2-down", "down", "1", "lb-move-down");
        AssertChange(table, "lb-row-3-new", "new", "NEW", "lb-move-new");
        AssertChange(table, "lb-row-4-same", "same", "–", "lb-move-same");
    }

    [Fact]
    public void Without_any_snapshot_no_row_claims_to_be_new()
    {
        var table = RenderTable(Board(Entry(1, "ann", "Ann", 100, previous: null)) with { SnapshotAt = null });

        Assert.Equal("none", table.Find("[data-testid=lb-row-1-ann] [data-change]").GetAttribute("data-change"));
        Assert.DoesNotContain("NEW", table.Find("[data-testid=lb-row-1-ann]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_callers_row_on_the_page_is_highlighted_and_not_pinned()
    {
        var mine = Entry(2, Me, "Me Myself", 400, caller: true);
        var table = RenderTable(Board(Entry(1, "ann", "Ann", 500), mine, Entry(3, "bob", "Bob", 300)) with { UserRank = mine });

        var row = table.Find($"[data-testid=lb-row-2-{Me}]");
        Assert.Equal("true", row.GetAttribute("data-caller"));
        Assert.Contains("lb-row-caller", row.ClassName, StringComparison.Ordinal);
        Assert.Contains("You", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("#lb-pinned"));
        Assert.Single(table.FindAll("[data-caller=true]"));
    }

    [Fact]
    public void The_callers_row_off_the_page_is_pinned_at_the_bottom()
    {
        var mine = Entry(57, Me, "Me Myself", 40, caller: true, previous: 60);
        var table = RenderTable(Board(Entry(1, "ann", "Ann", 500), Entry(2, "bob", "Bob", 300)) with { UserRank = mine, TotalCount = 80 });

        var pinned = table.Find("#lb-pinned");
        var row = pinned.QuerySelector($"[data-testid=lb-row-57-{Me}]");
        Assert.NotNull(row);
        Assert.Equal("true", row.GetAttribute("data-caller"));
        Assert.Equal("57", row.GetAttribute("data-rank"));
        Assert.Equal("up", row.QuerySelector("[data-change]")!.GetAttribute("data-change"));
        // Pinned after the page's rows.
        var all = table.FindAll("[data-testid^=lb-row-]");
        Assert.Equal($"lb-row-57-{Me}", all[^1].GetAttribute("data-testid"));
    }

    [Fact]
    public void A_caller_without_a_row_on_the_board_gets_no_pinned_row()
    {
        var table = RenderTable(Board(Entry(1, "ann", "Ann", 500)) with { UserRank = null });

        Assert.Empty(table.FindAll("#lb-pinned"));
        Assert.Empty(table.FindAll("[data-caller=true]"));
    }

    [Fact]
    public void Later_pages_and_searches_have_no_podium()
    {
        var entries = new[] { Entry(101, "a", "A", 10), Entry(102, "b", "B", 9) };
        var later = RenderTable(Board(entries) with { Offset = 100 });
        Assert.Empty(later.FindAll("#lb-podium"));

        var searching = Render<LeaderboardTable>(p => p.Add(x => x.Page, Board(Entry(1, "ann", "Ann", 500))).Add(x => x.Search, "ann"));
        Assert.Empty(searching.FindAll("#lb-podium"));
        Assert.Single(searching.FindAll("[data-testid=lb-row-1-ann]"));
    }

    [Fact]
    public void Team_rows_are_keyed_by_team_id()
    {
        var team = new LeaderboardEntryView(1, null, 42, "Blue Team", null, 9000, 300, 2, 40, 9, IsCaller: true);
        var table = Render<LeaderboardTable>(p => p.Add(x => x.Page, Board(team) with { UserRank = team }).Add(x => x.Teams, true));

        var row = table.Find("[data-testid=lb-row-1-42]");
        Assert.Equal("42", row.GetAttribute("data-team-id"));
        Assert.Null(row.GetAttribute("data-user-id"));
        Assert.Contains("Your team", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("#lb-pinned"));
    }

    [Fact]
    public void An_empty_board_invites_the_first_call()
    {
        var table = RenderTable(Board());

        Assert.Equal("No points yet this week — the first call takes the lead", table.Find("#lb-empty .lb-empty-title").TextContent.Trim());
        Assert.Empty(table.FindAll("#lb-podium"));
    }

    [Fact]
    public void A_search_without_matches_says_so()
    {
        var table = Render<LeaderboardTable>(p => p.Add(x => x.Page, Board()).Add(x => x.Search, "zed"));

        Assert.Contains("No one on this board matches “zed”", table.Find("#lb-empty").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wallboard_has_medal_rows_and_no_podium_or_own_row()
    {
        var mine = Entry(30, Me, "Me", 10, caller: true);
        var table = Render<LeaderboardTable>(p => p
            .Add(x => x.Page, Board(Entry(1, "ann", "Ann", 500), Entry(2, "bob", "Bob", 400), Entry(3, "cy", "Cy", 300)) with { UserRank = mine })
            .Add(x => x.Wall, true));

        Assert.Empty(table.FindAll("#lb-podium"));
        Assert.Empty(table.FindAll("#lb-pinned"));
        Assert.Contains("lb-gold", table.Find("[data-testid=lb-row-1-ann]").ClassName, StringComparison.Ordinal);
        Assert.Contains("lb-wall", table.Find(".lb").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void While_loading_it_shows_a_skeleton()
    {
        var table = Render<LeaderboardTable>(p => p.Add(x => x.Page, null));

        Assert.NotEmpty(table.FindAll(".lb-row-skeleton"));
        Assert.Empty(table.FindAll("#lb-empty"));
    }

    [Fact]
    public async Task Live_reloads_run_at_once_then_at_most_once_per_interval()
    {
        var runs = 0;
        using var throttle = new ThrottledReload(TimeSpan.FromMilliseconds(300), TimeProvider.System,
            () => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, NullLogger.Instance);

        throttle.Request();
        Assert.Equal(1, Volatile.Read(ref runs));
        for (var i = 0; i < 50; i++)
        {
            throttle.Request();
        }
        Assert.Equal(1, Volatile.Read(ref runs));

        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2);
        await Task.Delay(500);
        Assert.Equal(2, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task A_disposed_throttle_never_reloads()
    {
        var runs = 0;
        var throttle = new ThrottledReload(TimeSpan.FromMilliseconds(200), TimeProvider.System,
            () => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, NullLogger.Instance);
        throttle.Request();
        throttle.Request();

        throttle.Dispose();
        throttle.Request();
        await Task.Delay(400);

        Assert.Equal(1, Volatile.Read(ref runs));
    }

    private IRenderedComponent<LeaderboardTable> RenderTable(LeaderboardPage page) =>
        Render<LeaderboardTable>(p => p.Add(x => x.Page, page));

    private static void AssertChange(IRenderedComponent<LeaderboardTable> table, string testId, string kind, string text, string cssClass)
    {
        var move = table.Find($"[data-testid={testId}] [data-change]");
        Assert.Equal(kind, move.GetAttribute("data-change"));
        Assert.Contains(cssClass, move.ClassName + " " + move.InnerHtml, StringComparison.Ordinal);
        Assert.Contains(text, move.TextContent, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting for the reload.");
            await Task.Delay(20);
        }
    }

    private static LeaderboardEntryView Entry(int rank, string userId, string name, long points, long change = 0, int? previous = null,
        int badges = 0, int streak = 0, string? team = null, bool caller = false) =>
        new(rank, userId, null, name, team, points, change, previous, badges, streak, caller);

    private static LeaderboardPage Board(params LeaderboardEntryView[] entries) =>
        new(LeaderboardPeriod.Weekly, new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 9), entries, null, entries.Length, 100, 0, Now, Now.AddHours(-6));
}
