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
/// engine writes into one fresh database; raw Npgsql writes the same rows into a second one: the ledger rows, earned
/// badges, challenge-progress upserts, balance upserts and live leaderboard score upserts (one per user, period and
/// period start the batch moves), with prepared statements, one transaction and one round trip (an
/// <see cref="NpgsqlBatch"/>) per batch. Like the SQLite floor it leaves out the activity_event rows the engine keeps
/// for idempotency (--profile also times a raw floor that writes them). The two alternate batch by batch (engine
/// batch n, then raw batch n with the rows the engine just wrote), so both see the same load on a shared machine.
/// Both databases are migrated by the app's PostgreSQL migrations, on the same server, in the same run, and dropped
/// after (unless --keep).
/// </summary>
public static class PostgreSqlIngestBenchmark
{
    public static async Task<int> RunAsync(IngestSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        await using var server = await BenchPostgres.StartAsync(s.Connection);
        var databases = new List<string> { await server.CreateDatabaseAsync("engine"), await server.CreateDatabaseAsync("raw") };
        if (s.Profile)
        {
            databases.Add(await server.CreateDatabaseAsync("rawfull"));
        }
        try
        {
            return await RunOnAsync(s, server, databases[0], databases[1], s.Profile ? databases[2] : null);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (s.Keep)
            {
                Console.WriteLine($"  kept    databases {string.Join(", ", databases.Select(d => new NpgsqlConnectionStringBuilder(d).Database))}");
            }
            else
            {
                foreach (var database in databases)
                {
                    await server.DropDatabaseAsync(database);
                }
            }
        }
    }

    private static async Task<int> RunOnAsync(IngestSettings s, BenchPostgres server, string engineDb, string rawDb, string? fullDb)
    {
        var version = await server.VersionAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ingestion benchmark: {s.Events:N0} events for {s.Agents:N0} agents in batches of {s.BatchSize:N0}, {(s.NoCatalog ? "no badges or challenges" : "starter badges and challenges")}; PostgreSQL {version} on {server.Describe()}; engine and raw alternate batch by batch; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        var tenantId = Guid.NewGuid();
        var agents = Enumerable.Range(1, s.Agents).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var database in new[] { engineDb, rawDb, fullDb }.OfType<string>())
        {
            await CreateDatabaseAsync(database, tenantId, agents, !s.NoCatalog);
        }
        var events = IngestBenchmark.GenerateEvents(s.Events, agents);

        // The engine as the app runs it on PostgreSQL (Npgsql's retrying strategy included).
        var options = Options(engineDb);
        var engine = new PointsEngine(new Factory(options), new FixedClock(IngestBenchmark.Now), NullLogger<PointsEngine>.Instance, AchievementEvaluators.All,
            memory: new UnitMemory());
        List<Challenge> challenges;
        await using (var db = new PostgreSqlGamificationDbContext(options))
        {
            challenges = s.NoCatalog ? [] : await IngestBenchmark.ActiveChallengesAsync(db, tenantId);
        }
        // What the engine wrote, read after each of its batches (not timed), for the raw side to write again.
        await using var engineRows = new NpgsqlConnection(engineDb);
        await engineRows.OpenAsync();
        var ledger = new NewRows("point_transactions");
        var badges = new NewRows("user_badge");
        var activity = new NewRows("activity_event");
        await using var raw = new RawWriter(rawDb);
        await using var full = fullDb is null ? null : new RawWriter(fullDb);

        var refused = 0;
        var engineTime = TimeSpan.Zero;
        var rawTime = TimeSpan.Zero;
        var fullTime = TimeSpan.Zero;
        long engineAllocated = 0, rawAllocated = 0, ledgerRows = 0, scoreRows = 0;
        foreach (var batch in events.Chunk(s.BatchSize))
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            var outcomes = await engine.RecordBatchAsync(tenantId, batch, CancellationToken.None);
            engineTime += Stopwatch.GetElapsedTime(started);
            engineAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
            refused += outcomes.Count(o => !o.Succeeded);

            // The rows to write raw, worked out before the raw batch is timed (the engine's rules; the raw side pays for the writes).
            var entries = await ledger.ReadAsync(engineRows);
            var earned = s.NoCatalog ? null : await badges.ReadAsync(engineRows);
            var awarded = outcomes.Where(o => o.Succeeded).ToDictionary(o => o.EventId, o => o.Result!.PointsAwarded, StringComparer.Ordinal);
            var progress = IngestBenchmark.ChallengeProgress(challenges, batch, awarded);
            var scores = Scores(entries);
            ledgerRows += entries.Rows.Count;
            scoreRows += scores.Count;

            allocated = GC.GetTotalAllocatedBytes(precise: true);
            started = Stopwatch.GetTimestamp();
            await raw.WriteAsync(entries, null, progress, earned, scores);
            rawTime += Stopwatch.GetElapsedTime(started);
            rawAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;

            if (full is not null)
            {
                var eventRows = await activity.ReadAsync(engineRows);
                started = Stopwatch.GetTimestamp();
                await full.WriteAsync(entries, eventRows, progress, earned, scores);
                fullTime += Stopwatch.GetElapsedTime(started);
            }
        }
        if (refused > 0)
        {
            Console.Error.WriteLine($"{refused} events were refused; the benchmark's events should all be valid.");
            return 1;
        }
        var check = await engine.CheckLedgerAsync(tenantId, CancellationToken.None);
        var sameBalances = await BalancesAsync(engineDb) == await BalancesAsync(rawDb);

        var engineRate = s.Events / engineTime.TotalSeconds;
        var rawRate = s.Events / rawTime.TotalSeconds;
        var ratio = engineRate / rawRate;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              engine  PointsEngine.RecordBatchAsync        {engineTime.TotalSeconds,7:F2} s  {engineRate,9:N0} events/s  {engineAllocated / (double)s.Events / 1024,6:F1} KiB allocated/event
              raw     Npgsql prepared, 1 tx + 1 batch/batch {rawTime.TotalSeconds,6:F2} s  {rawRate,9:N0} events/s  {rawAllocated / (double)s.Events / 1024,6:F1} KiB allocated/event (commits {raw.CommitTime.TotalSeconds:F2} s)
              ratio   engine/raw                           {ratio,7:F2}   (target >= 0.50)
              rows    {ledgerRows:N0} ledger rows for {s.Events:N0} events, {scoreRows:N0} score upserts; ledger check {(check.IsClean ? "clean" : "MISMATCH")}; raw balances and scores {(sameBalances ? "equal" : "DIFFER")}
            """));
        if (full is not null)
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

    /// <summary>Rows of a table as PostgreSQL returns them, without the generated id, with each column's type name for the raw inserts.</summary>
    private sealed record Table(string Name, string[] Columns, string[] Types, List<object[]> Rows)
    {
        public int Column(string name) => Array.IndexOf(Columns, name);
    }

    /// <summary>A table's rows added since the last read (by id: the engine's rows of the batch just run).</summary>
    private sealed class NewRows(string table)
    {
        private long lastId;

        public async Task<Table> ReadAsync(NpgsqlConnection connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} WHERE id > $1 ORDER BY id";
            command.Parameters.Add(new NpgsqlParameter { Value = lastId });
            await using var reader = await command.ExecuteReaderAsync();
            var id = reader.GetOrdinal("id");
            var columns = Enumerable.Range(0, reader.FieldCount).Where(i => i != id).ToArray();
            var rows = new List<object[]>();
            while (await reader.ReadAsync())
            {
                lastId = reader.GetInt64(id);
                rows.Add(columns.Select(reader.GetValue).ToArray());
            }
            return new Table(table, columns.Select(reader.GetName).ToArray(), columns.Select(reader.GetDataTypeName).ToArray(), rows);
        }
    }

    /// <summary>The engine's own score upsert on PostgreSQL (ScoreWriter), written raw.</summary>
    private const string UpsertScore = """
        INSERT INTO leaderboard_score (tenant_id, period_type, period_start, user_id, team_id, points, version)
        VALUES ($1, $2, $3, $4, NULL, $5, 1)
        ON CONFLICT (tenant_id, period_type, period_start, user_id) DO UPDATE SET
            points = leaderboard_score.points + excluded.points,
            team_id = excluded.team_id,
            version = leaderboard_score.version + 1
        """;

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

    private const string UpsertProgress = """
        INSERT INTO user_challenge (tenant_id, user_id, challenge_id, window_start, window_end, progress, rating_sum, rating_count, completed, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, 1)
        ON CONFLICT (tenant_id, user_id, window_start, challenge_id) DO UPDATE SET
            progress = user_challenge.progress + excluded.progress,
            rating_sum = user_challenge.rating_sum + excluded.rating_sum,
            rating_count = user_challenge.rating_count + excluded.rating_count,
            version = user_challenge.version + 1
        """;

    private sealed record ScoreRow(object Tenant, string UserId, string Period, DateOnly Start, long Points);

    /// <summary>
    /// What a batch's ledger rows add to the live scores (the engine's rules, <see cref="LeaderboardRules"/> and
    /// <see cref="TransactionTypes.CountsOnBoards"/>): one row per user, period and period start, with the points of
    /// the entries that count on boards (the bench's agents have no team).
    /// </summary>
    private static List<ScoreRow> Scores(Table ledger)
    {
        var (tenant, user, type, points, day) = (ledger.Column("tenant_id"), ledger.Column("user_id"), ledger.Column("type"), ledger.Column("points"), ledger.Column("local_date"));
        return ledger.Rows
            .Where(r => (long)r[points] != 0 && TransactionTypes.CountsOnBoards(Enum.Parse<TransactionType>((string)r[type])))
            .SelectMany(r => LeaderboardRules.Periods.Select(p => (Row: r, Period: p, Start: LeaderboardRules.PeriodStart(p, (DateOnly)r[day]))))
            .GroupBy(x => (User: (string)x.Row[user], x.Period, x.Start))
            .Select(g => new ScoreRow(g.First().Row[tenant], g.Key.User, g.Key.Period.ToString(), g.Key.Start, g.Sum(x => (long)x.Row[points])))
            .Where(x => x.Points != 0)
            .ToList();
    }

    /// <summary>
    /// The raw floor on one connection: per batch, one transaction and one <see cref="NpgsqlBatch"/> (one round trip)
    /// of prepared statements: a single-row INSERT per ledger row (and activity_event row, when given) and earned
    /// badge, one challenge-progress upsert per (agent, challenge, window), one score upsert per (user, period, start)
    /// and one balance upsert per user.
    /// </summary>
    private sealed class RawWriter(string connectionString) : IAsyncDisposable
    {
        private readonly NpgsqlConnection connection = new(connectionString);
        private readonly Dictionary<string, (object Tenant, long Current, long Lifetime)> deltas = new(StringComparer.Ordinal);

        public TimeSpan CommitTime { get; private set; }

        public async Task WriteAsync(Table ledger, Table? events, List<IngestBenchmark.ProgressRow> progress, Table? badges, List<ScoreRow> scores)
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                await connection.OpenAsync();
            }
            var (tenant, user, type, points) = (ledger.Column("tenant_id"), ledger.Column("user_id"), ledger.Column("type"), ledger.Column("points"));
            await using var transaction = await connection.BeginTransactionAsync();
            await using var statements = new NpgsqlBatch(connection, transaction);
            deltas.Clear();
            var insertLedger = InsertSql(ledger);
            foreach (var row in ledger.Rows)
            {
                statements.BatchCommands.Add(Insert(insertLedger, ledger, row));
                var amount = (long)row[points];
                var earning = (string)row[type] is "Activity" or "BadgeReward" or "ChallengeReward" or "LevelUp" or "AdminAward";
                var key = (string)row[user];
                var (_, c, l) = deltas.GetValueOrDefault(key, (row[tenant], 0L, 0L));
                deltas[key] = (row[tenant], c + amount, l + (earning ? amount : 0));
            }
            foreach (var table in new[] { events, badges }.OfType<Table>())
            {
                var sql = InsertSql(table);
                foreach (var row in table.Rows)
                {
                    statements.BatchCommands.Add(Insert(sql, table, row));
                }
            }
            var tenantId = ledger.Rows.Count > 0 ? ledger.Rows[0][tenant] : null;
            foreach (var p in progress)
            {
                statements.BatchCommands.Add(Command(UpsertProgress, tenantId!, p.UserId, p.ChallengeId, p.WindowStart, p.WindowEnd, p.Progress, p.RatingSum, p.RatingCount));
            }
            foreach (var score in scores)
            {
                statements.BatchCommands.Add(Command(UpsertScore, score.Tenant, score.Period, score.Start, score.UserId, score.Points));
            }
            foreach (var (userId, delta) in deltas)
            {
                statements.BatchCommands.Add(Command(UpsertPoints, delta.Tenant, userId, delta.Current, delta.Lifetime, IngestBenchmark.Now));
            }
            if (statements.BatchCommands.Count > 0)
            {
                // Each distinct statement is prepared once per connection; later batches reuse it.
                await statements.PrepareAsync();
                await statements.ExecuteNonQueryAsync();
            }
            var commit = Stopwatch.GetTimestamp();
            await transaction.CommitAsync();
            CommitTime += Stopwatch.GetElapsedTime(commit);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
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
