namespace Gamification.Tests.Api;

public sealed class AuthApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    [Fact]
    public async Task Health_reports_the_database_as_healthy()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.Equal("healthy", database.GetProperty("status").GetString());
        Assert.Equal("Sqlite", database.GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal(0, database.GetProperty("data").GetProperty("pending_migrations").GetInt32());
    }

    [Fact]
    public async Task Token_is_issued_as_bearer_and_opens_the_api()
    {
        var client = app.CreateClient();
        var token = await GamificationAppFactory.TokenAsync(client, "agent02@acme.test");

        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.True(token.GetProperty("expires_in").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refresh_token").GetString()));

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/gamification/me");
        Assert.Equal("Mike Johnson", me.GetProperty("display_name").GetString());
        Assert.Equal("Acme Contact Center", me.GetProperty("tenant_name").GetString());
        Assert.Equal("agent-02", me.GetProperty("external_id").GetString());
        Assert.Equal("agent", me.GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task Refresh_token_gives_a_new_working_pair_and_garbage_is_refused()
    {
        var client = app.CreateClient();
        var token = await GamificationAppFactory.TokenAsync(client, "agent03@acme.test");

        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = token.GetProperty("refresh_token").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var pair = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/gamification/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pair.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        var bad = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = "not-a-token" });
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        // An access token is not a refresh token.
        var swapped = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = token.GetProperty("access_token").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, swapped.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_401_and_says_the_same_as_an_unknown_email()
    {
        var client = app.CreateClient();

        var wrongPassword = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "agent04@acme.test", password = "Wrong123!" });
        var unknownEmail = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@acme.test", password = "Wrong123!" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        var a = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknownEmail.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        var text = await wrongPassword.Content.ReadAsStringAsync();
        Assert.DoesNotContain("access_token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var attempt = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "agent06@globex.test", password = $"Wrong{i}!" });
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "agent06@globex.test", password = GamificationAppFactory.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var body = await right.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("locked", body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"email\":\"\",\"password\":\"x\"}", "email")]
    [InlineData("{\"email\":\"agent01@acme.test\"}", "password")]
    public async Task Missing_credentials_are_a_validation_problem(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await app.CreateClient().PostAsync("/api/v1/auth/token", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Malformed_json_is_a_readable_400()
    {
        using var content = new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json");
        var response = await app.CreateClient().PostAsync("/api/v1/auth/token", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("JSON", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_without_a_token_is_401_not_a_redirect()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/gamification/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Deactivated_user_gets_no_token_and_only_the_right_password_learns_why()
    {
        await app.DeactivateAsync("agent05@globex.test");
        var client = app.CreateClient();

        var right = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "agent05@globex.test", password = GamificationAppFactory.Password });
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "agent05@globex.test", password = "Wrong123!" });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("deactivated", (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("deactivated", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
