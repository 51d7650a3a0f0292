namespace Gamification.Core.Users;

/// <summary>A person's own choices, with the tenant switches that decide whether they apply.</summary>
/// <param name="LeaderboardVisibility">How colleagues see them on boards (their choice, kept even while the tenant has the choice off).</param>
/// <param name="StreakReminders">Whether they want the afternoon streak reminder.</param>
/// <param name="LeaderboardVisibilityChoice">The tenant lets agents choose; off: everyone is shown by name, whatever they chose.</param>
/// <param name="TenantStreakReminders">The tenant sends streak reminders at all.</param>
/// <param name="Theme">Light or dark pages; system follows the device.</param>
public sealed record PersonPreferences(
    LeaderboardVisibility LeaderboardVisibility,
    bool StreakReminders,
    bool LeaderboardVisibilityChoice,
    bool TenantStreakReminders,
    ThemeChoice Theme = ThemeChoice.System)
{
    /// <summary>The language they chose ("en", "es"); null: they follow their tenant's (docs/rules.md, Language).</summary>
    public string? Language { get; init; }

    /// <summary>The tenant's language, which they read when <see cref="Language"/> is null.</summary>
    public string TenantLanguage { get; init; } = Languages.Default;
}

/// <summary>A change to one's preferences: a null field stays as it is.</summary>
public sealed record PreferencesInput(LeaderboardVisibility? LeaderboardVisibility, bool? StreakReminders, ThemeChoice? Theme = null)
{
    /// <summary>A change of language; null leaves it as it is (a choice whose code is null follows the tenant again).</summary>
    public LanguageChoice? Language { get; init; }
}

/// <summary>A person's language choice: "en", "es", or null to follow the tenant's.</summary>
public sealed record LanguageChoice(string? Code);

/// <summary>A person's leaderboard choice, as admins see it.</summary>
public sealed record VisibilityChoice(string UserId, string DisplayName, string? Team, LeaderboardVisibility LeaderboardVisibility);

/// <summary>Who chose what on a tenant: the switch, the counts and the people who are not simply visible.</summary>
public sealed record VisibilityChoices(bool LeaderboardVisibilityChoice, int Visible, int Anonymous, int Hidden, IReadOnlyList<VisibilityChoice> People);

/// <summary>
/// Each person's own preferences (docs/rules.md, A say over being ranked; Reminders and celebrations), and the
/// admins' view of who chose what. Read and changed in the current tenant only.
/// </summary>
public sealed class PreferencesService(IDbContextFactory<GamificationDbContext> dbFactory, ILogger<PreferencesService> logger)
{
    /// <summary>The person's preferences; 404 when they are not in the current tenant.</summary>
    public async Task<PersonPreferences> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.TenantId == db.TenantId, ct)
            ?? throw DomainException.NotFound("The person");
        return Of(user, await ConfigAsync(db, ct));
    }

    /// <summary>Changes the given preferences.</summary>
    /// <exception cref="DomainException">
    /// 400 when the tenant has switched the leaderboard choice off and anything but visible is asked (nothing changes).
    /// </exception>
    public async Task<PersonPreferences> UpdateAsync(string userId, PreferencesInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.TenantId == db.TenantId, ct)
            ?? throw DomainException.NotFound("The person");
        var config = await ConfigAsync(db, ct);
        if (input.LeaderboardVisibility is { } visibility)
        {
            if (!Enum.IsDefined(visibility))
            {
                throw DomainException.Invalid("leaderboard_visibility", "leaderboard_visibility is visible, anonymous or hidden.");
            }
            if (!config.LeaderboardVisibilityChoice && visibility != LeaderboardVisibility.Visible)
            {
                throw DomainException.Invalid("leaderboard_visibility",
                    "Your company shows everyone on the leaderboards by name: the choice to appear anonymous or hidden is switched off.");
            }
            user.LeaderboardVisibility = visibility;
        }
        user.StreakReminders = input.StreakReminders ?? user.StreakReminders;
        if (input.Language is { } language)
        {
            user.Language = language.Code is null || Languages.IsSupported(language.Code)
                ? language.Code
                : throw DomainException.Invalid("language", CoreText.Get("Preferences.LanguageInvalid"));
        }
        if (input.Theme is { } theme)
        {
            user.Theme = Enum.IsDefined(theme) ? theme : throw DomainException.Invalid("theme", "theme is system, light or dark.");
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} set leaderboard visibility {Visibility}, streak reminders {Reminders}",
            userId, user.LeaderboardVisibility, user.StreakReminders);
        return Of(user, config);
    }

    /// <summary>The person's light or dark choice; any signed-in person (platform operators too), system when unknown.</summary>
    public async Task<ThemeChoice> ThemeAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var themes = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (ThemeChoice?)u.Theme).ToListAsync(ct);
        return themes.FirstOrDefault() ?? ThemeChoice.System;
    }

    /// <summary>Saves the person's light or dark choice (the app bar's toggle; platform operators too).</summary>
    public async Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(theme))
        {
            throw DomainException.Invalid("theme", "theme is system, light or dark.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw DomainException.NotFound("The person");
        user.Theme = theme;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} set theme {Theme}", userId, theme);
    }

    /// <summary>Who chose what among the tenant's active people (admins).</summary>
    public async Task<VisibilityChoices> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var config = await ConfigAsync(db, ct);
        var people = await db.Users.AsNoTracking().Where(u => u.TenantId == db.TenantId && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.TeamId, u.LeaderboardVisibility }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        int Count(LeaderboardVisibility v) => people.Count(p => p.LeaderboardVisibility == v);
        return new VisibilityChoices(
            config.LeaderboardVisibilityChoice,
            Count(LeaderboardVisibility.Visible),
            Count(LeaderboardVisibility.Anonymous),
            Count(LeaderboardVisibility.Hidden),
            people.Where(p => p.LeaderboardVisibility != LeaderboardVisibility.Visible)
                .OrderBy(p => p.LeaderboardVisibility).ThenBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Select(p => new VisibilityChoice(p.Id, p.DisplayName, p.TeamId is { } t ? teams.GetValueOrDefault(t) : null, p.LeaderboardVisibility))
                .ToList());
    }

    private static async Task<GamificationConfig> ConfigAsync(GamificationDbContext db, CancellationToken ct) =>
        await db.GamificationConfigs.AsNoTracking().FirstOrDefaultAsync(ct) ?? new GamificationConfig { TenantId = db.TenantId };

    private static PersonPreferences Of(ApplicationUser user, GamificationConfig config) =>
        new(user.LeaderboardVisibility, user.StreakReminders, config.LeaderboardVisibilityChoice, config.StreakReminders, user.Theme)
        {
            Language = Languages.Normalize(user.Language),
            TenantLanguage = Languages.Normalize(config.Language) ?? Languages.Default,
        };
}
