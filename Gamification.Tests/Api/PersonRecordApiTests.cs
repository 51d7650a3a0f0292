namespace Gamification.Tests.Api;

/// <summary>
/// Supervisors and admins read a person's ledger and achievement log (/admin/users/{id}/transactions and
/// /achievements); agents are refused, and a person of another tenant is not found.
/// </summary>
public sealed class PersonRecordApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private static string Transactions(string id, string query = "") => $"/api/v1/gamification/admin/users/{id}/transactions{query}";

    private static string Achievements(string id, string query = "") => $"/api/v1/gamification/admin/users/{id}/achievements{query}";

    [Fact]
    public async Task A_supervisor_reads_the_same_ledger_the_agent_reads_with_its_filters_and_paging()
    {
        var agentId = await app.UserIdAsync("agent03@acme.test");
        await CallsAsync(12);
        var agent = await app.ClientForAsync("agent03@acme.test");
        var supervisor = await app.ClientForAsync("supervisor@acme.test");

        var own = await agent.GetAsync("/api/v1/gamification/transactions?page_size=10&type=activity");
        var read = await supervisor.GetAsync(Transactions(agentId, "?page_size=10&type=activity"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var items = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((await own.Content.ReadFromJsonAsync<JsonElement>()).GetRawText(), items.GetRawText());
        Assert.InRange(items.GetArrayLength(), 1, 10);
        Assert.All(items.EnumerateArray(), i => Assert.Equal("activity", i.GetProperty("type").GetString()));
        Assert.True(items[0].TryGetProperty("breakdown", out _));
        Assert.Equal(own.Headers.GetValues("X-Total-Count"), read.Headers.GetValues("X-Total-Count"));
        Assert.Contains("rel=\"next\"", string.Join(",", read.Headers.GetValues("Link")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_reads_the_achievement_log_newest_first_and_filtered_by_kind()
    {
        var agentId = await app.UserIdAsync("agent03@acme.test");
        await CallsAsync(3);
        var admin = await app.ClientForAsync("admin@acme.test");

        var all = await admin.GetFromJsonAsync<JsonElement>(Achievements(agentId, "?page_size=200"));
        Assert.True(all.GetArrayLength() > 0, "A first perfect call earns badges.");
        var times = all.EnumerateArray().Select(a => a.GetProperty("created_at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        var badges = await admin.GetAsync(Achievements(agentId, "?kind=badge_earned&page_size=200"));
        var items = await badges.Content.ReadFromJsonAsync<JsonElement>();
        var expected = all.EnumerateArray().Count(a => a.GetProperty("kind").GetString() == "badge_earned");
        Assert.Equal(expected, items.GetArrayLength());
        Assert.All(items.EnumerateArray(), a => Assert.False(string.IsNullOrEmpty(a.GetProperty("title").GetString())));
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), Assert.Single(badges.Headers.GetValues("X-Total-Count")));

        var firstDay = DateOnly.FromDateTime(all.EnumerateArray().Last().GetProperty("local_time").GetDateTime());
        var oneDay = await admin.GetFromJsonAsync<JsonElement>(Achievements(agentId, $"?from={firstDay:yyyy-MM-dd}&to={firstDay:yyyy-MM-dd}&page_size=200"));
        Assert.True(oneDay.GetArrayLength() >= 1);
        Assert.All(oneDay.EnumerateArray(), a => Assert.Equal(firstDay, DateOnly.FromDateTime(a.GetProperty("local_time").GetDateTime())));
    }

    [Fact]
    public async Task Agents_are_refused_even_for_their_own_record()
    {
        var agentId = await app.UserIdAsync("agent03@acme.test");
        var otherId = await app.UserIdAsync("agent04@acme.test");
        var agent = await app.ClientForAsync("agent03@acme.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(Transactions(otherId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(Achievements(otherId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(Transactions(agentId))).StatusCode);
    }

    [Fact]
    public async Task A_person_of_another_tenant_or_nobody_is_not_found()
    {
        var acmeAgent = await app.UserIdAsync("agent03@acme.test");
        var globexAdmin = await app.ClientForAsync("admin@globex.test");

        foreach (var url in new[] { Transactions(acmeAgent), Achievements(acmeAgent), Transactions("no-such-person"), Achievements(Guid.NewGuid().ToString()) })
        {
            var response = await globexAdmin.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("agent03", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("?kind=medal", "kind")]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=2026-05-02&to=2026-05-01", "from")]
    [InlineData("?page_size=500", "page_size")]
    public async Task A_bad_filter_is_a_400_naming_the_field(string query, string field)
    {
        var agentId = await app.UserIdAsync("agent03@acme.test");
        var admin = await app.ClientForAsync("admin@acme.test");

        var response = await admin.GetAsync(Achievements(agentId, query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    /// <summary>Agent 03 (external id agent-03) completes <paramref name="count"/> calls, each rated 5.</summary>
    private async Task CallsAsync(int count)
    {
        var tenantId = await app.TenantIdAsync(DemoSeeder.AcmeName);
        await using var scope = app.Services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<EventIngestion>();
        for (var i = 0; i < count; i++)
        {
            await ingestion.IngestAsync(tenantId, new IncomingEvent($"record-{Guid.NewGuid():n}", ActivityType.CallCompleted, "agent-03", app.Now.AddMinutes(-1), Rating: 5), default);
        }
    }
}
