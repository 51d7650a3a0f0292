using Gamification.Core.Users;

namespace Gamification.Tests.Api;

/// <summary>
/// Light or dark pages (docs/accessibility.md, Dark mode): /me/preferences carries theme (system, light, dark), system by
/// default; a person changes it alone, and a bad value is refused as a problem naming the field, changing nothing.
/// </summary>
public sealed class ThemePreferenceApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Preferences = "/api/v1/gamification/me/preferences";

    private Task<ThemeChoice> StoredAsync(string userId) =>
        app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.Theme).SingleAsync());

    [Fact]
    public async Task Theme_starts_as_system_and_a_person_sets_dark_then_light_leaving_the_other_choices_alone()
    {
        var agent = await app.ClientForAsync("agent05@acme.test");
        var userId = await app.UserIdAsync("agent05@acme.test");
        var start = await agent.GetFromJsonAsync<JsonElement>(Preferences);
        Assert.Equal("system", start.GetProperty("theme").GetString());
        Assert.Equal(ThemeChoice.System, await StoredAsync(userId));

        var dark = await agent.PutAsJsonAsync(Preferences, new { theme = "dark" });
        Assert.Equal(HttpStatusCode.OK, dark.StatusCode);
        var body = await dark.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("dark", "visible", true), (body.GetProperty("theme").GetString(), body.GetProperty("leaderboard_visibility").GetString(),
            body.GetProperty("streak_reminders").GetBoolean()));
        Assert.Equal(ThemeChoice.Dark, await StoredAsync(userId));
        Assert.Equal("dark", (await agent.GetFromJsonAsync<JsonElement>(Preferences)).GetProperty("theme").GetString());

        // Another field alone keeps the theme; then back to light.
        Assert.Equal(HttpStatusCode.OK, (await agent.PutAsJsonAsync(Preferences, new { streak_reminders = false })).StatusCode);
        Assert.Equal(ThemeChoice.Dark, await StoredAsync(userId));
        Assert.Equal(HttpStatusCode.OK, (await agent.PutAsJsonAsync(Preferences, new { theme = "light", streak_reminders = true })).StatusCode);
        Assert.Equal(ThemeChoice.Light, await StoredAsync(userId));

        // A colleague's choice is untouched (positive control: theirs is still the default).
        Assert.Equal(ThemeChoice.System, await StoredAsync(await app.UserIdAsync("agent06@acme.test")));
    }

    [Theory]
    [InlineData("{\"theme\":\"midnight\"}")]
    [InlineData("{\"theme\":2}")]
    [InlineData("{\"theme\":\"2\"}")]
    [InlineData("{\"theme\":null}")]
    [InlineData("{\"theme\":\"dark\",\"leaderboard_visibility\":\"invisible\"}")]
    public async Task A_bad_theme_is_refused_as_a_problem_and_nothing_changes(string json)
    {
        var agent = await app.ClientForAsync("agent07@acme.test");
        var userId = await app.UserIdAsync("agent07@acme.test");
        var before = await agent.GetStringAsync(Preferences);

        var response = await agent.PutAsync(Preferences, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var field = json.Contains("invisible", StringComparison.Ordinal) ? "leaderboard_visibility" : "theme";
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await agent.GetStringAsync(Preferences));
        Assert.Equal(ThemeChoice.System, await StoredAsync(userId));
    }
}
