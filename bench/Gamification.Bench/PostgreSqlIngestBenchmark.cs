using System.Diagnostics;
using System.Globalization;

using Gamification.Core.Challenges;
using Gamification.Core.Data;
using Gamification.Core.Leaderboards;
using Gamification.Core.Points;
using Gamification.Core.Tenants;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

using Npgsql;

namespace Gamification.Bench;

/// <summary>
/// <c>-- ingest --provider postgresql</c>: the same ingestion as <see cref="IngestBenchmark"/>, on PostgreSQL. The full
/// engine writes into one fresh database; then raw Npgsql writes the same rows into a second one: the ledger rows,
/// earned badges, challenge-progress upserts, balance upserts and the live leaderboard scores (one upsert per user,
/// period and period start a batch moves), with prepared statements, one transaction and one round trip (an
/// <see cref="NpgsqlBatch"/>) per batch. Like the SQLite floor it leaves out the activity_event rows the engine keeps
/// for idempotency (--profile adds them). Both databases are migrated by the app's PostgreSQL migrations, on the same
/// server, in the same run, and dropped after (unless --keep).
/// </summary>
public static class PostgreSqlIngestBenchmark
{
    public static async Task<int> RunAsync(IngestSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        await using var server = await BenchPostgres.StartAsync(s.Connection);
        var engineDb = await server.CreateDatabaseAsync("engine");
        var rawDb = await server.CreateDatabaseAsync("raw");
        try
        {
            return await RunOnAsync(s, server, engineDb, rawDb);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (s.Keep)
            {
                Console.WriteLine($"  kept    databases {new NpgsqlConnectionStringBuilder(engineDb).Database} and {new NpgsqlConnectionStringBuilder(rawDb).Database}");
            }
            else
            {
                await server.DropDatabaseAsync(engineDb);
                await server.DropDatabaseAsync(rawDb);
            }
        }
    }

    private static async Task<int> RunOnAsync(IngestSettings s, BenchPostgres server, string engineDb, string rawDb)
    {
        var version = await server.VersionAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ingestion benchmark: {s.Events:N0} events for {s.Agents:N0} agents in batches of {s.BatchSize:N0}, {(s.NoCatalog ? "no badges or challenges" : "starter badges and challenges")}; PostgreSQL {version} on {server.Describe()}; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        var tenantId = Guid.NewGuid();
        var agents = Enumerable.Range(1, s.Agents).Select(_ => Guid.NewGuid().ToString()).ToList();
        await CreateDatabaseAsync(engineDb, tenantId, agents, !s.NoCatalog);
        await CreateDatabaseAsync(rawDb, tenantId, agents, !s.NoCatalog);
        var events = IngestBenchmark.GenerateEvents(s.Events, agents);

        // 1. The full engine, as the app runs it on PostgreSQL (Npgsql's retrying strategy included).
        var options = Options(engineDb);
        var factory = new Factory(options);
        var engine = new PointsEngine(factory, new FixedClock(IngestBenchmark.Now), NullLogger<PointsEngine>.Instance, AchievementEvaluators.All);
        var refused = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var engineTime = Stopwatch.StartNew();
        foreach (var batch in events.Chunk(s.BatchSize))
        {
            var outcomes = await engine.RecordBatchAsync(tenantId, batch, CancellationToken.None);
            refused += outcomes.Count(o => !o.Succeeded);
        }
        engineTime.Stop();
        var engineAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (refused > 0)
        {
            Console.Error.WriteLine($"{refused} events were refused; the benchmark's events should all be valid.");
            return 1;
        }
        var check = await engine.CheckLedgerAsync(tenantId, CancellationToken.None);

        // 2. The floor: the same rows, raw.
        var ledger = await ReadTableAsync(engineDb, "point_transactions");
        List<List<IngestBenchmark.ProgressRow>>? progress = null;
        if (!s.NoCatalog)
        {
            await using var db = new PostgreSqlGamificationDbContext(options);
            progress = await IngestBenchmark.ChallengeProgressAsync(db, tenantId, events, s.BatchSize);
        }
        var badges = s.NoCatalog ? null : await ReadTableAsync(engineDb, "user_badge");
        var scores = Scores(ledger, s.BatchSize);
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var rawTime = Stopwatch.StartNew();
        var rawCommitTime = await InsertRawAsync(rawDb, ledger, null, s.BatchSize, progress, badges, scores);
        rawTime.Stop();
        var rawAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var sameBalances = await BalancesAsync(engineDb) == await BalancesAsync(rawDb);

        // 3. For scale: the engine's whole write set raw, with the activity_event rows it keeps for idempotency.
        var fullTime = TimeSpan.Zero;
        if (s.Profile)
        {
            var fullDb = await server.CreateDatabaseAsync("rawfull");
            try
            {
                await CreateDatabaseAsync(fullDb, tenantId, agents, !s.NoCatalog);
                var activity = await ReadTableAsync(engineDb, "activity_event");
                var full = Stopwatch.StartNew();
                await InsertRawAsync(fullDb, ledger, activity, s.BatchSize, progress, badges, scores);
                fullTime = full.Elapsed;
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await server.DropDatabaseAsync(fullDb);
            }
        }

        var engineRate = s.Events / engineTime.Elapsed.TotalSeconds;
        var rawRate = s.Events / rawTime.Elapsed.TotalSeconds;
        var ratio = engineRate / rawRate;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              engine  PointsEngine.RecordBatchAsync        {engineTime.Elapsed.TotalSeconds,7:F2} s  {engineRate,9:N0} events/s  {engineAllocated / (double)s.Events / 1024,6:F1} KiB allocated/event
              raw     Npgsql prepared, 1 tx + 1 batch/batch {rawTime.Elapsed.TotalSeconds,6:F2} s  {rawRate,9:N0} events/s  {rawAllocated / (double)s.Events / 1024,6:F1} KiB allocated/event (commits {rawCommitTime.TotalSeconds:F2} s)
              ratio   engine/raw                           {ratio,7:F2}   (target >= 0.50)
              rows    {ledger.Rows.Count:N0} ledger rows for {s.Events:N0} events, {scores.Sum(b => b.Count):N0} score upserts; ledger check {(check.IsClean ? "clean" : "MISMATCH")}; raw balances and scores {(sameBalances ? "equal" : "DIFFER")}
            """));
        if (s.Profile)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  raw + the engine's activity_event rows (its whole write set): {fullTime.TotalSeconds:F2} s, {s.Events / fullTime.TotalSeconds:N0} events/s, ratio engine/that {engineRate / (s.Events / fullTime.TotalSeconds):F2}"));
        }
        return check.IsClean && sameBalances ? 0 : 1;
    }

    private static DbContextOptions<PostgreSqlGamificationDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<PostgreSqlGamificationDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure())
            .Options;

    /// <summary>Migrates a fresh database with the app's PostgreSQL migrations and adds the tenant, its rules, catalog and agents.</summary>
    private static async Task CreateDatabaseAsync(string connectionString, Guid tenantId, List<string> agents, bool catalog)
    {
        await using var db = new PostgreSqlGamificationDbContext(Options(connectionString));
        await db.Database.MigrateAsync();
        BenchDatabase.AddTenant(db, tenantId, IngestBenchmark.Created, StarterCatalog.TierOf);
        await IngestBenchmark.AddCatalogAndAgentsAsync(db, tenantId, agents, catalog);
    }

    /// <summary>A table's rows as PostgreSQL returns them, without the generated id, with each column's type name for the raw inserts.</summary>
    private sealed record Table(string Name, string[] Columns, string[] Types, List<object[]> Rows);

    private static async Task<Table> ReadTableAsync(string connectionString, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {name} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "id").ToArray();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(columns.Select(reader.GetValue).ToArray());
        }
        return new Table(name, columns.Select(reader.GetName).ToArray(), columns.Select(reader.GetDataTypeName).ToArray(), rows);
    }

    private const string UpsertPoints = """
        INSERT INTO user_points (tenant_id, user_id, current_points, lifetime_points, daily_points, streak_days, longest_streak,
            total_calls, conversions, perfect_calls, quality_reviews, feedback_count, challenges_completed, calls_today, version, updated_at)
        VALUES ($1, $2, $3, $4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, $5)
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET
            current_points = user_points.current_points + excluded.current_points,
            lifetime_points = user_points.lifetime_points + excluded.lifetime_points,
            version = user_points.version + 1,
            updated_at = excluded.updated_at
        """;

    /// <summary>The engine's own score upsert on PostgreSQL (ScoreWriter), written raw.</summary>
    private const string UpsertScore = """
        INSERT INTO leaderboard_score (tenant_id, period_type, period_start, user_id, team_id, points, version)
        VALUES ($1, $2, $3, $4, NULL, $5, 1)
        ON CONFLICT (tenant_id, period_type, period_start, user_id) DO UPDATE SET
            points = leaderboard_score.points + excluded.points,
            team_id = excluded.team_id,
            version = leaderboard_score.version + 1
        """;

    private sealed record ScoreRow(object Tenant, string UserId, string Period, DateOnly Start, long Points);

    /// <summary>
    /// What each raw batch adds to the live scores, worked out before the raw phase is timed (the engine's rules,
    /// <see cref="LeaderboardRules"/> and <see cref="TransactionTypes.CountsOnBoards"/>): per batch of ledger rows, one
    /// row per user, period and period start, with the points of the entries that count on boards (the bench's agents have no team).
    /// </summary>
    private static List<List<ScoreRow>> Scores(Table ledger, int batchSize)
    {
        var tenantColumn = Array.IndexOf(ledger.Columns, "tenant_id");
        var userColumn = Array.IndexOf(ledger.Columns, "user_id");
        var typeColumn = Array.IndexOf(ledger.Columns, "type");
        var pointsColumn = Array.IndexOf(ledger.Columns, "points");
        var dayColumn = Array.IndexOf(ledger.Columns, "local_date");
        return ledger.Rows.Chunk(batchSize).Select(batch => batch
                .Where(r => (long)r[pointsColumn] != 0 && TransactionTypes.CountsOnBoards(Enum.Parse<TransactionType>((string)r[typeColumn])))
                .SelectMany(r => LeaderboardRules.Periods.Select(p => (Row: r, Period: p, Start: LeaderboardRules.PeriodStart(p, (DateOnly)r[dayColumn]))))
                .GroupBy(x => (User: (string)x.Row[userColumn], x.Period, x.Start))
                .Select(g => new ScoreRow(g.First().Row[tenantColumn], g.Key.User, g.Key.Period.ToString(), g.Key.Start, g.Sum(x => (long)x.Row[pointsColumn])))
                .Where(x => x.Points != 0)
                .ToList())
            .ToList();
    }

    private const string UpsertProgress = """
        INSERT INTO user_challenge (tenant_id, user_id, challenge_id, window_start, window_end, progress, rating_sum, rating_count, completed, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, 1)
        ON CONFLICT (tenant_id, user_id, window_start, challenge_id) DO UPDATE SET
            progress = user_challenge.progress + excluded.progress,
            rating_sum = user_challenge.rating_sum + excluded.rating_sum,
            rating_count = user_challenge.rating_count + excluded.rating_count,
            version = user_challenge.version + 1
        """;

    /// <summary>
    /// The raw floor: per batch, one transaction and one <see cref="NpgsqlBatch"/> (one round trip) of prepared
    /// statements: a single-row INSERT per ledger row (and activity_event row, when given) and earned badge, one
    /// challenge-progress upsert per (agent, challenge, window) and one balance upsert per user. Returns the time spent committing.
    /// </summary>
    private static async Task<TimeSpan> InsertRawAsync(string connectionString, Table ledger, Table? events, int batchSize,
        List<List<IngestBenchmark.ProgressRow>>? progress, Table? badges, List<List<ScoreRow>> scores)
    {
        var tenantColumn = Array.IndexOf(ledger.Columns, "tenant_id");
        var userColumn = Array.IndexOf(ledger.Columns, "user_id");
        var typeColumn = Array.IndexOf(ledger.Columns, "type");
        var pointsColumn = Array.IndexOf(ledger.Columns, "points");
        var now = IngestBenchmark.Now;
        var insertLedger = InsertSql(ledger);
        var insertEvent = events is null ? null : InsertSql(events);
        var insertBadge = badges is null ? null : InsertSql(badges);
        var badgeBatches = badges is null || progress is null || progress.Count == 0
            ? []
            : badges.Rows.Chunk(Math.Max(1, (badges.Rows.Count + progress.Count - 1) / progress.Count)).ToList();
        var eventBatches = events?.Rows.Chunk(batchSize).ToList() ?? [];

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var deltas = new Dictionary<string, (object Tenant, long Current, long Lifetime)>(StringComparer.Ordinal);
        var commitTime = TimeSpan.Zero;
        var b = 0;
        foreach (var batch in ledger.Rows.Chunk(batchSize))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var statements = new NpgsqlBatch(connection, transaction);
            deltas.Clear();
            foreach (var row in batch)
            {
                statements.BatchCommands.Add(Insert(insertLedger, ledger, row));
                var points = (long)row[pointsColumn];
                var earning = (string)row[typeColumn] is "Activity" or "BadgeReward" or "ChallengeReward" or "LevelUp" or "AdminAward";
                var key = (string)row[userColumn];
                var (_, c, l) = deltas.GetValueOrDefault(key, (row[tenantColumn], 0L, 0L));
                deltas[key] = (row[tenantColumn], c + points, l + (earning ? points : 0));
            }
            if (b < eventBatches.Count)
            {
                foreach (var row in eventBatches[b])
                {
                    statements.BatchCommands.Add(Insert(insertEvent!, events!, row));
                }
            }
            if (progress is not null && b < progress.Count)
            {
                foreach (var p in progress[b])
                {
                    statements.BatchCommands.Add(Command(UpsertProgress,
                        batch[0][tenantColumn], p.UserId, p.ChallengeId, p.WindowStart, p.WindowEnd, p.Progress, p.RatingSum, p.RatingCount));
                }
            }
            if (b < badgeBatches.Count)
            {
                foreach (var row in badgeBatches[b])
                {
                    statements.BatchCommands.Add(Insert(insertBadge!, badges!, row));
                }
            }
            foreach (var score in scores[b])
            {
                statements.BatchCommands.Add(Command(UpsertScore, score.Tenant, score.Period, score.Start, score.UserId, score.Points));
            }
            b++;
            foreach (var (userId, delta) in deltas)
            {
                statements.BatchCommands.Add(Command(UpsertPoints, delta.Tenant, userId, delta.Current, delta.Lifetime, now));
            }
            // Each distinct statement is prepared once per connection; later batches reuse it.
            await statements.PrepareAsync();
            await statements.ExecuteNonQueryAsync();
            var commit = Stopwatch.GetTimestamp();
            await transaction.CommitAsync();
            commitTime += Stopwatch.GetElapsedTime(commit);
        }
        return commitTime;
    }

    private static string InsertSql(Table table) =>
        $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"${i + 1}"))})";

    private static NpgsqlBatchCommand Insert(string sql, Table table, object[] row)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (var i = 0; i < row.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter { DataTypeName = table.Types[i], Value = row[i] });
        }
        return command;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    /// <summary>The sums the two databases must agree on: balances, and the live scores (each period's total and row count).</summary>
    private static async Task<string> BalancesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT 'balances', COALESCE(SUM(current_points), 0)::bigint, COALESCE(SUM(lifetime_points), 0)::bigint, COUNT(*) FROM user_points
            UNION ALL
            SELECT period_type, SUM(points)::bigint, COUNT(DISTINCT period_start), COUNT(*) FROM leaderboard_score GROUP BY period_type
            ORDER BY 1
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var sums = new List<string>();
        while (await reader.ReadAsync())
        {
            sums.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {reader.GetInt64(1)} {reader.GetInt64(2)} {reader.GetInt64(3)}"));
        }
        return string.Join("; ", sums);
    }

    /// <summary>A context per operation, as the app's factory gives (options built once).</summary>
    private sealed class Factory(DbContextOptions<PostgreSqlGamificationDbContext> options) : IDbContextFactory<GamificationDbContext>
    {
        public GamificationDbContext CreateDbContext() => new PostgreSqlGamificationDbContext(options);
    }
}

/// <summary>
/// The PostgreSQL server a benchmark uses: the one given (--connection), else GAMIFICATION_TEST_POSTGRES, else one
/// started for the run with scripts/services.sh (Debian's PostgreSQL on loopback, installed when missing) and stopped after.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string server;
    private readonly string? servicesDirectory;

    private BenchPostgres(string server, string? servicesDirectory)
    {
        this.server = server;
        this.servicesDirectory = servicesDirectory;
    }

    public static async Task<BenchPostgres> StartAsync(string? connection)
    {
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new BenchPostgres(connection, null);
        }
        if (Environment.GetEnvironmentVariable("GAMIFICATION_TEST_POSTGRES") is { Length: > 0 } fromEnvironment)
        {
            return new BenchPostgres(fromEnvironment, null);
        }
        var script = FindServicesScript();
        Console.WriteLine($"  server  none given (--connection or GAMIFICATION_TEST_POSTGRES): starting one with {script} start");
        var (status, output) = await RunAsync(script, "start");
        if (status != 0)
        {
            throw new InvalidOperationException($"{script} start failed ({status}).");
        }
        string Export(string name) =>
            output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"export {name}='", StringComparison.Ordinal)) is { } line
                ? line[($"export {name}='".Length)..^1]
                : throw new InvalidOperationException($"{script} start did not print {name}.");
        return new BenchPostgres(Export("GAMIFICATION_TEST_POSTGRES"), Export("GAMIFICATION_SERVICES_DIR"));
    }

    /// <summary>Creates a fresh database for one part of the run; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string part)
    {
        var name = $"gamification_bench_{part}_{Guid.NewGuid():N}"[..48];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString) =>
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");

    public async Task<string> VersionAsync()
    {
        await using var connection = new NpgsqlConnection(Maintenance());
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }

    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(server);
        return $"{builder.Host}:{builder.Port}";
    }

    public async ValueTask DisposeAsync()
    {
        if (servicesDirectory is not null)
        {
            await RunAsync(FindServicesScript(), "stop", servicesDirectory);
        }
    }

    private string Maintenance() => new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Maintenance());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>scripts/services.sh in the current folder or one of its parents (the bench runs from the repository).</summary>
    private static string FindServicesScript()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, "scripts", "services.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }
        throw new InvalidOperationException("No PostgreSQL given (--connection or GAMIFICATION_TEST_POSTGRES) and no scripts/services.sh found above the current folder: run from the repository.");
    }

    private static async Task<(int Status, string Output)> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
