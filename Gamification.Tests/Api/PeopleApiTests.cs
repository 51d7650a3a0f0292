namespace Gamification.Tests.Api;

public sealed class PeopleApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    /// <summary>An admin adds an agent to their tenant's first team; the answer as it comes.</summary>
    internal static async Task<HttpResponseMessage> AddAgentToFirstTeamAsync(
        HttpClient admin, string email, string displayName, string externalId, string password)
    {
        var team = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/gamification/teams"))[0].GetProperty("id").GetInt64();
        return await admin.PostAsJsonAsync("/api/v1/gamification/admin/users", new
        {
            email,
            display_name = displayName,
            role = "agent",
            external_id = externalId,
            team_id = team,
            password,
        });
    }

    [Fact]
    public async Task Admin_adds_an_agent_who_can_then_sign_in_in_the_admins_tenant()
    {
        var admin = await app.ClientForAsync("admin@globex.test");

        var response = await AddAgentToFirstTeamAsync(admin, "agent07@globex.test", "Yara Nilsen", "agent-07", "Globex07!");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var agent = await app.ClientForAsync("agent07@globex.test", "Globex07!");
        var me = await agent.GetFromJsonAsync<JsonElement>("/api/v1/gamification/me");
        Assert.Equal("Globex Support", me.GetProperty("tenant_name").GetString());
        Assert.Equal("Support Desk", me.GetProperty("team_name").GetString());
        Assert.Equal("agent-07", me.GetProperty("external_id").GetString());
    }

    [Fact]
    public async Task Bad_person_input_is_refused_field_by_field_and_stores_nothing()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var globex = await app.TenantIdAsync(DemoSeeder.GlobexName);
        var globexTeam = await app.WithDbAsync(db => db.Teams.Select(t => t.Id).FirstAsync(), globex);
        var before = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().CountAsync());

        var response = await admin.PostAsJsonAsync("/api/v1/gamification/admin/users", new
        {
            email = "admin@globex.test", // taken, in another tenant
            display_name = "",
            role = "operator",
            external_id = "agent-01",  // taken in Acme
            team_id = globexTeam,      // another tenant's team
            password = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "email", "display_name", "role", "external_id", "team_id", "password" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}");
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task An_agent_needs_an_agent_id_unique_in_the_tenant_but_another_tenant_may_reuse_it()
    {
        var acme = await app.ClientForAsync("admin@acme.test");
        var globex = await app.ClientForAsync("admin@globex.test");

        var missing = await acme.PostAsJsonAsync("/api/v1/gamification/admin/users", new { email = "n1@acme.test", display_name = "N1", role = "agent", password = "Acme123!" });
        var takenHere = await acme.PostAsJsonAsync("/api/v1/gamification/admin/users", new { email = "n2@acme.test", display_name = "N2", role = "agent", external_id = "agent-06", password = "Acme123!" });
        var freeThere = await globex.PostAsJsonAsync("/api/v1/gamification/admin/users", new { email = "n3@globex.test", display_name = "N3", role = "agent", external_id = "agent-20", password = "Globex1!" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, takenHere.StatusCode);
        Assert.Equal(HttpStatusCode.Created, freeThere.StatusCode);
    }

    [Fact]
    public async Task Deactivating_an_agent_ends_their_refresh_token_and_refuses_new_tokens()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var client = app.CreateClient();
        var token = await GamificationAppFactory.TokenAsync(client, "agent10@acme.test");
        var id = await app.UserIdAsync("agent10@acme.test");
        var profile = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/gamification/users/{id}");

        var update = await admin.PutAsJsonAsync($"/api/v1/gamification/admin/users/{id}", new
        {
            display_name = profile.GetProperty("display_name").GetString(),
            role = "agent",
            external_id = profile.GetProperty("external_id").GetString(),
            team_id = profile.GetProperty("team_id").GetInt64(),
            is_active = false,
        });

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.False((await update.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("is_active").GetBoolean());
        var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = token.GetProperty("refresh_token").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        var signIn = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "agent10@acme.test", password = GamificationAppFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves()
    {
        var admin = await app.ClientForAsync("admin@globex.test");
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/gamification/me");

        var response = await admin.PutAsJsonAsync($"/api/v1/gamification/admin/users/{me.GetProperty("id").GetString()}", new
        {
            display_name = "Gina Admin",
            role = "admin",
            is_active = false,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_person_cannot_be_edited_or_have_their_password_set()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var globexAgent = await app.UserIdAsync("agent02@globex.test");

        var edit = await admin.PutAsJsonAsync($"/api/v1/gamification/admin/users/{globexAgent}", new { display_name = "Hacked", role = "agent", external_id = "x" });
        var password = await admin.PostAsJsonAsync($"/api/v1/gamification/admin/users/{globexAgent}/password", new { password = "Hacked123!" });

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, password.StatusCode);
        var name = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == globexAgent).Select(u => u.DisplayName).SingleAsync());
        Assert.Equal("Nina Petrova", name);
    }

    [Fact]
    public async Task Admin_resets_a_password_and_unlocks_the_account()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "agent12@acme.test", password = "Wrong!1a" });
        }
        var id = await app.UserIdAsync("agent12@acme.test");

        var weak = await admin.PostAsJsonAsync($"/api/v1/gamification/admin/users/{id}/password", new { password = "short" });
        var reset = await admin.PostAsJsonAsync($"/api/v1/gamification/admin/users/{id}/password", new { password = "Fresh123!" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "agent12@acme.test", password = "Fresh123!" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Teams_are_created_renamed_and_only_deleted_when_empty()
    {
        var admin = await app.ClientForAsync("admin@acme.test");

        var created = await admin.PostAsJsonAsync("/api/v1/gamification/admin/teams", new { name = "Night Shift" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/gamification/admin/teams", new { name = "Retention" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/gamification/admin/teams", new { name = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/gamification/admin/teams/{id}", new { name = "Late Shift" })).StatusCode);

        var retention = await app.WithDbAsync(db => db.Teams.IgnoreQueryFilters().Where(t => t.Name == "Retention").Select(t => t.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v1/gamification/admin/teams/{retention}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/gamification/admin/teams/{id}")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Teams.IgnoreQueryFilters().AnyAsync(t => t.Id == id)));
    }

    [Theory]
    [InlineData("supervisor@acme.test")]
    [InlineData("agent01@acme.test")]
    public async Task Only_admins_manage_people(string email)
    {
        var client = await app.ClientForAsync(email);

        var response = await client.PostAsJsonAsync("/api/v1/gamification/admin/teams", new { name = "Sneaky" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
