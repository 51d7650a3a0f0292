using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Levels;

/// <summary>Admins edit the tenant's levels (docs/rules.md, Editing levels): changes apply from the next award, nobody is demoted.</summary>
public sealed class LevelServiceTests
{
    private static LevelService Service(PointsFixture f) => new(f.TenantScoped(), f.Clock, NullLogger<LevelService>.Instance);

    private static List<LevelInput> AsInput(IEnumerable<LevelView> levels) =>
        levels.Select(l => new LevelInput(l.Level, l.Name, l.Tier, l.PointsTotalRequired, l.Privileges)).ToList();

    private static List<LevelInput> With(IEnumerable<LevelView> levels, int level, Func<LevelInput, LevelInput> change) =>
        AsInput(levels).Select(l => l.Level == level ? change(l) : l).ToList();

    [Fact]
    public async Task A_lowered_threshold_is_reached_with_the_next_points_and_pays_the_bonus()
    {
        using var f = PointsFixture.InMemory();
        f.SeedBalance(600);
        var levels = await Service(f).ListAsync();

        await Service(f).UpdateAsync(With(levels, 2, l => l with { PointsTotalRequired = 500 }));
        await f.CallAsync();

        Assert.Equal(2, f.Level());
        Assert.Contains(f.Ledger(), t => t.Type == TransactionType.LevelUp);
        var saved = await Service(f).ListAsync();
        Assert.Equal((500L, 500L, 1500L), (saved[1].PointsTotalRequired, saved[1].PointsRequired, saved[2].PointsRequired));
    }

    [Fact]
    public async Task A_raised_threshold_demotes_nobody_and_the_next_level_waits_for_its_new_threshold()
    {
        using var f = PointsFixture.InMemory();
        f.SeedBalance(990);
        await f.CallAsync(); // 1,000 lifetime: level 2, plus its 150 bonus
        Assert.Equal(2, f.Level());
        var levels = await Service(f).ListAsync();

        var input = AsInput(levels).Select(l => l.Level >= 2 ? l with { PointsTotalRequired = l.PointsTotalRequired + 5000 } : l).ToList();
        await Service(f).UpdateAsync(input);
        await f.CallAsync();

        Assert.Equal(2, f.Level());
        Assert.Single(f.Ledger(), t => t.Type == TransactionType.LevelUp);
        var people = (await Service(f).ListAsync()).Single(l => l.Level == 2).People;
        Assert.Equal(1, people);
    }

    [Fact]
    public async Task Names_tiers_and_privileges_are_saved_and_the_dashboard_reads_them()
    {
        using var f = PointsFixture.InMemory();
        var levels = await Service(f).ListAsync();

        await Service(f).UpdateAsync(AsInput(levels).Select(l => l.Level switch
        {
            1 => l with { Name = " Rookie ", Tier = "Bronze", Privileges = "The shop." },
            2 => l with { Name = "Pro", Tier = "Platinum", Privileges = "Priority shifts." },
            _ => l,
        }).ToList());

        var saved = await Service(f).ListAsync();
        Assert.Equal(("Rookie", "Bronze", "bronze"), (saved[0].Name, saved[0].Tier, saved[0].Icon));
        Assert.Equal(("Pro", "Platinum", "medal"), (saved[1].Name, saved[1].Tier, saved[1].Icon));
        var summary = await new PointsQueries(f.TenantScoped(), f.Clock).GetSummaryAsync(f.AgentId);
        Assert.Equal(("Rookie", "Bronze", "The shop.", "Pro", "Priority shifts."),
            (summary!.LevelName, summary.Tier, summary.Privileges, summary.NextLevelName, summary.NextLevelPrivileges));
    }

    [Fact]
    public async Task A_badge_chosen_for_a_level_is_awarded_on_reaching_it()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.Manual, 0, reward: 0);
        f.SeedBalance(990);
        var levels = await Service(f).ListAsync();

        var saved = await Service(f).UpdateAsync(With(levels, 2, l => l with { BadgeId = badge }));
        await f.CallAsync();

        Assert.Equal(badge, saved[1].Badge?.Id);
        Assert.Contains(f.All<UserBadge>(), b => b.BadgeId == badge && b.UserId == f.AgentId);
    }

    [Fact]
    public async Task Bad_levels_are_refused_field_by_field_and_nothing_is_saved()
    {
        using var f = PointsFixture.InMemory();
        var levels = await Service(f).ListAsync();
        var input = AsInput(levels).Select(l => l.Level switch
        {
            1 => l with { PointsTotalRequired = 10 },
            3 => l with { PointsTotalRequired = 1000 },
            4 => l with { Name = "  " },
            5 => l with { Tier = "Gold\u202E" },
            6 => l with { BadgeId = 999_999 },
            _ => l,
        }).ToList();

        var error = await Assert.ThrowsAsync<DomainException>(() => Service(f).UpdateAsync(input));

        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        Assert.Equal(
            ["levels[1].points_total_required", "levels[3].points_total_required", "levels[4].name", "levels[5].tier", "levels[6].badge_id"],
            error.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AsInput(levels), AsInput(await Service(f).ListAsync()));
    }

    [Fact]
    public async Task Every_level_is_sent_once()
    {
        using var f = PointsFixture.InMemory();
        var levels = AsInput(await Service(f).ListAsync());

        var missing = await Assert.ThrowsAsync<DomainException>(() => Service(f).UpdateAsync(levels.Take(9).ToList()));
        var twice = await Assert.ThrowsAsync<DomainException>(() => Service(f).UpdateAsync([.. levels.Take(9), levels[8]]));

        Assert.Equal("Send every level once: levels 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.", missing.Errors!["levels"][0]);
        Assert.True(twice.Errors!.ContainsKey("levels"));
    }
}
