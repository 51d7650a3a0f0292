namespace Gamification.Tests.Api;

public sealed class ApiKeysApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Keys = IngestionSteps.KeysPath;

    [Fact]
    public async Task An_admin_creates_a_key_that_is_shown_once_and_only_its_hash_is_stored()
    {
        var admin = await app.ClientForAsync("admin@acme.test");

        var response = await admin.PostAsJsonAsync(Keys, new { name = "  Genesys dialer  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        var key = created.GetProperty("key").GetString()!;
        var prefix = created.GetProperty("prefix").GetString()!;
        Assert.Equal("Genesys dialer", created.GetProperty("name").GetString());
        Assert.StartsWith("gmk_", key, StringComparison.Ordinal);
        Assert.StartsWith(prefix, key, StringComparison.Ordinal);
        Assert.Equal($"{Keys}/{id}", response.Headers.Location?.ToString());
        var stored = await app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == id));
        Assert.NotEqual(key, stored.KeyHash);
        Assert.DoesNotContain(key, stored.KeyHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_list_never_contains_a_key_or_its_hash()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var created = await (await admin.PostAsJsonAsync(Keys, new { name = "CRM sync" })).Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        var hash = await app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters()
            .Where(k => k.Id == created.GetProperty("id").GetInt64()).Select(k => k.KeyHash).SingleAsync());

        var listResponse = await admin.GetAsync(Keys);
        var text = await listResponse.Content.ReadAsStringAsync();
        var one = await admin.GetFromJsonAsync<JsonElement>($"{Keys}/{created.GetProperty("id").GetInt64()}");

        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, text, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "CRM sync");
        Assert.False(entry.TryGetProperty("key", out _));
        Assert.False(entry.TryGetProperty("key_hash", out _));
        Assert.True(entry.GetProperty("is_active").GetBoolean());
        Assert.Equal("Adam Admin", entry.GetProperty("created_by").GetString());
        Assert.Equal(created.GetProperty("prefix").GetString(), entry.GetProperty("prefix").GetString());
        Assert.False(one.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task A_revoked_key_is_listed_as_inactive()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var created = await (await admin.PostAsJsonAsync(Keys, new { name = "Legacy ACD" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Keys}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Keys}/{id}")).StatusCode);

        var entry = await admin.GetFromJsonAsync<JsonElement>($"{Keys}/{id}");
        Assert.False(entry.GetProperty("is_active").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("revoked_at").ValueKind);
    }

    [Fact]
    public async Task Another_tenants_key_is_404_and_keeps_working()
    {
        var key = await IngestionSteps.CreateKeyAsync(app, "admin@acme.test");
        var acme = await app.ClientForAsync("admin@acme.test");
        var id = (await acme.GetFromJsonAsync<JsonElement>(Keys)).EnumerateArray().First(k => key.StartsWith(k.GetProperty("prefix").GetString()!, StringComparison.Ordinal)).GetProperty("id").GetInt64();
        var globex = await app.ClientForAsync("admin@globex.test");

        Assert.Equal(HttpStatusCode.NotFound, (await globex.DeleteAsync($"{Keys}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"{Keys}/{id}")).StatusCode);
        Assert.DoesNotContain((await globex.GetFromJsonAsync<JsonElement>(Keys)).EnumerateArray(), k => k.GetProperty("id").GetInt64() == id);

        var use = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-11"));
        Assert.Equal(HttpStatusCode.OK, use.StatusCode);
    }

    [Fact]
    public async Task A_key_needs_a_name_unique_among_active_keys()
    {
        var admin = await app.ClientForAsync("admin@acme.test");

        var unnamed = await admin.PostAsJsonAsync(Keys, new { name = " " });
        var first = await admin.PostAsJsonAsync(Keys, new { name = "Five9" });
        var again = await admin.PostAsJsonAsync(Keys, new { name = "Five9" });

        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(unnamed)).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("agent01@acme.test")]
    [InlineData("supervisor@acme.test")]
    [InlineData("operator@platform.test")]
    public async Task Only_a_tenant_admin_manages_keys(string email)
    {
        var client = await app.ClientForAsync(email);
        var before = await app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().CountAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Keys, new { name = "Sneaky" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Keys)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"{Keys}/1")).StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Key_management_needs_a_sign_in()
    {
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Keys)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Keys, new { name = "Anon" })).StatusCode);
    }
}
