namespace Gamification.Core.Tenants;

/// <summary>A tenant's settings as an admin sees them: the tenant's name and zone and every rule of its configuration.</summary>
/// <param name="Preset">"aggressive", "moderate" or "light" when the rules are exactly that preset's, else "custom".</param>
public sealed record TenantSettings(
    string Name,
    string TimeZone,
    string Preset,
    bool Enabled,
    int PointsPerCall,
    int PointsPerConversion,
    int PointsPerQualityReview,
    int PointsPerFeedback,
    int PerfectCallMultiplier,
    int PerfectCallBonus,
    decimal StreakMultiplier,
    int StreakBonusMinDays,
    bool StreakSkipsDaysOff,
    IReadOnlyList<DayOfWeek> DaysOff,
    int MaxDailyPoints,
    int DailyCapRaisePerLevel,
    int PointsDecayPercent,
    int DecayPeriodDays,
    int LevelUpBasePoints,
    decimal LevelUpMultiplier,
    int LevelUpBonus,
    string LeaderboardResetPeriod,
    bool DailyChallenges,
    bool WeeklyChallenges,
    bool MonthlyChallenges,
    bool LeaderboardVisibilityChoice,
    bool ProtectBottom,
    int ProtectBottomTop,
    bool Leagues,
    bool StreakReminders,
    DateTimeOffset UpdatedAt,
    string Language = Languages.Default);

/// <summary>A change to the settings: a null field keeps its current value, so an update may be partial.</summary>
public sealed record TenantSettingsInput
{
    public string? Name { get; init; }
    public string? TimeZone { get; init; }
    public bool? Enabled { get; init; }
    public int? PointsPerCall { get; init; }
    public int? PointsPerConversion { get; init; }
    public int? PointsPerQualityReview { get; init; }
    public int? PointsPerFeedback { get; init; }
    public int? PerfectCallMultiplier { get; init; }
    public int? PerfectCallBonus { get; init; }
    public decimal? StreakMultiplier { get; init; }
    public int? StreakBonusMinDays { get; init; }
    public bool? StreakSkipsDaysOff { get; init; }
    public IReadOnlyList<DayOfWeek>? DaysOff { get; init; }
    public int? MaxDailyPoints { get; init; }
    public int? DailyCapRaisePerLevel { get; init; }
    public int? PointsDecayPercent { get; init; }
    public int? DecayPeriodDays { get; init; }
    public int? LevelUpBasePoints { get; init; }
    public decimal? LevelUpMultiplier { get; init; }
    public int? LevelUpBonus { get; init; }
    public string? LeaderboardResetPeriod { get; init; }
    public bool? DailyChallenges { get; init; }
    public bool? WeeklyChallenges { get; init; }
    public bool? MonthlyChallenges { get; init; }
    public bool? LeaderboardVisibilityChoice { get; init; }
    public bool? ProtectBottom { get; init; }
    public int? ProtectBottomTop { get; init; }
    public bool? Leagues { get; init; }
    public bool? StreakReminders { get; init; }

    /// <summary>The tenant's language ("en", "es"): its people's unless they choose their own, and its starter content's.</summary>
    public string? Language { get; init; }
}

/// <summary>
/// An admin reads and changes their own tenant's settings. Every field is checked before anything is written:
/// one bad field refuses the whole change with a message per field (keyed by the API's snake_case name).
/// </summary>
public sealed class TenantSettingsService(
    IDbContextFactory<GamificationDbContext> dbFactory,
    CurrentTenant current,
    TimeProvider clock,
    ILogger<TenantSettingsService> logger)
{
    public const string Custom = "custom";
    public const int MaxPointsPerEvent = 10_000;
    public const int MaxMultiplier = 10;
    public const int MaxStreakMinDays = 365;
    public const int MaxDailyCap = 1_000_000;
    public const int MaxDecayPeriodDays = 3_650;
    public const int MaxProtectBottomTop = 100;

    /// <summary>The leaderboard periods a tenant may reset on.</summary>
    public static IReadOnlyList<string> ResetPeriods { get; } = ["daily", "weekly", "monthly"];

    private Guid TenantId => current.TenantId ?? throw new DomainException(DomainErrorKind.Forbidden, "Only members of a tenant manage its settings.");

    public async Task<TenantSettings> GetAsync(CancellationToken ct = default)
    {
        var tenantId = TenantId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var (tenant, config) = await LoadAsync(db, tenantId, ct);
        return ToSettings(tenant, config);
    }

    /// <summary>The tenant and its configuration (the context's query filter picks the tenant's one); 404 when either is missing.</summary>
    private static async Task<(Tenant Tenant, GamificationConfig Config)> LoadAsync(GamificationDbContext db, Guid tenantId, CancellationToken ct) =>
        (await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw DomainException.NotFound("The tenant"),
            await db.GamificationConfigs.FirstOrDefaultAsync(ct) ?? throw DomainException.NotFound("The tenant's configuration"));

    /// <summary>Applies the given fields, all or nothing.</summary>
    /// <exception cref="DomainException">A field is invalid (400, errors per field) or the name is taken (409); nothing changed.</exception>
    public async Task<TenantSettings> UpdateAsync(TenantSettingsInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tenantId = TenantId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (tenant, config) = await LoadAsync(db, tenantId, ct);
        var before = Audited(ToSettings(tenant, config));

        var errors = Validate(input, out var name, out var zone, out var period);
        if (name is not null && name != tenant.Name && await db.Tenants.AnyAsync(t => t.Name == name && t.Id != tenantId, ct))
        {
            errors["name"] = ["Another tenant already uses that name; choose another."];
        }
        if (errors.Count > 0)
        {
            throw new DomainException(DomainErrorKind.Validation, "The settings were not saved: fix the fields marked.", errors);
        }

        var nameChanged = name is not null && name != tenant.Name;
        tenant.Name = name ?? tenant.Name;
        tenant.TimeZoneId = zone ?? tenant.TimeZoneId;
        config.Enabled = input.Enabled ?? config.Enabled;
        foreach (var rule in NumberRules)
        {
            if (rule.Given(input) is { } value)
            {
                rule.Set(config, value);
            }
        }
        config.StreakSkipsDaysOff = input.StreakSkipsDaysOff ?? config.StreakSkipsDaysOff;
        if (input.DaysOff is { } daysOff)
        {
            config.DaysOff = MondayFirst(daysOff);
        }
        config.LeaderboardResetPeriod = period ?? config.LeaderboardResetPeriod;
        config.LeaderboardVisibilityChoice = input.LeaderboardVisibilityChoice ?? config.LeaderboardVisibilityChoice;
        config.ProtectBottom = input.ProtectBottom ?? config.ProtectBottom;
        config.ProtectBottomTop = input.ProtectBottomTop ?? config.ProtectBottomTop;
        config.Leagues = input.Leagues ?? config.Leagues;
        config.StreakReminders = input.StreakReminders ?? config.StreakReminders;
        config.Language = input.Language ?? config.Language;
        config.UpdatedAt = clock.GetUtcNow();
        config.SetChallengeCadences(input.DailyChallenges ?? config.DailyChallenges, input.WeeklyChallenges ?? config.WeeklyChallenges,
            input.MonthlyChallenges ?? config.MonthlyChallenges, TenantClock.For(tenant.TimeZoneId).LocalDay(config.UpdatedAt));
        if (MatchingPreset(config) is { } preset)
        {
            tenant.Preset = preset;
        }

        var after = ToSettings(tenant, config);
        db.Record(config.UpdatedAt, AuditKind.SettingsChanged, "settings", null, "Changed the tenant settings", before, Audited(after));
        await SaveAsync(db, nameChanged, ct);
        logger.LogInformation("Settings of tenant {TenantId} changed by user {UserId}", tenantId, current.UserId);
        return after;
    }

    /// <summary>
    /// Sets the rules to a preset: its points, daily cap, decay and challenge cadence, and the default multipliers,
    /// bonuses, streak threshold, cap raise, level-up bonus and leaderboard period. The name, time zone, the enabled
    /// switch and the days off stay as they are.
    /// </summary>
    public async Task<TenantSettings> ApplyPresetAsync(GamificationPreset preset, CancellationToken ct = default)
    {
        TenantPresets.EnsureDefined(preset);
        var tenantId = TenantId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (tenant, config) = await LoadAsync(db, tenantId, ct);
        var before = Audited(ToSettings(tenant, config));

        // Every number back to its default, then the preset's own numbers and switches over them.
        var defaults = new GamificationConfig();
        foreach (var rule in NumberRules)
        {
            rule.Set(config, rule.Get(defaults));
        }
        config.LeaderboardResetPeriod = defaults.LeaderboardResetPeriod;
        config.UpdatedAt = clock.GetUtcNow();
        TenantPresets.Apply(config, preset, TenantClock.For(tenant.TimeZoneId).LocalDay(config.UpdatedAt));
        tenant.Preset = preset;

        var after = ToSettings(tenant, config);
        db.Record(config.UpdatedAt, AuditKind.PresetApplied, "settings", null, $"Applied the {PresetName(preset)} preset", before, Audited(after));
        await SaveAsync(db, nameChanged: false, ct);
        logger.LogInformation("Tenant {TenantId} switched to the {Preset} preset by user {UserId}", tenantId, preset, current.UserId);
        return after;
    }

    /// <summary>The preset whose rules <paramref name="config"/> has exactly (days off and switches aside), or null.</summary>
    public static GamificationPreset? MatchingPreset(GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var preset in Enum.GetValues<GamificationPreset>())
        {
            var expected = new GamificationConfig();
            TenantPresets.Apply(expected, preset);
            if (NumberRules.All(r => r.Get(config) == r.Get(expected))
                && config.LeaderboardResetPeriod == expected.LeaderboardResetPeriod
                && config.DailyChallenges == expected.DailyChallenges
                && config.WeeklyChallenges == expected.WeeklyChallenges
                && config.MonthlyChallenges == expected.MonthlyChallenges)
            {
                return preset;
            }
        }
        return null;
    }

    /// <summary>The API name of a preset ("aggressive", "moderate", "light").</summary>
    public static string PresetName(GamificationPreset preset) => preset.ToString().ToLowerInvariant();

    /// <summary>The errors of every given field, by its snake_case name (the tenant name's uniqueness aside); empty when all are valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Check(TenantSettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Validate(input, out _, out _, out _);
    }

    /// <summary>
    /// Checks every given field; returns the errors by field. Also returns the cleaned name, the canonical zone id
    /// and the lower-case period when they were given and valid.
    /// </summary>
    private static Dictionary<string, string[]> Validate(TenantSettingsInput input, out string? name, out string? zone, out string? period)
    {
        var errors = new Dictionary<string, string[]>();
        name = null;
        zone = null;
        period = null;

        if (input.Name is not null)
        {
            name = input.Name.Trim();
            if (TenantService.NameError(name) is { } nameError)
            {
                errors["name"] = [nameError];
            }
        }
        if (input.Language is not null && !Languages.IsSupported(input.Language))
        {
            errors["language"] = [CoreText.Get("Settings.LanguageInvalid")];
        }
        if (input.TimeZone is not null)
        {
            zone = CanonicalZoneId(input.TimeZone);
            if (zone is null)
            {
                errors["time_zone"] = [$"'{input.TimeZone}' is not a known IANA time zone; pick one such as America/New_York, Europe/Berlin or UTC."];
            }
        }

        foreach (var rule in NumberRules)
        {
            rule.Check(input, errors);
        }
        if (input.DaysOff is { } days)
        {
            if (days.Any(d => !Enum.IsDefined(d)))
            {
                errors["days_off"] = ["Days off must be weekdays: monday to sunday."];
            }
            else if (days.Distinct().Count() == 7)
            {
                errors["days_off"] = ["Not all seven days can be days off: streaks would never grow."];
            }
        }
        if (input.ProtectBottomTop is < 1 or > MaxProtectBottomTop)
        {
            errors["protect_bottom_top"] = [$"The number of leaders shown must be a whole number from 1 to {MaxProtectBottomTop}."];
        }
        if (input.LeaderboardResetPeriod is not null)
        {
            period = input.LeaderboardResetPeriod.Trim().ToLowerInvariant();
            if (!ResetPeriods.Contains(period))
            {
                errors["leaderboard_reset_period"] = ["The leaderboard resets daily, weekly or monthly."];
                period = null;
            }
        }
        return errors;
    }

    /// <summary>
    /// The IANA id as the system spells it ("europe/berlin" gives "Europe/Berlin"), or null. Windows names such as
    /// "Eastern Standard Time", which the lookup also accepts on Linux, are refused.
    /// </summary>
    public static string? CanonicalZoneId(string? id)
    {
        var text = id?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var listed = TimeZoneInfo.GetSystemTimeZones()
            .FirstOrDefault(z => z.HasIanaId && string.Equals(z.Id, text, StringComparison.OrdinalIgnoreCase));
        if (listed is not null)
        {
            return listed.Id;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(text, out var found) && found.HasIanaId ? found.Id : null;
    }

    /// <summary>
    /// The numeric rules, one row each: the API's field name, the label its message uses, the range, and where the
    /// value is read from a change and kept on the configuration. Checking, updating, resetting to a preset and
    /// recognising a preset all walk this table.
    /// </summary>
    private static readonly NumberRule[] NumberRules =
    [
        NumberRule.Whole("points_per_call", "Points per call", 0, MaxPointsPerEvent, i => i.PointsPerCall, c => c.PointsPerCall, (c, v) => c.PointsPerCall = v),
        NumberRule.Whole("points_per_conversion", "Points per conversion", 0, MaxPointsPerEvent, i => i.PointsPerConversion, c => c.PointsPerConversion, (c, v) => c.PointsPerConversion = v),
        NumberRule.Whole("points_per_quality_review", "Points per quality review", 0, MaxPointsPerEvent, i => i.PointsPerQualityReview, c => c.PointsPerQualityReview, (c, v) => c.PointsPerQualityReview = v),
        NumberRule.Whole("points_per_feedback", "Points per customer feedback", 0, MaxPointsPerEvent, i => i.PointsPerFeedback, c => c.PointsPerFeedback, (c, v) => c.PointsPerFeedback = v),
        NumberRule.Whole("perfect_call_multiplier", "The perfect-call multiplier", 1, MaxMultiplier, i => i.PerfectCallMultiplier, c => c.PerfectCallMultiplier, (c, v) => c.PerfectCallMultiplier = v),
        NumberRule.Whole("perfect_call_bonus", "The perfect-call bonus", 0, MaxPointsPerEvent, i => i.PerfectCallBonus, c => c.PerfectCallBonus, (c, v) => c.PerfectCallBonus = v),
        NumberRule.Multiplier("streak_multiplier", "The streak multiplier", i => i.StreakMultiplier, c => c.StreakMultiplier, (c, v) => c.StreakMultiplier = v),
        NumberRule.Whole("streak_bonus_min_days", "The streak length that earns the bonus", 1, MaxStreakMinDays, i => i.StreakBonusMinDays, c => c.StreakBonusMinDays, (c, v) => c.StreakBonusMinDays = v),
        NumberRule.Whole("max_daily_points", "The daily cap", 1, MaxDailyCap, i => i.MaxDailyPoints, c => c.MaxDailyPoints, (c, v) => c.MaxDailyPoints = v),
        NumberRule.Whole("daily_cap_raise_per_level", "The cap raise per level", 0, MaxPointsPerEvent, i => i.DailyCapRaisePerLevel, c => c.DailyCapRaisePerLevel, (c, v) => c.DailyCapRaisePerLevel = v),
        NumberRule.Whole("points_decay_percent", "The decay percentage", 0, 100, i => i.PointsDecayPercent, c => c.PointsDecayPercent, (c, v) => c.PointsDecayPercent = v),
        NumberRule.Whole("decay_period_days", "The decay period", 1, MaxDecayPeriodDays, i => i.DecayPeriodDays, c => c.DecayPeriodDays, (c, v) => c.DecayPeriodDays = v),
        NumberRule.Whole("level_up_base_points", "The level-up base points", 0, MaxPointsPerEvent, i => i.LevelUpBasePoints, c => c.LevelUpBasePoints, (c, v) => c.LevelUpBasePoints = v),
        NumberRule.Multiplier("level_up_multiplier", "The level-up multiplier", i => i.LevelUpMultiplier, c => c.LevelUpMultiplier, (c, v) => c.LevelUpMultiplier = v),
        NumberRule.Whole("level_up_bonus", "The level-up bonus", 0, MaxPointsPerEvent, i => i.LevelUpBonus, c => c.LevelUpBonus, (c, v) => c.LevelUpBonus = v),
    ];

    /// <summary>One numeric rule of the settings (whole numbers are carried as decimals and stored back as int).</summary>
    private sealed record NumberRule(
        Func<TenantSettingsInput, decimal?> Given,
        Func<GamificationConfig, decimal> Get,
        Action<GamificationConfig, decimal> Set,
        Func<decimal, string?> Error,
        string Field)
    {
        public static NumberRule Whole(string field, string label, int min, int max, Func<TenantSettingsInput, int?> given,
            Func<GamificationConfig, int> get, Action<GamificationConfig, int> set) =>
            new(i => given(i), c => get(c), (c, v) => set(c, (int)v),
                v => v < min || v > max ? $"{label} must be a whole number from {min:N0} to {max:N0}." : null, field);

        public static NumberRule Multiplier(string field, string label, Func<TenantSettingsInput, decimal?> given,
            Func<GamificationConfig, decimal> get, Action<GamificationConfig, decimal> set) =>
            new(given, get, set, v =>
                v < 1 || v > MaxMultiplier ? $"{label} must be from 1 (no bonus) to {MaxMultiplier}."
                : decimal.Round(v, 2) != v ? $"{label} takes at most two decimals, such as 1.5 or 1.25."
                : null, field);

        public void Check(TenantSettingsInput input, Dictionary<string, string[]> errors)
        {
            if (Given(input) is { } value && Error(value) is { } message)
            {
                errors[Field] = [message];
            }
        }
    }

    /// <summary>1.5000 (as a decimal column may return it) becomes 1.5.</summary>
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static List<DayOfWeek> MondayFirst(IEnumerable<DayOfWeek> days) =>
        days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList();

    private static async Task SaveAsync(GamificationDbContext db, bool nameChanged, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (nameChanged)
        {
            // The unique tenant name: another tenant took it between the check and the save.
            throw new DomainException(DomainErrorKind.Conflict, "The settings were not saved: another tenant already uses that name.",
                new Dictionary<string, string[]> { ["name"] = ["Another tenant already uses that name; choose another."] });
        }
    }

    /// <summary>What the audit trail records of the settings: every rule, not the time of the save (an unchanged save records nothing).</summary>
    private static System.Text.Json.Nodes.JsonObject Audited(TenantSettings settings)
    {
        var values = AuditTrail.Snapshot(settings);
        values.Remove("updated_at");
        return values;
    }

    private static TenantSettings ToSettings(Tenant tenant, GamificationConfig c) => new(
        tenant.Name,
        tenant.TimeZoneId,
        MatchingPreset(c) is { } preset ? PresetName(preset) : Custom,
        c.Enabled,
        c.PointsPerCall,
        c.PointsPerConversion,
        c.PointsPerQualityReview,
        c.PointsPerFeedback,
        c.PerfectCallMultiplier,
        c.PerfectCallBonus,
        Normalize(c.StreakMultiplier),
        c.StreakBonusMinDays,
        c.StreakSkipsDaysOff,
        MondayFirst(c.DaysOff),
        c.MaxDailyPoints,
        c.DailyCapRaisePerLevel,
        c.PointsDecayPercent,
        c.DecayPeriodDays,
        c.LevelUpBasePoints,
        Normalize(c.LevelUpMultiplier),
        c.LevelUpBonus,
        c.LeaderboardResetPeriod,
        c.DailyChallenges,
        c.WeeklyChallenges,
        c.MonthlyChallenges,
        c.LeaderboardVisibilityChoice,
        c.ProtectBottom,
        c.ProtectBottomTop,
        c.Leagues,
        c.StreakReminders,
        c.UpdatedAt,
        Languages.Normalize(c.Language) ?? Languages.Default);
}
