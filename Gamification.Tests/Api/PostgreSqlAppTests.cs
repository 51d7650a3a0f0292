namespace Gamification.Tests.Api;

/// <summary>The app on PostgreSQL, with three days of demo history replayed through the engine at start.</summary>
public sealed class PostgreSqlAppFactory : GamificationAppFactory
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;

    // The demo's history is stamped in the tenant's local time (New York): PostgreSQL stores it in UTC. Three days hold
    // a working day whatever the date (the demo's agents rest at weekends: one day before a Sunday or Monday is empty).
    protected override int HistoryDays => 3;
}

/// <summary>
/// The whole app with <c>Database:Provider=PostgreSql</c>: the PostgreSQL migrations applied at start, the health check,
/// and an integration's events through the engine. Fails, never skips, when the test server is missing.
/// </summary>
public sealed class PostgreSqlAppTests(PostgreSqlAppFactory app) : IClassFixture<PostgreSqlAppFactory>
{
    [Fact]
    public async Task Health_reports_postgresql_reachable_with_every_migration_applied()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.Equal("healthy", database.GetProperty("status").GetString());
        Assert.Equal("PostgreSql", database.GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal(0, database.GetProperty("data").GetProperty("pending_migrations").GetInt32());
        var applied = await app.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        var all = await app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations()));
        Assert.Equal(all, applied);
        Assert.Equal("InitialPostgreSql", applied.First()[15..]);
    }

    [Fact]
    public async Task An_event_sent_twice_with_a_local_offset_is_awarded_once_and_stored_as_the_same_instant_in_utc()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var client = app.CreateClient();
        var at = app.Now.AddMinutes(-3);
        var eventId = $"pg-{Guid.NewGuid():n}";
        // As a platform in New York might send it: 2026-...T08:57:00-05:00 (or -04:00 in summer).
        var local = TimeZoneInfo.ConvertTime(at, TestClock.Zone);
        var body = new Dictionary<string, object?>
        {
            ["event_id"] = eventId,
            ["type"] = "call_completed",
            ["agent_id"] = "agent-03",
            ["occurred_at"] = local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };

        var first = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, body);
        var second = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var (one, two) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await second.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(("awarded", "duplicate"), (one.GetProperty("status").GetString(), two.GetProperty("status").GetString()));
        Assert.Equal(one.GetProperty("points_awarded").GetInt64(), two.GetProperty("points_awarded").GetInt64());
        Assert.Equal(10, one.GetProperty("breakdown").GetProperty("base").GetInt32());
        var stored = await app.WithDbAsync(db => db.ActivityEvents.IgnoreQueryFilters().Where(e => e.EventId == eventId).ToListAsync());
        var row = Assert.Single(stored);
        Assert.Equal(TimeSpan.Zero, row.OccurredAt.Offset);
        Assert.Equal(new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero), row.OccurredAt);
        var entries = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .CountAsync(t => t.UserId == row.UserId && t.Type == TransactionType.Activity && t.SourceId == eventId));
        Assert.Equal(1, entries);
    }

    [Fact]
    public async Task The_demo_history_replayed_at_start_keeps_a_clean_ledger()
    {
        var acme = await app.TenantIdAsync("Acme Contact Center");
        await using var scope = app.Services.CreateAsyncScope();

        var check = await scope.ServiceProvider.GetRequiredService<PointsEngine>().CheckLedgerAsync(acme, default);

        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
        // Every agent the replay moved was checked (a working day of history moves most of Acme's 24, not always all).
        var moved = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().Where(t => t.TenantId == acme)
            .Select(t => t.UserId).Distinct().CountAsync());
        Assert.InRange(moved, 1, 24);
        Assert.Equal(moved, check.UsersChecked);
    }

    [Fact]
    public async Task An_admin_creates_a_reward_in_one_transaction_under_the_retrying_strategy()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var name = $"PG reward {Guid.NewGuid():n}"[..20];

        var response = await admin.PostAsJsonAsync("/api/v1/gamification/admin/rewards", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["description"] = "Made by a test.",
            ["category"] = "digital",
            ["points_cost"] = 120,
            ["stock"] = 7,
            ["featured"] = false,
            ["requires_approval"] = false,
            ["code_validity_days"] = 10,
            ["redemption_details"] = "Use {code} at the store",
            ["limit_period"] = "ever",
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var (stock, changes) = await app.WithDbAsync(async db => (
            await db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stock).SingleAsync(),
            await db.RewardStockChanges.IgnoreQueryFilters().Where(c => c.RewardItemId == id).Select(c => new { c.StockBefore, c.StockAfter, c.Reason }).ToListAsync()));
        Assert.Equal(7, stock);
        var change = Assert.Single(changes);
        Assert.Equal((null, 7, "Created"), (change.StockBefore, change.StockAfter, change.Reason));
    }
}
