namespace Gamification.Tests.Api;

public sealed class TenantIsolationApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    [Fact]
    public async Task A_token_of_one_tenant_gets_404_for_the_other_tenants_team_and_user()
    {
        var globexId = await app.TenantIdAsync(DemoSeeder.GlobexName);
        var (globexTeam, globexAgent) = await app.WithDbAsync(async db => (
            await db.Teams.Select(t => t.Id).FirstAsync(),
            await db.Users.Where(u => u.Email == "agent01@globex.test").Select(u => u.Id).SingleAsync()), globexId);
        var acme = await app.ClientForAsync("admin@acme.test");

        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync($"/api/v1/gamification/teams/{globexTeam}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync($"/api/v1/gamification/users/{globexAgent}")).StatusCode);

        // The same reads as Globex's own admin succeed: the 404 is isolation, not a broken endpoint.
        var globex = await app.ClientForAsync("admin@globex.test");
        Assert.Equal(HttpStatusCode.OK, (await globex.GetAsync($"/api/v1/gamification/teams/{globexTeam}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await globex.GetAsync($"/api/v1/gamification/users/{globexAgent}")).StatusCode);
    }

    [Fact]
    public async Task Team_lists_contain_only_the_callers_tenant()
    {
        var acme = await app.ClientForAsync("supervisor@acme.test");
        var globex = await app.ClientForAsync("supervisor@globex.test");

        var acmeTeams = await acme.GetFromJsonAsync<JsonElement>("/api/v1/gamification/teams");
        var globexTeams = await globex.GetFromJsonAsync<JsonElement>("/api/v1/gamification/teams");

        Assert.Equal(["Customer Care", "Inbound Sales", "Retention"], acmeTeams.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["Support Desk"], globexTeams.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var acmeMembers = acmeTeams.EnumerateArray().SelectMany(t => t.GetProperty("people").EnumerateArray()).Count();
        Assert.Equal(24, acmeMembers);
        Assert.Equal(6, globexTeams[0].GetProperty("members").GetInt32());
    }

    [Fact]
    public async Task Agents_cannot_use_the_operator_api()
    {
        var agent = await app.ClientForAsync("agent01@acme.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/platform/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/v1/platform/tenants", new { name = "Evil" })).StatusCode);
    }

    [Fact]
    public async Task Operator_has_no_tenant_so_tenant_endpoints_are_forbidden()
    {
        var op = await app.ClientForAsync("operator@platform.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/api/v1/gamification/teams")).StatusCode);
    }
}
