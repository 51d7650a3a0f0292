namespace Gamification.Web.Api;

/// <summary>
/// /me/preferences: each person's own choices (how colleagues see them on boards, streak reminders, light or dark pages); and for admins,
/// who chose what (docs/rules.md, A say over being ranked).
/// </summary>
internal static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/api/v1/gamification/me").WithTags("Preferences").RequireAuthorization(Policies.TenantMember);
        member.MapGet("/preferences", GetPreferences).WithName("GetPreferences")
            .WithSummary("The caller's choices: leaderboard_visibility (visible, anonymous, hidden), streak_reminders, theme (system, light, dark) "
                + "and language (en, es; null follows the tenant's tenant_language), with the tenant's switches.");
        member.MapPut("/preferences", UpdatePreferences).WithName("UpdatePreferences").ProducesValidationProblem()
            .WithSummary("Changes the given choices: {\"leaderboard_visibility\": \"anonymous\"}, {\"streak_reminders\": false}, {\"theme\": \"dark\"}, {\"language\": \"es\"}.")
            .WithDescription("visible: on colleagues' boards by name; anonymous: as \"Anonymous agent\" (no name, avatar or team); hidden: left out "
                + "of colleagues' boards (their ranks count the people shown). You always see your own rank. Refused (400) when your company "
                + "switched the choice off. Team boards count everyone's points.");

        var admin = app.MapGroup("/api/v1/gamification/admin").WithTags("Preferences").RequireAuthorization(Policies.Admin);
        admin.MapGet("/leaderboard-visibility", ListVisibilityChoices).WithName("ListVisibilityChoices")
            .WithSummary("Who chose what: the tenant's switch, how many people are visible, anonymous and hidden, and who is not visible (admins).");
        return app;
    }

    public static async Task<Ok<PersonPreferences>> GetPreferences(ClaimsPrincipal user, PreferencesService preferences, CancellationToken ct) =>
        TypedResults.Ok(await preferences.GetAsync(user.GetUserId()!, ct));

    public static async Task<Ok<PersonPreferences>> UpdatePreferences(
        ClaimsPrincipal user, PreferencesService preferences, JsonElement body, CancellationToken ct) =>
        TypedResults.Ok(await preferences.UpdateAsync(user.GetUserId()!, Read(body), ct));

    public static async Task<Ok<VisibilityChoices>> ListVisibilityChoices(PreferencesService preferences, CancellationToken ct) =>
        TypedResults.Ok(await preferences.ChoicesAsync(ct));

    /// <summary>The body's fields, each checked; any error refuses the whole change (400 naming the fields).</summary>
    private static PreferencesInput Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        LeaderboardVisibility? visibility = null;
        bool? reminders = null;
        LanguageChoice? language = null;
        ThemeChoice? theme = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw DomainException.Invalid("body", "Send a JSON object such as {\"leaderboard_visibility\": \"anonymous\"}.");
        }
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "leaderboard_visibility":
                    if (value.ValueKind == JsonValueKind.String && SnakeCaseNames.TryParse<LeaderboardVisibility>(value.GetString(), out var v))
                    {
                        visibility = v;
                    }
                    else
                    {
                        errors[property.Name] = ["leaderboard_visibility is visible, anonymous or hidden."];
                    }
                    break;
                case "streak_reminders":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        reminders = value.GetBoolean();
                    }
                    else
                    {
                        errors[property.Name] = ["streak_reminders is true or false."];
                    }
                    break;
                case "language":
                    if (value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && Languages.IsSupported(value.GetString())))
                    {
                        language = new LanguageChoice(value.ValueKind == JsonValueKind.Null ? null : value.GetString());
                    }
                    else
                    {
                        errors[property.Name] = [CoreText.Get("Preferences.LanguageInvalid")];
                    }
                    break;
                case "theme":
                    if (value.ValueKind == JsonValueKind.String && SnakeCaseNames.TryParse<ThemeChoice>(value.GetString(), out var t))
                    {
                        theme = t;
                    }
                    else
                    {
                        errors[property.Name] = ["theme is system, light or dark."];
                    }
                    break;
                case "leaderboard_visibility_choice" or "tenant_streak_reminders" or "tenant_language":
                    // The tenant's switches, as GET returns them: set by admins in the settings, ignored here.
                    break;
                default:
                    errors[property.Name] = [$"'{property.Name}' is not a preference; use leaderboard_visibility, streak_reminders, theme or language."];
                    break;
            }
        }
        DomainException.ThrowIfInvalid(errors);
        return new PreferencesInput(visibility, reminders, theme) { Language = language };
    }
}
