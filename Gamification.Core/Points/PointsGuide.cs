namespace Gamification.Core.Points;

/// <summary>
/// The tenant's live rules in figures, for the agents' "How points work" page (docs/rules.md, Rules they can read):
/// every number is computed by the same rules the engine scores with, from the settings as they are now.
/// </summary>
/// <param name="Activities">Each activity's points, plain and on a streak day that earns the multiplier.</param>
/// <param name="YourLevel">The reader's level and its daily cap (null for someone without a balance).</param>
public sealed record PointsGuide(
    TenantSettings Settings,
    IReadOnlyList<GuideActivity> Activities,
    long LevelUpBonus,
    IReadOnlyList<GuideLevel> Levels,
    int? YourLevel,
    int? YourDailyCap);

/// <summary>One kind of activity: what it earns, and what it earns while the streak multiplier applies.</summary>
public sealed record GuideActivity(string Name, long Points, long OnAStreak);

/// <summary>A level as agents read it: where it starts, its daily cap and what it unlocks.</summary>
public sealed record GuideLevel(int Level, string Name, string Tier, long From, int DailyCap, string Privileges);

/// <summary>Builds the <see cref="PointsGuide"/> of the current tenant.</summary>
public sealed class PointsGuideQuery(
    IDbContextFactory<GamificationDbContext> dbFactory, TenantSettingsService settings, Levels.LevelService levels, PointsQueries points)
{
    public async Task<PointsGuide> GetAsync(string? readerId, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        GamificationConfig config;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            config = (await TenantRules.LoadAsync(db, db.TenantId, ct)).Config;
        }
        var streak = Math.Max(1, config.StreakBonusMinDays);
        GuideActivity Of(string name, ActivityType type, int? rating = null) => new(name,
            PointsRules.ComputeAward(config, type, rating, 1, int.MaxValue, 0).Awarded,
            PointsRules.ComputeAward(config, type, rating, streak, int.MaxValue, 0).Awarded);
        var activities = new[]
        {
            Of("Completed call", ActivityType.CallCompleted),
            Of("Perfect call (the customer rates it 5), instead of a plain call", ActivityType.CallCompleted, 5),
            Of("Lead converted", ActivityType.LeadConverted),
            Of("Quality review", ActivityType.QualityReview),
            Of("Customer feedback", ActivityType.CustomerFeedback),
        };
        var table = (await levels.ListAsync(ct))
            .Select(l => new GuideLevel(l.Level, l.Name, l.Tier, l.PointsTotalRequired, LevelRules.DailyCap(config, l.Level), l.Privileges)).ToList();
        var reader = readerId is null ? null : await points.GetSummaryAsync(readerId, ct);
        return new PointsGuide(current, activities, LevelRules.LevelUpBonus(config), table, reader?.Level, reader?.DailyCap);
    }
}
