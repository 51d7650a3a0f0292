namespace Gamification.Core.Tenants;

/// <summary>What a preset sets: points per call and conversion, the daily cap, decay and the challenge cadence.</summary>
public sealed record PresetRules(
    int PointsPerCall,
    int PointsPerConversion,
    int MaxDailyPoints,
    int PointsDecayPercent,
    int DecayPeriodDays,
    bool DailyChallenges,
    bool WeeklyChallenges,
    bool MonthlyChallenges);

/// <summary>The guide's three presets (section Configuration, "Customization Options"): their rules and their names.</summary>
public static class TenantPresets
{
    /// <summary>The one answer to a preset name that is not one of the three.</summary>
    public const string InvalidMessage = "The preset must be aggressive, moderate or light.";

    /// <summary>The rules a preset sets; the settings page shows them from here.</summary>
    public static PresetRules RulesOf(GamificationPreset preset) => preset switch
    {
        GamificationPreset.Aggressive => new(20, 100, 1000, 2, 60, true, true, false),
        GamificationPreset.Light => new(5, 25, 250, 10, 14, false, true, false),
        _ => new(10, 50, 500, 5, 30, true, true, true),
    };

    /// <summary>
    /// Reads a preset's name ("aggressive", "Moderate", " light "): letters only, any case, trimmed; numbers and other
    /// words are refused.
    /// </summary>
    public static bool TryParse(string? text, out GamificationPreset preset)
    {
        preset = default;
        var name = text?.Trim();
        return !string.IsNullOrEmpty(name) && name.All(char.IsLetter)
            && Enum.TryParse(name, ignoreCase: true, out preset) && Enum.IsDefined(preset);
    }

    /// <exception cref="DomainException">Validation (400) on <c>preset</c> when <paramref name="preset"/> is not one of the three.</exception>
    public static void EnsureDefined(GamificationPreset preset)
    {
        if (!Enum.IsDefined(preset))
        {
            throw DomainException.Invalid("preset", InvalidMessage);
        }
    }

    /// <summary>
    /// Sets the preset's points, daily cap, decay and challenge cadence. With <paramref name="today"/> (a tenant that
    /// runs) a cadence switched off lets its open window end (<see cref="GamificationConfig.SetChallengeCadences"/>);
    /// without it (a new tenant, a comparison) the switches are simply set.
    /// </summary>
    public static void Apply(GamificationConfig config, GamificationPreset preset, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rules = RulesOf(preset);
        (config.PointsPerCall, config.PointsPerConversion, config.MaxDailyPoints, config.PointsDecayPercent, config.DecayPeriodDays) =
            (rules.PointsPerCall, rules.PointsPerConversion, rules.MaxDailyPoints, rules.PointsDecayPercent, rules.DecayPeriodDays);
        if (today is { } day)
        {
            config.SetChallengeCadences(rules.DailyChallenges, rules.WeeklyChallenges, rules.MonthlyChallenges, day);
        }
        else
        {
            (config.DailyChallenges, config.WeeklyChallenges, config.MonthlyChallenges) =
                (rules.DailyChallenges, rules.WeeklyChallenges, rules.MonthlyChallenges);
        }
    }

    public static GamificationConfig Create(Guid tenantId, GamificationPreset preset, DateTimeOffset now)
    {
        var config = new GamificationConfig { TenantId = tenantId, UpdatedAt = now };
        Apply(config, preset);
        return config;
    }
}
