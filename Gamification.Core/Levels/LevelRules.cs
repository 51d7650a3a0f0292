namespace Gamification.Core.Levels;

/// <summary>
/// The level rules of RULES.md (Levels, Daily cap) as pure functions. A tenant's levels are passed in
/// as loaded; they need not be sorted.
/// </summary>
public static class LevelRules
{
    /// <summary>
    /// The level a user with <paramref name="lifetimePoints"/> has reached: the highest level whose
    /// threshold is at or below those points; 1 when the tenant has no levels (or none starts at 0).
    /// </summary>
    public static int LevelFor(long lifetimePoints, IEnumerable<PlayerLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var reached = levels
            .Where(l => l.PointsTotalRequired <= lifetimePoints)
            .Select(l => l.LevelNumber)
            .DefaultIfEmpty(1)
            .Max();
        return Math.Max(1, reached);
    }

    /// <summary>The level after <paramref name="currentLevel"/> (the lowest level number above it), or null at the top.</summary>
    public static PlayerLevel? NextLevel(int currentLevel, IEnumerable<PlayerLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return levels
            .Where(l => l.LevelNumber > currentLevel)
            .OrderBy(l => l.LevelNumber)
            .FirstOrDefault();
    }

    /// <summary>Activity points a user at <paramref name="level"/> may earn per local day: 500 + 50 x (level - 1) by default.</summary>
    public static int DailyCap(GamificationConfig config, int level)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.MaxDailyPoints + (config.DailyCapRaisePerLevel * (Math.Max(1, level) - 1));
    }

    /// <summary>The bonus for reaching a level: floor(100 x 1.25) + 25 = 150 by default. Never capped, never multiplied further.</summary>
    public static long LevelUpBonus(GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (long)decimal.Floor(config.LevelUpBasePoints * config.LevelUpMultiplier) + config.LevelUpBonus;
    }
}
