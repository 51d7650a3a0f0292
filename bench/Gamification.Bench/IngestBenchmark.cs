using System.Diagnostics;
using System.Globalization;

using Gamification.Core.Challenges;
using Gamification.Core.Data;
using Gamification.Core.Points;
using Gamification.Core.Tenants;
using Gamification.Core.Users;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Bench;

/// <summary>The database the ingestion benchmark runs on.</summary>
public enum IngestProvider { Sqlite, PostgreSql }

/// <param name="NoCatalog">Leave out the starter badges and challenges (to see what checking them costs).</param>
/// <param name="NoMemory">Run the engine without the instance's memory of its users between units (<see cref="UnitMemory"/>): every unit
/// reads its users' challenge rows and badges, as an instance does for users another instance just wrote.</param>
/// <param name="Provider">SQLite files (default) or PostgreSQL databases (<see cref="PostgreSqlIngestBenchmark"/>).</param>
/// <param name="Connection">PostgreSQL: the server to use (else GAMIFICATION_TEST_POSTGRES, else one started with scripts/services.sh).</param>
public sealed record IngestSettings(int Events, int Agents, int BatchSize, bool Keep, bool Profile, bool NoCatalog = false,
    IngestProvider Provider = IngestProvider.Sqlite, string? Connection = null, bool NoMemory = false);

/// <summary>
/// Ingestion through the full points engine against the floor of what it must write: the same ledger rows and
/// balance updates inserted with raw Microsoft.Data.Sqlite (prepared commands, one transaction per batch), each
/// into its own fresh SQLite file (migrated, WAL) holding one tenant with its config, levels and agents.
/// </summary>
public static class IngestBenchmark
{
    /// <summary>The benchmark's fixed clock: events are spread over the 40 hours before it (inside the 48-hour window).</summary>
    internal static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Spread = TimeSpan.FromHours(40);

    public static async Task<int> RunAsync(IngestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == IngestProvider.PostgreSql)
        {
            return await PostgreSqlIngestBenchmark.RunAsync(settings);
        }
        return await BenchDatabase.InTempFolderAsync(settings.Keep, directory => RunInAsync(settings, directory));
    }

    private static async Task<int> RunInAsync(IngestSettings s, string directory)
    {
        var engineDb = ConnectionString(Path.Combine(directory, "engine.db"));
        var rawDb = ConnectionString(Path.Combine(directory, "raw.db"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ingestion benchmark: {s.Events:N0} events for {s.Agents:N0} agents in batches of {s.BatchSize:N0}, {(s.NoCatalog ? "no badges or challenges" : "starter badges and challenges")}, {(s.NoMemory ? "no unit memory" : "the instance's unit memory")}; SQLite {SqliteVersion()} (WAL) in {directory}; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        var tenantId = Guid.NewGuid();
        var agents = Enumerable.Range(1, s.Agents).Select(_ => Guid.NewGuid().ToString()).ToList();
        await CreateDatabaseAsync(engineDb, tenantId, agents, !s.NoCatalog);
        await CreateDatabaseAsync(rawDb, tenantId, agents, !s.NoCatalog);
        var events = GenerateEvents(s.Events, agents);

        // 1. The full engine: validation, duplicates, streaks, caps, levels, ledger, balances, events, in one unit per batch.
        var profiler = s.Profile ? new EngineProfiler() : null;
        var factory = new Factory(engineDb, profiler);
        // As the app runs it: one instance, with its memory of the users between units (UnitMemory).
        var engine = new PointsEngine(factory, new FixedClock(Now), NullLogger<PointsEngine>.Instance, AchievementEvaluators.All,
            memory: s.NoMemory ? null : new UnitMemory());
        // 1 and 2, batch by batch: the full engine (validation, duplicates, streaks, caps, levels, ledger, balances, events,
        // badges, challenges, in one unit per batch), then the floor: the same batch's ledger rows and the balance changes
        // they make, raw, with the catalog also its earned badges and one challenge-progress upsert per (agent, challenge,
        // window) it moves, in one transaction. The two alternate, so both see the same load (the machine's other work, the
        // disk); what the floor writes is read back from the engine's file between them, untimed.
        List<Challenge>? challenges = null;
        if (!s.NoCatalog)
        {
            await using var db = new SqliteGamificationDbContext(new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(engineDb).Options);
            challenges = await ActiveChallengesAsync(db, tenantId);
        }
        var refused = 0;
        var engineTime = new Stopwatch();
        var rawTime = new Stopwatch();
        var rawCommitTime = TimeSpan.Zero;
        long engineAllocated = 0, rawAllocated = 0;
        var batches = new List<RawBatch>();
        var read = new RowReader(engineDb);
        using var raw = new RawWriter(rawDb);
        foreach (var batch in events.Chunk(s.BatchSize))
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            engineTime.Start();
            var outcomes = await engine.RecordBatchAsync(tenantId, batch, CancellationToken.None);
            engineTime.Stop();
            engineAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
            refused += outcomes.Count(o => !o.Succeeded);

            var activity = read.New("activity_event");
            var eventId = Array.IndexOf(activity.Columns, "event_id");
            var pointsAwarded = Array.IndexOf(activity.Columns, "points_awarded");
            var awarded = activity.Rows.ToDictionary(r => (string)r[eventId], r => (long)r[pointsAwarded], StringComparer.Ordinal);
            var rows = new RawBatch(read.New("point_transactions"), activity,
                challenges is null ? null : ChallengeProgress(challenges, batch, awarded), s.NoCatalog ? null : read.New("user_badge"));
            batches.Add(rows);

            allocated = GC.GetTotalAllocatedBytes(precise: true);
            rawTime.Start();
            rawCommitTime += raw.Write(rows, withEvents: false);
            rawTime.Stop();
            rawAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
        }
        profiler?.Stop();
        var peakAfterEngine = Environment.WorkingSet;
        using (var process = Process.GetCurrentProcess())
        {
            peakAfterEngine = process.PeakWorkingSet64;
        }
        if (refused > 0)
        {
            Console.Error.WriteLine($"{refused} events were refused; the benchmark's events should all be valid.");
            return 1;
        }
        var check = await engine.CheckLedgerAsync(tenantId, CancellationToken.None);
        var ledgerRows = batches.Sum(b => b.Ledger.Rows.Count);
        var sameBalances = Balances(engineDb) == Balances(rawDb);

        // 3. For scale: the engine's whole write set raw, i.e. also the activity_event rows it keeps for idempotency.
        var fullTime = TimeSpan.Zero;
        if (s.Profile)
        {
            var fullDb = ConnectionString(Path.Combine(directory, "raw-full.db"));
            await CreateDatabaseAsync(fullDb, tenantId, agents, !s.NoCatalog);
            using var fullRaw = new RawWriter(fullDb);
            var full = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                fullRaw.Write(batch, withEvents: true);
            }
            fullTime = full.Elapsed;
        }

        long peak;
        using (var process = Process.GetCurrentProcess())
        {
            peak = process.PeakWorkingSet64;
        }
        var engineRate = s.Events / engineTime.Elapsed.TotalSeconds;
        var rawRate = s.Events / rawTime.Elapsed.TotalSeconds;
        var ratio = engineRate / rawRate;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              engine  PointsEngine.RecordBatchAsync        {engineTime.Elapsed.TotalSeconds,7:F2} s  {engineRate,9:N0} events/s  {engineAllocated / (double)s.Events / 1024,6:F1} KiB allocated/event
              raw     prepared INSERT + upsert, 1 tx/batch {rawTime.Elapsed.TotalSeconds,7:F2} s  {rawRate,9:N0} events/s  {rawAllocated / (double)s.Events / 1024,6:F1} KiB allocated/event (commits {rawCommitTime.TotalSeconds:F2} s)
              ratio   engine/raw                           {ratio,7:F2}   (target >= 0.50)
              rows    {ledgerRows:N0} ledger rows for {s.Events:N0} events; ledger check {(check.IsClean ? "clean" : "MISMATCH")}; raw balances {(sameBalances ? "equal" : "DIFFER")}
              memory  peak working set {peak / 1024.0 / 1024:F0} MiB ({peakAfterEngine / 1024.0 / 1024:F0} MiB after the engine phase)
            """));
        if (s.Profile)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  raw + the engine's activity_event rows (its whole write set): {fullTime.TotalSeconds:F2} s, {s.Events / fullTime.TotalSeconds:N0} events/s, ratio engine/that {engineRate / (s.Events / fullTime.TotalSeconds):F2}"));
        }
        profiler?.Print(engineTime.Elapsed);
        return check.IsClean && sameBalances ? 0 : 1;
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }

    /// <summary>Migrates a fresh file as the app does (WAL included) and adds the tenant, its config, ten levels, the starter badges and challenges, and the agents.</summary>
    private static async Task CreateDatabaseAsync(string connectionString, Guid tenantId, List<string> agents, bool catalog)
    {
        await using var db = await BenchDatabase.CreateTenantAsync(connectionString, tenantId, Created, StarterCatalog.TierOf);
        await AddCatalogAndAgentsAsync(db, tenantId, agents, catalog);
    }

    /// <summary>When the bench tenant was created (its rules, levels and catalog).</summary>
    internal static readonly DateTimeOffset Created = Now.AddDays(-30);

    /// <summary>Adds, and saves with the tenant the caller added, the starter badges and challenges (unless not wanted) and the agents.</summary>
    internal static async Task AddCatalogAndAgentsAsync(GamificationDbContext db, Guid tenantId, List<string> agents, bool catalog)
    {
        var created = Created;
        // The starter badges and challenges every tenant gets: the engine checks them on every event.
        if (catalog)
        {
            db.Badges.AddRange(StarterCatalog.Badges(tenantId, created));
            db.Challenges.AddRange(StarterCatalog.Challenges(tenantId, GamificationPreset.Moderate, created));
        }
        db.Users.AddRange(agents.Select((id, i) => new ApplicationUser
        {
            Id = id,
            TenantId = tenantId,
            UserName = $"agent{i + 1:D4}@bench.test",
            NormalizedUserName = $"AGENT{i + 1:D4}@BENCH.TEST",
            DisplayName = $"Agent {i + 1:D4}",
            ExternalId = $"agent-{i + 1:D4}",
            CreatedAt = created,
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Events in time order over the last 40 hours, the agents in turn (so a batch of 1,000 touches 1,000 agents,
    /// the engine's widest unit): mostly rated calls (weighted towards 4 and 5), some feedback, reviews and conversions.
    /// </summary>
    internal static List<ActivityInput> GenerateEvents(int count, List<string> agents)
    {
        var random = new Random(20261124);
        var events = new List<ActivityInput>(count);
        for (var i = 0; i < count; i++)
        {
            var at = Now - Spread + (Spread * ((i + 0.5) / count));
            var agent = agents[i % agents.Count];
            var roll = random.NextDouble();
            var (type, rating) = roll switch
            {
                < 0.82 => (ActivityType.CallCompleted, (int?)Rating(random)),
                < 0.92 => (ActivityType.CustomerFeedback, Rating(random)),
                < 0.96 => (ActivityType.QualityReview, 3 + random.Next(3)),
                _ => (ActivityType.LeadConverted, (int?)null),
            };
            events.Add(new ActivityInput($"bench-{i:D7}", type, agent, at, rating, type == ActivityType.CallCompleted ? 60 + random.Next(900) : null));
        }
        return events;
    }

    private static int Rating(Random random) => random.Next(100) switch
    {
        < 5 => 1,
        < 15 => 2,
        < 35 => 3,
        < 65 => 4,
        _ => 5,
    };

    private sealed record Table(string Name, string[] Columns, List<object[]> Rows);

    /// <summary>What one engine batch wrote, for the floor to write again: its ledger rows, activity_event rows, challenge progress and earned badges.</summary>
    private sealed record RawBatch(Table Ledger, Table Events, List<ProgressRow>? Progress, Table? Badges);

    /// <summary>
    /// Reads the rows the engine added to a table since the last read (by id), every column but the id. On connections of
    /// its own (not pooled): the engine's pooled connections carry --profile's hook.
    /// </summary>
    private sealed class RowReader(string connectionString)
    {
        private readonly string unpooled = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        private readonly Dictionary<string, long> lastIds = [];

        public Table New(string name)
        {
            using var connection = new SqliteConnection(unpooled);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {name} WHERE id > $last ORDER BY id";
            command.Parameters.AddWithValue("$last", lastIds.GetValueOrDefault(name));
            using var reader = command.ExecuteReader();
            var id = reader.GetOrdinal("id");
            var columns = Enumerable.Range(0, reader.FieldCount).Where(i => i != id).ToArray();
            var rows = new List<object[]>();
            while (reader.Read())
            {
                rows.Add(columns.Select(reader.GetValue).ToArray());
                lastIds[name] = reader.GetInt64(id);
            }
            return new Table(name, columns.Select(reader.GetName).ToArray(), rows);
        }
    }

    private static readonly string[] ProgressParameterNames = ["$tenant", "$user", "$challenge", "$start", "$end", "$progress", "$sum", "$count"];

    internal sealed record ProgressRow(string UserId, long ChallengeId, DateOnly WindowStart, DateOnly WindowEnd, long Progress, long RatingSum, long RatingCount);

    /// <summary>The tenant's active challenges, whose progress the raw floor writes.</summary>
    internal static Task<List<Challenge>> ActiveChallengesAsync(GamificationDbContext db, Guid tenantId) =>
        db.Challenges.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == tenantId && c.IsActive).ToListAsync();

    /// <summary>What one batch of events adds to challenge progress, given the points each event was awarded.</summary>
    internal static List<ProgressRow> ChallengeProgress(List<Challenge> challenges, IEnumerable<ActivityInput> batch, IReadOnlyDictionary<string, long> awarded)
    {
        var clock = TenantClock.For("UTC");
        var rows = new Dictionary<(string, long, DateOnly), ProgressRow>();
        foreach (var e in batch)
        {
            var day = clock.LocalDay(e.OccurredAt);
            foreach (var c in challenges)
            {
                var added = ChallengeRules.Contribution(c.ObjectiveType, e.Type, e.Rating, awarded[e.EventId]);
                if (c.IsTeamChallenge || added == 0 || !ChallengeRules.Counts(c, e.OccurredAt) || ChallengeRules.WindowFor(c, day, clock) is not { } w)
                {
                    continue;
                }
                var rated = e.Type == ActivityType.CallCompleted && e.Rating is not null;
                var key = (e.UserId, c.Id, w.Start);
                var row = rows.GetValueOrDefault(key) ?? new ProgressRow(e.UserId, c.Id, w.Start, w.End, 0, 0, 0);
                rows[key] = row with
                {
                    Progress = row.Progress + added,
                    RatingSum = row.RatingSum + (rated ? e.Rating!.Value : 0),
                    RatingCount = row.RatingCount + (rated ? 1 : 0),
                };
            }
        }
        return [.. rows.Values];
    }

    /// <summary>
    /// The raw floor: per engine batch, one transaction; each ledger row (and, when asked, each activity_event row)
    /// through a prepared single-row INSERT, each earned badge likewise, one challenge-progress upsert per (agent,
    /// challenge, window) the batch moves, and one balance upsert per user of the batch.
    /// </summary>
    private sealed class RawWriter : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand upsert, upsertProgress;
        private readonly SqliteParameter tenant, user, current, lifetime;
        private readonly SqliteParameter[] progressParameters;
        private readonly Dictionary<string, (object Tenant, long Current, long Lifetime)> deltas = new(StringComparer.Ordinal);
        private Inserter? insertLedger, insertEvent, insertBadge;

        public RawWriter(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            connection.Open();
            upsert = connection.CreateCommand();
            upsert.CommandText = """
                INSERT INTO user_points (tenant_id, user_id, current_points, lifetime_points, daily_points, streak_days, longest_streak,
                    total_calls, conversions, perfect_calls, quality_reviews, feedback_count, challenges_completed, calls_today, version, updated_at)
                VALUES ($tenant, $user, $current, $lifetime, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, $now)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET
                    current_points = current_points + excluded.current_points,
                    lifetime_points = lifetime_points + excluded.lifetime_points,
                    version = version + 1,
                    updated_at = excluded.updated_at
                """;
            tenant = upsert.Parameters.Add(new SqliteParameter("$tenant", null));
            user = upsert.Parameters.Add(new SqliteParameter("$user", null));
            current = upsert.Parameters.Add(new SqliteParameter("$current", null));
            lifetime = upsert.Parameters.Add(new SqliteParameter("$lifetime", null));
            upsert.Parameters.Add(new SqliteParameter("$now", DateTimeOffsetToBinary(Now)));
            upsertProgress = connection.CreateCommand();
            upsertProgress.CommandText = """
                INSERT INTO user_challenge (tenant_id, user_id, challenge_id, window_start, window_end, progress, rating_sum, rating_count, completed, version)
                VALUES ($tenant, $user, $challenge, $start, $end, $progress, $sum, $count, 0, 1)
                ON CONFLICT (tenant_id, user_id, window_start, challenge_id) DO UPDATE SET
                    progress = progress + excluded.progress,
                    rating_sum = rating_sum + excluded.rating_sum,
                    rating_count = rating_count + excluded.rating_count,
                    version = version + 1
                """;
            progressParameters = ProgressParameterNames.Select(name => upsertProgress.Parameters.Add(new SqliteParameter(name, null))).ToArray();
        }

        /// <summary>Writes one engine batch's rows in one transaction; returns the time its commit took.</summary>
        public TimeSpan Write(RawBatch batch, bool withEvents)
        {
            var ledger = batch.Ledger;
            var tenantColumn = Array.IndexOf(ledger.Columns, "tenant_id");
            var userColumn = Array.IndexOf(ledger.Columns, "user_id");
            var typeColumn = Array.IndexOf(ledger.Columns, "type");
            var pointsColumn = Array.IndexOf(ledger.Columns, "points");
            insertLedger ??= new Inserter(connection, ledger);
            using var transaction = connection.BeginTransaction();
            upsert.Transaction = transaction;
            upsert.Prepare();
            deltas.Clear();
            foreach (var row in ledger.Rows)
            {
                insertLedger.Insert(row, transaction);
                var points = (long)row[pointsColumn];
                var earning = (string)row[typeColumn] is "Activity" or "BadgeReward" or "ChallengeReward" or "LevelUp" or "AdminAward";
                var key = (string)row[userColumn];
                var (_, c, l) = deltas.GetValueOrDefault(key, (row[tenantColumn], 0L, 0L));
                deltas[key] = (row[tenantColumn], c + points, l + (earning ? points : 0));
            }
            if (withEvents)
            {
                insertEvent ??= new Inserter(connection, batch.Events);
                foreach (var row in batch.Events.Rows)
                {
                    insertEvent.Insert(row, transaction);
                }
            }
            if (batch.Progress is { Count: > 0 } progress)
            {
                upsertProgress.Transaction = transaction;
                upsertProgress.Prepare();
                foreach (var p in progress)
                {
                    progressParameters[0].Value = ledger.Rows[0][tenantColumn];
                    progressParameters[1].Value = p.UserId;
                    progressParameters[2].Value = p.ChallengeId;
                    // As the SQLite provider stores a DateOnly: ISO text.
                    progressParameters[3].Value = p.WindowStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    progressParameters[4].Value = p.WindowEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    progressParameters[5].Value = p.Progress;
                    progressParameters[6].Value = p.RatingSum;
                    progressParameters[7].Value = p.RatingCount;
                    upsertProgress.ExecuteNonQuery();
                }
            }
            if (batch.Badges is { Rows.Count: > 0 } badges)
            {
                insertBadge ??= new Inserter(connection, badges);
                foreach (var row in badges.Rows)
                {
                    insertBadge.Insert(row, transaction);
                }
            }
            foreach (var (userId, delta) in deltas)
            {
                tenant.Value = delta.Tenant;
                user.Value = userId;
                current.Value = delta.Current;
                lifetime.Value = delta.Lifetime;
                upsert.ExecuteNonQuery();
            }
            var commit = Stopwatch.GetTimestamp();
            transaction.Commit();
            return Stopwatch.GetElapsedTime(commit);
        }

        public void Dispose()
        {
            insertLedger?.Dispose();
            insertEvent?.Dispose();
            insertBadge?.Dispose();
            upsert.Dispose();
            upsertProgress.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>A prepared single-row INSERT of a table's columns.</summary>
    private sealed class Inserter : IDisposable
    {
        private readonly SqliteCommand command;
        private readonly SqliteParameter[] parameters;
        private SqliteTransaction? transaction;

        public Inserter(SqliteConnection connection, Table table)
        {
            command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
            parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        }

        public void Insert(object[] row, SqliteTransaction current)
        {
            if (!ReferenceEquals(transaction, current))
            {
                transaction = current;
                command.Transaction = current;
                command.Prepare();
            }
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i];
            }
            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }

    /// <summary>How the SQLite context stores a DateTimeOffset (EF Core's DateTimeOffsetToBinaryConverter).</summary>
    private static long DateTimeOffsetToBinary(DateTimeOffset value) =>
        ((value.Ticks / 1000) << 11) | ((long)value.Offset.TotalMinutes & 0x7FF);

    private static (long Current, long Lifetime, long Users) Balances(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(current_points), 0), COALESCE(SUM(lifetime_points), 0), COUNT(*) FROM user_points";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A context per operation, as the app's factory gives (options built once).</summary>
    private sealed class Factory(string connectionString, EngineProfiler? profiler) : IDbContextFactory<GamificationDbContext>
    {
        private readonly DbContextOptions<SqliteGamificationDbContext> options = Build(connectionString, profiler);

        public GamificationDbContext CreateDbContext() => new SqliteGamificationDbContext(options);

        private static DbContextOptions<SqliteGamificationDbContext> Build(string connectionString, EngineProfiler? profiler)
        {
            var builder = new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connectionString);
            if (profiler is not null)
            {
                builder.AddInterceptors(profiler.Interceptors);
            }
            return builder.Options;
        }
    }
}
