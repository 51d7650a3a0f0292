namespace Gamification.Core.Tenants;

/// <summary>The guide's three presets (section Configuration, "Customization Options").</summary>
public static class TenantPresets
{
    public static void Apply(GamificationConfig config, GamificationPreset preset)
    {
        ArgumentNullException.ThrowIfNull(config);
        (config.PointsPerCall, config.PointsPerConversion, config.MaxDailyPoints,
         config.PointsDecayPercent, config.DecayPeriodDays,
         config.DailyChallenges, config.WeeklyChallenges, config.MonthlyChallenges) = preset switch
         {
             GamificationPreset.Aggressive => (20, 100, 1000, 2, 60, true, true, false),
             GamificationPreset.Light => (5, 25, 250, 10, 14, false, true, false),
             _ => (10, 50, 500, 5, 30, true, true, true),
         };
    }

    public static GamificationConfig Create(Guid tenantId, GamificationPreset preset, DateTimeOffset now)
    {
        var config = new GamificationConfig { TenantId = tenantId, UpdatedAt = now };
        Apply(config, preset);
        return config;
    }
}
