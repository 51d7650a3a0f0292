namespace Gamification.Tests.Api;

/// <summary>
/// Disputes over HTTP (docs/api.md): agents file and list their own; supervisors read the queue and answer without
/// points; admins accept with points, paid once; another tenant's dispute is not found. The app starts only with the
/// disputes migration in place (it refuses pending model changes).
/// </summary>
public sealed class DisputesApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Disputes = "/api/v1/gamification/disputes";
    private const string Queue = "/api/v1/gamification/admin/disputes";

    private static string Resolve(long id) => $"{Queue}/{id}/resolve";

    private Task<HttpClient> ClientAsync(string email) => app.ClientForAsync(email);

    private static async Task<JsonElement> FileAsync(HttpClient agent, object body)
    {
        var response = await agent.PostAsJsonAsync(Disputes, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_agent_files_a_dispute_on_an_own_entry_and_lists_only_their_own()
    {
        var agent = await ClientAsync("agent05@acme.test");
        var colleague = await ClientAsync("agent06@acme.test");
        var agentId = await app.UserIdAsync("agent05@acme.test");
        var entryId = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .Where(t => t.UserId == agentId).OrderByDescending(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync());
        await FileAsync(colleague, new { message = "Not mine to see" });

        var filed = await FileAsync(agent, new { transaction_id = entryId, message = "This call was rated 5." });
        var own = await agent.GetFromJsonAsync<JsonElement>(Disputes);

        Assert.Equal("open", filed.GetProperty("status").GetString());
        Assert.Equal("This call was rated 5.", filed.GetProperty("message").GetString());
        if (entryId is { } id)
        {
            Assert.Equal(id, filed.GetProperty("transaction_id").GetInt64());
        }
        Assert.Equal([filed.GetProperty("id").GetInt64()], own.EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_fourth_waiting_dispute_is_refused_with_409_and_nothing_stored()
    {
        var agent = await ClientAsync("agent07@acme.test");
        var agentId = await app.UserIdAsync("agent07@acme.test");
        for (var i = 0; i < 3; i++)
        {
            await FileAsync(agent, new { event_id = $"evt-missing-{i}", message = $"Missing {i}" });
        }

        var fourth = await agent.PostAsJsonAsync(Disputes, new { message = "Fourth" });
        var empty = await agent.PostAsJsonAsync(Disputes, new { message = "" });

        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        Assert.Contains("at most 3", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => db.Disputes.IgnoreQueryFilters().CountAsync(d => d.UserId == agentId)));
    }

    [Fact]
    public async Task A_supervisor_reads_the_queue_and_may_not_accept_with_points_but_an_admin_pays_once()
    {
        var agent = await ClientAsync("agent08@acme.test");
        var agentId = await app.UserIdAsync("agent08@acme.test");
        var supervisor = await ClientAsync("supervisor@acme.test");
        var admin = await ClientAsync("admin@acme.test");
        var filed = await FileAsync(agent, new { event_id = "evt-lost-8", message = "My conversion is missing." });
        var id = filed.GetProperty("id").GetInt64();

        var queue = await supervisor.GetFromJsonAsync<JsonElement>($"{Queue}?status=open");
        var item = queue.EnumerateArray().Single(d => d.GetProperty("id").GetInt64() == id);
        var name = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == agentId).Select(u => u.DisplayName).SingleAsync());
        Assert.Equal((name, "evt-lost-8", "open"), (item.GetProperty("agent_name").GetString(), item.GetProperty("event_id").GetString(), item.GetProperty("status").GetString()));
        var createdTimes = queue.EnumerateArray().Select(d => d.GetProperty("created_at").GetDateTimeOffset()).ToList();
        Assert.Equal(createdTimes.Order(), createdTimes);

        var byPoints = await supervisor.PostAsJsonAsync(Resolve(id), new { decision = "accepted", points = 50, note = "ok" });
        Assert.Equal(HttpStatusCode.Forbidden, byPoints.StatusCode);
        var before = await app.WithDbAsync(db => db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == agentId).Select(p => p.CurrentPoints).SingleOrDefaultAsync());

        var paid = await admin.PostAsJsonAsync(Resolve(id), new { decision = "accepted", points = 50, note = "Confirmed" });
        var again = await admin.PostAsJsonAsync(Resolve(id), new { decision = "accepted", points = 50, note = "Confirmed" });

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var body = await paid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("accepted", 50L), (body.GetProperty("status").GetString(), body.GetProperty("points_awarded").GetInt64()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var source = id.ToString(CultureInfo.InvariantCulture);
        var entries = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .Where(t => t.SourceType == TransactionSource.Dispute && t.SourceId == source).Select(t => t.Points).ToListAsync());
        Assert.Equal([50L], entries);
        var after = await app.WithDbAsync(db => db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == agentId).Select(p => p.CurrentPoints).SingleAsync());
        Assert.Equal(before + 50, after);
    }

    [Fact]
    public async Task A_supervisor_rejects_with_a_note_and_an_agent_may_not_answer()
    {
        var agent = await ClientAsync("agent09@acme.test");
        var supervisor = await ClientAsync("supervisor@acme.test");
        var id = (await FileAsync(agent, new { message = "Missing" })).GetProperty("id").GetInt64();

        var byAgent = await agent.PostAsJsonAsync(Resolve(id), new { decision = "accepted" });
        var noNote = await supervisor.PostAsJsonAsync(Resolve(id), new { decision = "rejected" });
        var unknown = await supervisor.PostAsJsonAsync(Resolve(id), new { decision = "maybe" });
        var rejected = await supervisor.PostAsJsonAsync(Resolve(id), new { decision = "rejected", note = "No such call" });

        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var own = await agent.GetFromJsonAsync<JsonElement>(Disputes);
        var mine = own.EnumerateArray().Single(d => d.GetProperty("id").GetInt64() == id);
        Assert.Equal(("rejected", "No such call"), (mine.GetProperty("status").GetString(), mine.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task Another_tenants_dispute_answers_404_and_is_not_in_its_queue()
    {
        var agent = await ClientAsync("agent10@acme.test");
        var globexAdmin = await ClientAsync("admin@globex.test");
        var id = (await FileAsync(agent, new { message = "Missing" })).GetProperty("id").GetInt64();

        var resolve = await globexAdmin.PostAsJsonAsync(Resolve(id), new { decision = "accepted", points = 10, note = "x" });
        var queue = await globexAdmin.GetFromJsonAsync<JsonElement>(Queue);

        Assert.Equal(HttpStatusCode.NotFound, resolve.StatusCode);
        Assert.DoesNotContain(queue.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        Assert.Equal(DisputeStatus.Open, await app.WithDbAsync(db => db.Disputes.IgnoreQueryFilters().Where(d => d.Id == id)
            .Select(d => d.Status).SingleAsync()));
    }
}
