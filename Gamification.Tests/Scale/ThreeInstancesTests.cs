using Gamification.Core.Jobs;
using Gamification.Tests.Api;

using Microsoft.AspNetCore.Mvc.Testing;

using Npgsql;

using Xunit.Abstractions;

namespace Gamification.Tests.Scale;

/// <summary>
/// Three instances of the app on one PostgreSQL database, each with its own container, caches and Quartz scheduler,
/// all three scheduling every job through Quartz's clustered store (Jobs:Store=PostgreSql) and keeping the
/// data-protection keys in the database (DataProtection:Store=Database). The first starts alone (it migrates, seeds
/// the demo and creates Quartz's tables), the other two together. Fails, never skips, without PostgreSQL.
/// </summary>
public sealed class ThreeInstances : IAsyncLifetime, IDisposable
{
    private PostgreSqlTestDatabase? database;
    private bool disposed;

    public MovableClock Clock { get; } = new(TestClock.Shared.Offset);

    public JobLog Log { get; } = new();

    public ClusterNode A { get; private set; } = null!;

    public ClusterNode B { get; private set; } = null!;

    public ClusterNode C { get; private set; } = null!;

    public IReadOnlyList<ClusterNode> Nodes => [A, B, C];

    public string ConnectionString => database!.ConnectionString;

    public async Task InitializeAsync()
    {
        database = new PostgreSqlTestDatabase();
        A = new ClusterNode("A", database.ConnectionString, Clock, Log);
        B = new ClusterNode("B", database.ConnectionString, Clock, Log);
        C = new ClusterNode("C", database.ConnectionString, Clock, Log);
        A.StartServer();
        await Task.WhenAll(Task.Run(B.StartServer), Task.Run(C.StartServer));
    }

    public async Task DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        foreach (var node in new[] { A, B, C }.Where(n => n is not null))
        {
            await node.DisposeAsync();
        }
        database?.Dispose();
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();
}

public sealed class ThreeInstancesTests(ThreeInstances cluster, ITestOutputHelper output) : IClassFixture<ThreeInstances>
{
    private readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();

    private const string Snapshots = "leaderboard-snapshots";
    // Generous: six jobs checking every second keep three one-thread schedulers busy, and a trigger left behind can
    // wait for Quartz's misfire pass (every 60 s) before it fires again. Each wait ends as soon as its condition holds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Each_daily_job_runs_once_per_tenant_local_day_and_each_snapshot_once_per_cadence_with_all_three_scheduling()
    {
        var log = cluster.Log;
        var tenants = await cluster.A.WithDbAsync(db => db.Tenants.AsNoTracking().Where(t => t.IsActive)
            .Select(t => new { t.Id, t.Name, t.TimeZoneId }).ToListAsync());
        Assert.Equal(2, tenants.Count);
        var acme = tenants.Single(t => t.Name == "Acme Contact Center").Id;
        var globex = tenants.Single(t => t.Name == "Globex Support").Id;
        // "Today" in each tenant's zone, by hand (New York and London; the clock reads early afternoon in New York).
        Dictionary<Guid, DateOnly> LocalDays() => tenants.ToDictionary(t => t.Id,
            t => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cluster.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(t.TimeZoneId)).DateTime));

        // 1. The start: each node runs each job once as it starts (Quartz's start-up run, pinned to the node), and the
        //    every-second checks go on wherever Quartz fires them. Each daily job ran once for each tenant's day.
        var day0 = LocalDays();
        await WaitUntilAsync("each daily job recorded today's run for both tenants, and each node ran each job", async () =>
            await RecordedDaysMatchAsync(day0)
            && cluster.Nodes.All(n => DailyJobNames.All.Append(Snapshots).All(job => log.Entries.Any(e => e.Node == n.Name && e.Job == job))));
        await ThreeMoreRunsOfEachAsync([.. DailyJobNames.All, Snapshots]);

        Assert.All(DailyJobNames.All, job => Assert.Equal(2, TenantRuns(job, since: 0)));
        Assert.All(await cluster.A.WithDbAsync(db => db.JobRuns.IgnoreQueryFilters().AsNoTracking().ToListAsync()),
            r => Assert.True(r.LastSucceeded, r.LastResult));
        // The monthly and all-time boards list every agent (at 0 so far): one snapshot each. The daily and weekly
        // boards list people with points only, and nobody has any yet: nothing to write.
        Assert.Equal((0, 0, 1, 1), await SnapshotTimesAsync(acme));
        Assert.Equal((0, 0, 1, 1), await SnapshotTimesAsync(globex));
        // Three live members of one cluster (one scheduler name, an instance id each).
        Assert.Equal((3L, 1L), await QuartzMembersAsync());

        // 2. Points for an Acme agent: the daily and weekly boards have someone now, so the next check takes them, once.
        var key = await IngestionSteps.CreateKeyAsync(cluster.A);
        var sent = await IngestionSteps.PostAsync(cluster.B.CreateClient(), IngestionSteps.EventsPath, key,
            IngestionSteps.Event("agent-01", occurredAt: cluster.Clock.GetUtcNow().AddSeconds(-30)));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await WaitUntilAsync("Acme's daily and weekly boards snapshotted", async () => await SnapshotTimesAsync(acme) is (1, 1, _, _));
        await ThreeMoreRunsOfEachAsync([Snapshots]);

        Assert.Equal((1, 1, 1, 1), await SnapshotTimesAsync(acme));

        // 3. An hour later (same local day): the daily board again (hourly); weekly (6 hours), monthly and all-time
        //    (24 hours) not yet, and no daily job runs again.
        var mark = log.Mark;
        cluster.Clock.Advance(TimeSpan.FromHours(1));
        await WaitUntilAsync("Acme's daily board snapshotted an hour later", async () => (await SnapshotTimesAsync(acme)).Daily == 2);
        await ThreeMoreRunsOfEachAsync([.. DailyJobNames.All, Snapshots]);

        Assert.Equal((2, 1, 1, 1), await SnapshotTimesAsync(acme));
        Assert.Equal((0, 0, 1, 1), await SnapshotTimesAsync(globex));
        Assert.All(DailyJobNames.All, job => Assert.Equal(0, TenantRuns(job, since: mark)));

        // 4. The next local day: each daily job once more for each tenant; monthly and all-time snapshots again (a day
        //    on). Acme's new daily board has no points yet (nothing to write); its weekly board is the same week's,
        //    with the points, unless the new day starts a week.
        mark = log.Mark;
        cluster.Clock.Advance(TimeSpan.FromDays(1));
        var day1 = LocalDays();
        Assert.All(tenants, t => Assert.Equal(day0[t.Id].AddDays(1), day1[t.Id]));
        await WaitUntilAsync("each daily job recorded the next day's run for both tenants, and the day's snapshots", async () =>
            await RecordedDaysMatchAsync(day1)
            && (await SnapshotTimesAsync(acme)).Monthly == 2 && (await SnapshotTimesAsync(globex)).Monthly == 2);
        await ThreeMoreRunsOfEachAsync([.. DailyJobNames.All, Snapshots]);

        Assert.All(DailyJobNames.All, job => Assert.Equal(2, TenantRuns(job, since: mark)));
        // On a Monday the daily jobs pay the closed week's rank badges (agent-01 led it) on the new day (on the first day
        // of a quarter, the quarter's rank challenge): then the new day's board, and on a Monday the new week's, have
        // someone, and the next check takes them.
        var paidOnTheNewDay = await cluster.A.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .AnyAsync(t => t.TenantId == acme && t.LocalDate == day1[acme]));
        var newWeek = day1[acme].DayOfWeek == DayOfWeek.Monday;
        Assert.True(paidOnTheNewDay || !newWeek, "A new week pays the closed week's leader on its first day.");
        Assert.Equal((paidOnTheNewDay ? 3 : 2, newWeek && !paidOnTheNewDay ? 1 : 2, 2, 2), await SnapshotTimesAsync(acme));
        Assert.Equal((0, 0, 2, 2), await SnapshotTimesAsync(globex));
        Assert.Equal((3L, 1L), await QuartzMembersAsync());
        Assert.Empty(log.Errors);
    }

    [Fact]
    public async Task A_token_and_a_cookie_issued_by_one_instance_are_accepted_by_the_other_two_and_not_by_one_with_its_own_keys()
    {
        const string Agent = "agent01@acme.test";
        var token = await GamificationAppFactory.TokenAsync(cluster.A.CreateClient(), Agent);
        var access = token.GetProperty("access_token").GetString()!;
        var refresh = token.GetProperty("refresh_token").GetString()!;
        var signIn = await LoginForm.PostAsync(LoginForm.CookieClient(cluster.A), Agent, GamificationAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        Assert.Contains(LoginForm.IdentityCookie + "=", cookie, StringComparison.Ordinal);

        foreach (var node in new[] { cluster.B, cluster.C })
        {
            Assert.Equal((HttpStatusCode.OK, Agent), await MeAsync(node, bearer: access));
            Assert.Equal((HttpStatusCode.OK, Agent), await MeAsync(node, cookie: cookie));
        }
        // A refresh token from A, redeemed on C; the new token works on A and B.
        var refreshed = await cluster.C.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new Dictionary<string, string> { ["refresh_token"] = refresh });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var renewed = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        Assert.Equal((HttpStatusCode.OK, Agent), await MeAsync(cluster.A, bearer: renewed));
        Assert.Equal((HttpStatusCode.OK, Agent), await MeAsync(cluster.B, bearer: renewed));
        // One key ring, in the database: the key A made, which B and C read.
        Assert.Equal(1, await cluster.A.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));

        // The control: a fourth instance on the same database but with its keys in a folder of its own refuses A's
        // token and cookie, and accepts its own.
        var folder = Path.Combine(Path.GetTempPath(), "gamification-tests", $"keys-{Guid.NewGuid():n}");
        await using (var loner = new ClusterNode("D", cluster.ConnectionString, cluster.Clock, cluster.Log, keysFolder: folder))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(loner, bearer: access)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(loner, cookie: cookie)).Status);
            var own = (await GamificationAppFactory.TokenAsync(loner.CreateClient(), Agent)).GetProperty("access_token").GetString()!;
            Assert.Equal((HttpStatusCode.OK, Agent), await MeAsync(loner, bearer: own));
            Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(cluster.B, bearer: own)).Status);
        }
        Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
        Assert.Equal(1, await cluster.A.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>GET /api/v1/gamification/me on <paramref name="node"/> with a bearer token or a cookie: the status and the caller's email.</summary>
    private static async Task<(HttpStatusCode Status, string? Email)> MeAsync(ClusterNode node, string? bearer = null, string? cookie = null)
    {
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/gamification/me");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString())
            : (response.StatusCode, null);
    }

    /// <summary>How many tenants <paramref name="job"/> ran for, on all nodes together, since the log's <paramref name="since"/>.</summary>
    private int TenantRuns(string job, long since) => cluster.Log.RunsSince(since, job).Sum(e => e.Tenants);

    /// <summary>
    /// Waits until each of <paramref name="jobs"/> has run three more times, on whichever nodes: at least two of those
    /// runs started after this call, so they saw everything done before it (a job runs on one node at a time).
    /// </summary>
    private async Task ThreeMoreRunsOfEachAsync(IReadOnlyList<string> jobs)
    {
        var mark = cluster.Log.Mark;
        await WaitUntilAsync($"three more runs of {string.Join(", ", jobs)}",
            () => Task.FromResult(jobs.All(job => cluster.Log.RunsSince(mark, job).Count >= 3)));
    }

    /// <summary>Whether every daily job's record for every tenant is at <paramref name="days"/> (the tenant's local day).</summary>
    private async Task<bool> RecordedDaysMatchAsync(Dictionary<Guid, DateOnly> days)
    {
        var runs = await cluster.A.WithDbAsync(db => db.JobRuns.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        return DailyJobNames.All.All(job => days.All(d => runs.Any(r => r.JobName == job && r.TenantId == d.Key && r.LastLocalDate == d.Value)));
    }

    /// <summary>How many snapshots (distinct times) each of the tenant's boards has.</summary>
    private Task<(int Daily, int Weekly, int Monthly, int AllTime)> SnapshotTimesAsync(Guid tenantId) =>
        cluster.A.WithDbAsync(async db =>
        {
            var taken = await db.LeaderboardSnapshots.IgnoreQueryFilters().AsNoTracking().Where(s => s.TenantId == tenantId)
                .Select(s => new { s.PeriodType, s.SnapshotAt }).Distinct().ToListAsync();
            int Of(LeaderboardPeriod period) => taken.Count(s => s.PeriodType == period);
            return (Of(LeaderboardPeriod.Daily), Of(LeaderboardPeriod.Weekly), Of(LeaderboardPeriod.Monthly), Of(LeaderboardPeriod.AllTime));
        });

    /// <summary>Quartz's cluster members that checked in (rows of qrtz_scheduler_state) and the scheduler names among them.</summary>
    private async Task<(long Members, long Schedulers)> QuartzMembersAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT sched_name) FROM qrtz_scheduler_state", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {Patience.TotalSeconds} s: {what}.");
            }
            await Task.Delay(200);
        }
        // Where the time goes, and who ran what: the runs so far per node.
        var runs = cluster.Log.Entries.Where(e => e.Job is not null).GroupBy(e => e.Job).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {string.Join("/", g.GroupBy(e => e.Node).OrderBy(n => n.Key).Select(n => $"{n.Key}{n.Count()}"))}");
        output.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  {what} (runs: {string.Join(", ", runs)})");
    }
}
