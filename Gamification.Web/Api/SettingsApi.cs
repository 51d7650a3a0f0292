namespace Gamification.Web.Api;

public sealed record PresetBody(string? Preset);

/// <summary>/api/v1/gamification/admin/settings: an admin reads and changes their tenant's rules, or applies a preset.</summary>
internal static class SettingsApi
{
    private static readonly string[] IntFields =
    [
        "points_per_call", "points_per_conversion", "points_per_quality_review", "points_per_feedback",
        "perfect_call_multiplier", "perfect_call_bonus", "streak_bonus_min_days", "max_daily_points",
        "daily_cap_raise_per_level", "points_decay_percent", "decay_period_days", "level_up_base_points", "level_up_bonus",
        "protect_bottom_top",
    ];

    private static readonly string[] DecimalFields = ["streak_multiplier", "level_up_multiplier"];

    private static readonly string[] BoolFields =
    [
        "enabled", "streak_skips_days_off", "daily_challenges", "weekly_challenges", "monthly_challenges",
        "leaderboard_visibility_choice", "protect_bottom", "leagues", "streak_reminders",
    ];

    private static readonly string[] StringFields = ["name", "time_zone", "leaderboard_reset_period", "language"];

    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/gamification/admin/settings").WithTags("Settings").RequireAuthorization(Policies.Admin);
        admin.MapGet("", GetSettings).WithName("GetSettings")
            .WithSummary("The caller's tenant: name, time zone, matching preset (or custom) and every scoring rule.");
        admin.MapPut("", UpdateSettings).WithName("UpdateSettings")
            .WithSummary("Changes the given settings (all or part, snake_case names as GET returns them); one invalid field changes nothing.");
        admin.MapPost("/preset", ApplySettingsPreset).WithName("ApplySettingsPreset")
            .WithSummary("Sets the rules to the aggressive, moderate or light preset; keeps the name, time zone, enabled switch and days off.");
        return app;
    }

    public static async Task<Ok<TenantSettings>> GetSettings(TenantSettingsService settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetAsync(ct));

    public static async Task<Ok<TenantSettings>> UpdateSettings(JsonElement body, TenantSettingsService settings, CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        var (input, errors) = Parse(body, current);
        foreach (var (field, messages) in TenantSettingsService.Check(input))
        {
            errors.TryAdd(field, messages);
        }
        DomainException.ThrowIfInvalid(errors, "The settings were not saved: fix the fields marked.");
        return TypedResults.Ok(await settings.UpdateAsync(input, ct));
    }

    public static async Task<Ok<TenantSettings>> ApplySettingsPreset(PresetBody body, TenantSettingsService settings, CancellationToken ct) =>
        TenantPresets.TryParse(body.Preset, out var preset)
            ? TypedResults.Ok(await settings.ApplyPresetAsync(preset, ct))
            : throw DomainException.Invalid("preset", TenantPresets.InvalidMessage);

    /// <summary>
    /// Reads a settings body field by field, so a wrong type is reported against its field rather than as unreadable JSON.
    /// Unknown fields are refused (a typo would otherwise be ignored silently); null means "leave as it is".
    /// </summary>
    private static (TenantSettingsInput Input, Dictionary<string, string[]> Errors) Parse(JsonElement body, TenantSettings current)
    {
        var errors = new Dictionary<string, string[]>();
        var input = new TenantSettingsInput();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Send a JSON object of settings, such as {\"points_per_call\": 12}."];
            return (input, errors);
        }
        var ints = new Dictionary<string, int?>();
        var decimals = new Dictionary<string, decimal?>();
        var bools = new Dictionary<string, bool?>();
        var strings = new Dictionary<string, string?>();
        IReadOnlyList<DayOfWeek>? daysOff = null;

        foreach (var property in body.EnumerateObject())
        {
            var field = property.Name;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null || field == "updated_at")
            {
                continue;
            }
            if (IntFields.Contains(field))
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
                {
                    ints[field] = number;
                }
                else
                {
                    errors[field] = ["Must be a whole number."];
                }
            }
            else if (DecimalFields.Contains(field))
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
                {
                    decimals[field] = number;
                }
                else
                {
                    errors[field] = ["Must be a number, such as 1.5."];
                }
            }
            else if (BoolFields.Contains(field))
            {
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    bools[field] = value.GetBoolean();
                }
                else
                {
                    errors[field] = ["Must be true or false."];
                }
            }
            else if (StringFields.Contains(field))
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    strings[field] = value.GetString();
                }
                else
                {
                    errors[field] = ["Must be a string."];
                }
            }
            else if (field == "days_off")
            {
                daysOff = ParseDays(value, errors);
            }
            else if (field == "preset")
            {
                if (value.ValueKind != JsonValueKind.String || value.GetString() != current.Preset)
                {
                    errors[field] = ["The preset is not set here: POST /api/v1/gamification/admin/settings/preset applies one."];
                }
            }
            else
            {
                errors[field] = [$"'{field}' is not a setting."];
            }
        }

        input = new TenantSettingsInput
        {
            Name = strings.GetValueOrDefault("name"),
            TimeZone = strings.GetValueOrDefault("time_zone"),
            LeaderboardResetPeriod = strings.GetValueOrDefault("leaderboard_reset_period"),
            Language = strings.GetValueOrDefault("language"),
            Enabled = bools.GetValueOrDefault("enabled"),
            StreakSkipsDaysOff = bools.GetValueOrDefault("streak_skips_days_off"),
            DailyChallenges = bools.GetValueOrDefault("daily_challenges"),
            WeeklyChallenges = bools.GetValueOrDefault("weekly_challenges"),
            MonthlyChallenges = bools.GetValueOrDefault("monthly_challenges"),
            LeaderboardVisibilityChoice = bools.GetValueOrDefault("leaderboard_visibility_choice"),
            ProtectBottom = bools.GetValueOrDefault("protect_bottom"),
            ProtectBottomTop = ints.GetValueOrDefault("protect_bottom_top"),
            Leagues = bools.GetValueOrDefault("leagues"),
            StreakReminders = bools.GetValueOrDefault("streak_reminders"),
            PointsPerCall = ints.GetValueOrDefault("points_per_call"),
            PointsPerConversion = ints.GetValueOrDefault("points_per_conversion"),
            PointsPerQualityReview = ints.GetValueOrDefault("points_per_quality_review"),
            PointsPerFeedback = ints.GetValueOrDefault("points_per_feedback"),
            PerfectCallMultiplier = ints.GetValueOrDefault("perfect_call_multiplier"),
            PerfectCallBonus = ints.GetValueOrDefault("perfect_call_bonus"),
            StreakBonusMinDays = ints.GetValueOrDefault("streak_bonus_min_days"),
            MaxDailyPoints = ints.GetValueOrDefault("max_daily_points"),
            DailyCapRaisePerLevel = ints.GetValueOrDefault("daily_cap_raise_per_level"),
            PointsDecayPercent = ints.GetValueOrDefault("points_decay_percent"),
            DecayPeriodDays = ints.GetValueOrDefault("decay_period_days"),
            LevelUpBasePoints = ints.GetValueOrDefault("level_up_base_points"),
            LevelUpBonus = ints.GetValueOrDefault("level_up_bonus"),
            StreakMultiplier = decimals.GetValueOrDefault("streak_multiplier"),
            LevelUpMultiplier = decimals.GetValueOrDefault("level_up_multiplier"),
            DaysOff = daysOff,
        };
        return (input, errors);
    }

    /// <summary>Weekday names, full or three letters, any case: ["saturday", "Sun"].</summary>
    private static List<DayOfWeek>? ParseDays(JsonElement value, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors["days_off"] = ["Must be a list of weekdays, such as [\"saturday\", \"sunday\"]."];
            return null;
        }
        var days = new List<DayOfWeek>();
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : item.ToString();
            var day = Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d =>
                string.Equals(d.ToString(), text, StringComparison.OrdinalIgnoreCase)
                || (text.Length == 3 && d.ToString()!.StartsWith(text, StringComparison.OrdinalIgnoreCase)));
            if (day is null)
            {
                errors["days_off"] = [$"'{text}' is not a weekday; use monday, tuesday, wednesday, thursday, friday, saturday or sunday."];
                return null;
            }
            days.Add(day.Value);
        }
        return days;
    }
}
