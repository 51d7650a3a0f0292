namespace Gamification.Core.Tenants;

/// <summary>The guide's three presets (section Configuration, "Customization Options").</summary>
public static class TenantPresets
{
    /// <summary>
    /// Sets the preset's points, daily cap, decay and challenge cadence. With <paramref name="today"/> (a tenant that
    /// runs) a cadence switched off lets its open window end (<see cref="GamificationConfig.SetChallengeCadences"/>);
    /// without it (a new tenant, a comparison) the switches are simply set.
    /// </summary>
    public static void Apply(GamificationConfig config, GamificationPreset preset, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        bool daily, weekly, monthly;
        (config.PointsPerCall, config.PointsPerConversion, config.MaxDailyPoints,
         config.PointsDecayPercent, config.DecayPeriodDays, daily, weekly, monthly) = preset switch
         {
             GamificationPreset.Aggressive => (20, 100, 1000, 2, 60, true, true, false),
             GamificationPreset.Light => (5, 25, 250, 10, 14, false, true, false),
             _ => (10, 50, 500, 5, 30, true, true, true),
         };
        if (today is { } day)
        {
            config.SetChallengeCadences(daily, weekly, monthly, day);
        }
        else
        {
            (config.DailyChallenges, config.WeeklyChallenges, config.MonthlyChallenges) = (daily, weekly, monthly);
        }
    }

    public static GamificationConfig Create(Guid tenantId, GamificationPreset preset, DateTimeOffset now)
    {
        var config = new GamificationConfig { TenantId = tenantId, UpdatedAt = now };
        Apply(config, preset);
        return config;
    }
}
