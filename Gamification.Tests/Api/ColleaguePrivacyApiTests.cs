namespace Gamification.Tests.Api;

/// <summary>
/// Privacy between colleagues (docs/rules.md): an agent reading a colleague through every API that names people
/// finds no email, agent id, role or balance; supervisors and admins keep the full view; an agent reads themselves
/// in full.
/// </summary>
public sealed class ColleaguePrivacyApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    /// <summary>Every read an agent can make that names other people.</summary>
    private static async Task<List<(string Path, string Body)>> PeopleReadsAsync(HttpClient client, string colleagueId, long teamId)
    {
        var paths = new[]
        {
            $"{Api}/users/{colleagueId}", $"{Api}/teams", $"{Api}/teams/{teamId}",
            $"{Api}/leaderboard?period=weekly", $"{Api}/leaderboard?period=all_time&limit=500", $"{Api}/leaderboard?period=monthly&teams=true",
            $"{Api}/leaderboard?period=daily&team_id={teamId}",
        };
        var reads = new List<(string, string)>();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            reads.Add((path, await response.Content.ReadAsStringAsync()));
        }
        return reads;
    }

    [Fact]
    public async Task An_agent_reads_colleagues_without_email_agent_id_roles_or_balances()
    {
        var colleagueId = await app.UserIdAsync("agent04@acme.test");
        var colleague = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == colleagueId));
        var agent = await app.ClientForAsync("agent03@acme.test");

        foreach (var (path, body) in await PeopleReadsAsync(agent, colleagueId, colleague.TeamId!.Value))
        {
            Assert.DoesNotContain("@acme.test", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"agent-", body, StringComparison.Ordinal);
            foreach (var field in new[] { "\"email\"", "\"external_id\"", "\"roles\"", "\"current_points\"", "\"lifetime_points\"" })
            {
                Assert.False(body.Contains(field, StringComparison.Ordinal), $"{path} carries {field}");
            }
        }

        var read = await agent.GetFromJsonAsync<JsonElement>($"{Api}/users/{colleagueId}");
        Assert.Equal((colleague.DisplayName, colleague.TeamId), (read.GetProperty("display_name").GetString(), (long?)read.GetProperty("team_id").GetInt64()));
        Assert.True(read.GetProperty("level").GetInt32() >= 1);
        Assert.True(read.TryGetProperty("badges_count", out _) && read.TryGetProperty("streak_days", out _));
    }

    [Fact]
    public async Task Supervisors_and_admins_keep_the_full_view_and_an_agent_reads_themselves_in_full()
    {
        var colleagueId = await app.UserIdAsync("agent04@acme.test");
        var teamId = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == colleagueId).Select(u => u.TeamId!.Value).SingleAsync());
        foreach (var email in new[] { "supervisor@acme.test", "admin@acme.test" })
        {
            var staff = await app.ClientForAsync(email);
            var person = await staff.GetFromJsonAsync<JsonElement>($"{Api}/users/{colleagueId}");
            Assert.Equal(("agent04@acme.test", "agent-04"), (person.GetProperty("email").GetString(), person.GetProperty("external_id").GetString()));
            Assert.True(person.TryGetProperty("current_points", out _));
            var team = await staff.GetFromJsonAsync<JsonElement>($"{Api}/teams/{teamId}");
            Assert.Contains(team.GetProperty("people").EnumerateArray(), p => p.GetProperty("external_id").GetString() == "agent-04");
        }

        var self = await app.ClientForAsync("agent04@acme.test");
        var me = await self.GetFromJsonAsync<JsonElement>($"{Api}/users/{colleagueId}");
        Assert.Equal("agent04@acme.test", me.GetProperty("email").GetString());
        Assert.True(me.TryGetProperty("current_points", out _));
    }

    [Fact]
    public async Task A_deactivated_colleague_is_not_listed_to_agents_and_another_tenant_stays_not_found()
    {
        var goneId = await app.UserIdAsync("agent05@acme.test");
        var teamId = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == goneId).Select(u => u.TeamId!.Value).SingleAsync());
        await app.DeactivateAsync("agent05@acme.test");
        var agent = await app.ClientForAsync("agent03@acme.test");

        var team = await agent.GetFromJsonAsync<JsonElement>($"{Api}/teams/{teamId}");
        Assert.DoesNotContain(team.GetProperty("people").EnumerateArray(), p => p.GetProperty("id").GetString() == goneId);
        Assert.Equal(team.GetProperty("people").GetArrayLength(), team.GetProperty("members").GetInt32());
        var globexAgent = await app.UserIdAsync("agent01@globex.test");
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"{Api}/users/{globexAgent}")).StatusCode);
    }
}
