namespace Gamification.Tests.Localization;

/// <summary>
/// Language (docs/rules.md): a person's language in /me/preferences ("en", "es" or null to follow the tenant), the
/// tenant's in the settings, and problem details in the request's language (Accept-Language on the API, else the
/// person's, else the tenant's).
/// </summary>
public sealed class LanguageApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";
    private const string Preferences = Api + "/me/preferences";

    private Task<string?> StoredLanguageAsync(string email) =>
        app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.Language).SingleAsync());

    private static async Task<JsonElement> PutAsync(HttpClient client, string path, string json, HttpStatusCode expected)
    {
        var response = await client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    [Fact]
    public async Task Language_is_saved_returned_and_null_follows_the_tenant_again()
    {
        var agent = await app.ClientForAsync("agent12@acme.test");
        var start = await agent.GetFromJsonAsync<JsonElement>(Preferences);
        Assert.Equal(JsonValueKind.Null, start.GetProperty("language").ValueKind);
        Assert.Equal("en", start.GetProperty("tenant_language").GetString());

        var spanish = await PutAsync(agent, Preferences, """{"language": "es"}""", HttpStatusCode.OK);
        Assert.Equal("es", spanish.GetProperty("language").GetString());
        Assert.Equal("es", await StoredLanguageAsync("agent12@acme.test"));

        var follow = await PutAsync(agent, Preferences, """{"language": null}""", HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, follow.GetProperty("language").ValueKind);
        Assert.Null(await StoredLanguageAsync("agent12@acme.test"));
    }

    [Theory]
    [InlineData("""{"language": "fr"}""")]
    [InlineData("""{"language": "ES"}""")]
    [InlineData("""{"language": 3}""")]
    [InlineData("""{"language": "es", "streak_reminders": "yes"}""")]
    public async Task Bad_language_is_refused_naming_the_field_and_nothing_changes(string json)
    {
        var agent = await app.ClientForAsync("agent13@acme.test");
        var before = await agent.GetStringAsync(Preferences);

        var problem = await PutAsync(agent, Preferences, json, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(json.Contains("yes", StringComparison.Ordinal) ? "streak_reminders" : "language", out _),
            problem.GetRawText());
        Assert.Equal(before, await agent.GetStringAsync(Preferences));
        Assert.Null(await StoredLanguageAsync("agent13@acme.test"));
    }

    [Fact]
    public async Task An_api_error_is_in_Spanish_with_Accept_Language_es_and_in_English_without()
    {
        var agent = await app.ClientForAsync("agent14@acme.test");
        const string bad = """{"leaderboard_visibility": "purple"}""";

        agent.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9,en;q=0.5");
        var spanish = await PutAsync(agent, Preferences, bad, HttpStatusCode.BadRequest);
        agent.DefaultRequestHeaders.AcceptLanguage.Clear();
        var english = await PutAsync(agent, Preferences, bad, HttpStatusCode.BadRequest);

        Assert.Equal("Se produjeron uno o más errores de validación.", spanish.GetProperty("title").GetString());
        Assert.Equal("leaderboard_visibility es visible, anonymous o hidden.",
            spanish.GetProperty("errors").GetProperty("leaderboard_visibility")[0].GetString());
        Assert.Equal("One or more validation errors occurred.", english.GetProperty("title").GetString());
        Assert.Equal("leaderboard_visibility is visible, anonymous or hidden.",
            english.GetProperty("errors").GetProperty("leaderboard_visibility")[0].GetString());
    }

    [Fact]
    public async Task Without_Accept_Language_problems_follow_the_persons_language_then_the_tenants()
    {
        var agent = await app.ClientForAsync("agent15@acme.test");
        var admin = await app.ClientForAsync("admin@acme.test");
        const string bad = """{"streak_reminders": "often"}""";
        try
        {
            await PutAsync(agent, Preferences, """{"language": "es"}""", HttpStatusCode.OK);
            var own = await PutAsync(agent, Preferences, bad, HttpStatusCode.BadRequest);
            Assert.Equal("streak_reminders es true o false.", own.GetProperty("errors").GetProperty("streak_reminders")[0].GetString());

            await PutAsync(agent, Preferences, """{"language": null}""", HttpStatusCode.OK);
            var tenantEnglish = await PutAsync(agent, Preferences, bad, HttpStatusCode.BadRequest);
            Assert.Equal("streak_reminders is true or false.", tenantEnglish.GetProperty("errors").GetProperty("streak_reminders")[0].GetString());

            var settings = await PutAsync(admin, Api + "/admin/settings", """{"language": "es"}""", HttpStatusCode.OK);
            Assert.Equal("es", settings.GetProperty("language").GetString());
            var tenantSpanish = await PutAsync(agent, Preferences, bad, HttpStatusCode.BadRequest);
            Assert.Equal("Se produjeron uno o más errores de validación.", tenantSpanish.GetProperty("title").GetString());
            Assert.Equal("es", (await agent.GetFromJsonAsync<JsonElement>(Preferences)).GetProperty("tenant_language").GetString());
        }
        finally
        {
            await PutAsync(admin, Api + "/admin/settings", """{"language": "en"}""", HttpStatusCode.OK);
            await PutAsync(agent, Preferences, """{"language": null}""", HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_tenant_language_that_is_not_supported_is_refused_and_nothing_changes()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var tenantId = await app.TenantIdAsync("Acme Contact Center");

        var problem = await PutAsync(admin, Api + "/admin/settings", """{"language": "fr", "points_per_call": 11}""", HttpStatusCode.BadRequest);

        Assert.Equal("language is \"en\" (English) or \"es\" (Spanish).", problem.GetProperty("errors").GetProperty("language")[0].GetString());
        var stored = await app.WithDbAsync(db => db.GamificationConfigs.IgnoreQueryFilters().Where(c => c.TenantId == tenantId)
            .Select(c => new { c.Language, c.PointsPerCall }).SingleAsync());
        Assert.Equal("en", stored.Language);
        Assert.NotEqual(11, stored.PointsPerCall);
    }

    [Fact]
    public async Task The_frameworks_validation_problems_follow_Accept_Language_too()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var response = await client.PostAsync("/api/v1/auth/token",
            new StringContent("""{"email":"agent01@acme.test"}""", Encoding.UTF8, "application/json"));
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Se produjeron uno o más errores de validación.", body.GetProperty("title").GetString());
        Assert.Equal("La contraseña es obligatoria.", body.GetProperty("errors").GetProperty("password")[0].GetString());

        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        var english = JsonSerializer.Deserialize<JsonElement>(await (await client.PostAsync("/api/v1/auth/token",
            new StringContent("""{"email":"agent01@acme.test"}""", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
        Assert.Equal("One or more validation errors occurred.", english.GetProperty("title").GetString());
        Assert.Equal("The password is required.", english.GetProperty("errors").GetProperty("password")[0].GetString());
    }

    [Fact]
    public async Task A_message_built_with_figures_is_in_Spanish_with_Spanish_figures_and_in_English_without()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agentId = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "agent19@acme.test").Select(u => u.Id).SingleAsync());
        var balance = () => app.WithDbAsync(db => db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == agentId).Select(p => p.CurrentPoints).SingleOrDefaultAsync());
        var before = await balance();
        var award = JsonContent.Create(new { user_id = agentId, points = 2_000_000, reason = "Too much" });

        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var spanishResponse = await admin.PostAsync(Api + "/points/award", award);
        var spanish = JsonSerializer.Deserialize<JsonElement>(await spanishResponse.Content.ReadAsStringAsync());
        var unknown = await PutAsync(admin, Preferences, """{"colour": "red"}""", HttpStatusCode.BadRequest);
        admin.DefaultRequestHeaders.AcceptLanguage.Clear();
        var englishResponse = await admin.PostAsync(Api + "/points/award", JsonContent.Create(new { user_id = agentId, points = 2_000_000, reason = "Too much" }));
        var english = JsonSerializer.Deserialize<JsonElement>(await englishResponse.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, spanishResponse.StatusCode);
        Assert.Equal("Los puntos deben estar entre 1 y 1.000.000.", spanish.GetProperty("detail").GetString());
        Assert.Equal("Los puntos deben estar entre 1 y 1.000.000.", spanish.GetProperty("errors").GetProperty("points")[0].GetString());
        Assert.Equal("'colour' no es una preferencia; usa leaderboard_visibility, streak_reminders, theme o language.",
            unknown.GetProperty("errors").GetProperty("colour")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, englishResponse.StatusCode);
        Assert.Equal("Points must be between 1 and 1,000,000.", english.GetProperty("detail").GetString());
        Assert.Equal("Points must be between 1 and 1,000,000.", english.GetProperty("errors").GetProperty("points")[0].GetString());
        Assert.Equal(before, await balance());
    }
}
