using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

using Gamification.Core.Challenges;
using Gamification.Core.Data;
using Gamification.Core.Leaderboards;
using Gamification.Core.Levels;
using Gamification.Core.Points;
using Gamification.Core.Tenants;
using Gamification.Core.Users;

using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;

using StackExchange.Redis;

namespace Gamification.Bench;

/// <param name="Plan">After the timing, run one read with its SQL captured and print each statement's EXPLAIN QUERY PLAN.</param>
public sealed record LeaderboardSettings(int Agents, int Teams, int Rows, int Days, int Reads, int RedisPort, bool Keep, bool Plan);

/// <summary>
/// Live leaderboard reads against a Redis sorted set: one tenant with its agents, a ledger spread over the last
/// days and the per-period scores the engine keeps (leaderboard_score), in a fresh SQLite file (migrated, WAL);
/// then, in one run, "weekly top 50 + the caller's rank" through <see cref="LeaderboardService"/> and the same two
/// reads from a sorted set of the week's scores in redis-server on loopback (started here, stopped after); and the
/// same reads interleaved with one award per 10 reads (ours through the points engine, Redis a ZINCRBY).
/// </summary>
public static class LeaderboardBenchmark
{
    /// <summary>The benchmark's fixed clock: a Wednesday noon (UTC), so the current week holds 2.5 days of the ledger.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
    private const int Limit = 50;
    private const int WarmUp = 100;
    private const double Target = 5.0;

    /// <summary>Issue 20: with one award per <see cref="ReadsPerAward"/> reads, the median within 3x and the p99 within 5x of Redis.</summary>
    private const double InterleavedMedianTarget = 3.0;
    private const double InterleavedP99Target = 5.0;
    private const int ReadsPerAward = 10;
    private const string RedisKey = "bench:leaderboard:weekly";

    public static async Task<int> RunAsync(LeaderboardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return await BenchDatabase.InTempFolderAsync(settings.Keep, directory => RunInAsync(settings, directory), "leaderboard.db");
    }

    private static async Task<int> RunInAsync(LeaderboardSettings s, string directory)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "leaderboard.db"), Pooling = true }.ToString();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Leaderboard benchmark: {s.Agents:N0} agents in {s.Teams} teams, {s.Rows:N0} ledger rows over {s.Days} days; SQLite {SqliteVersion()} (WAL) in {directory}; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        // Setup (not timed): the database, then Redis loaded with the same weekly scores.
        var setup = Stopwatch.StartNew();
        var tenantId = Guid.NewGuid();
        var data = await CreateDatabaseAsync(connectionString, tenantId, s);
        var databaseTime = setup.Elapsed;

        await using var redis = await RedisServer.StartAsync(s.RedisPort, directory);
        var weekStart = LeaderboardRules.PeriodStart(LeaderboardPeriod.Weekly, DateOnly.FromDateTime(Now.UtcDateTime));
        var weekly = data.Weekly;
        var cache = redis.Database;
        await cache.KeyDeleteAsync(RedisKey);
        foreach (var chunk in weekly.Chunk(1_000))
        {
            await cache.SortedSetAddAsync(RedisKey, chunk.Select(w => new SortedSetEntry(w.Key, w.Value)).ToArray());
        }
        var redisCount = await cache.SortedSetLengthAsync(RedisKey);
        setup.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  setup   {setup.Elapsed.TotalSeconds:F1} s, not timed (database {databaseTime.TotalSeconds:F1} s: {data.LedgerRows:N0} ledger rows, {data.ScoreRows:N0} leaderboard_score rows; Redis {redis.Version} on 127.0.0.1:{s.RedisPort}: ZADD of {redisCount:N0} weekly scores)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  board   week of {weekStart:yyyy-MM-dd} (now {Now:yyyy-MM-dd HH:mm} UTC, a Wednesday): {weekly.Count:N0} agents with a weekly score; {s.Reads:N0} reads each (after {WarmUp} warm-up reads), random callers, the same sequence on both sides"));

        // The callers: the same random sequence for both sides (warm-up first).
        var random = new Random(20261205);
        var callers = Enumerable.Range(0, WarmUp + s.Reads).Select(_ => data.Agents[random.Next(data.Agents.Count)]).ToArray();

        // 1. Ours: LeaderboardService.GetAsync through the tenant's query filter, a context per read and one cache for the
        // instance, as the app does: each read checks the tenant's board version, then ranks from memory.
        var options = new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connectionString).Options;
        var boards = new LeaderboardCache();
        var service = new LeaderboardService(new TenantFactory(options, tenantId), new FixedClock(Now), boards);
        var expected = Expected(weekly, data.Names);
        var check = new Check();
        GC.Collect();
        var ours = new double[s.Reads];
        for (var i = 0; i < callers.Length; i++)
        {
            var caller = callers[i];
            var started = Stopwatch.GetTimestamp();
            var page = await service.GetAsync(caller, new LeaderboardQuery(LeaderboardPeriod.Weekly, Limit: Limit));
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (i >= WarmUp)
            {
                ours[i - WarmUp] = elapsed.TotalMicroseconds;
            }
            check.Ours(page, caller, expected, weekly);
        }

        // 1b. Ours when every read follows a change (an award here or on another instance raised the tenant's board
        // version): the board is read from the database again. Timed as a second figure; the target is on the first.
        var changedReads = Math.Min(s.Reads, 200);
        var changed = new double[changedReads];
        for (var i = 0; i < changedReads + 10; i++)
        {
            await using (var db = new SqliteGamificationDbContext(options))
            {
                await LeaderboardVersions.BumpAsync(db, tenantId, people: false, CancellationToken.None);
            }
            var caller = callers[i];
            var started = Stopwatch.GetTimestamp();
            var page = await service.GetAsync(caller, new LeaderboardQuery(LeaderboardPeriod.Weekly, Limit: Limit));
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (i >= 10)
            {
                changed[i - 10] = elapsed.TotalMicroseconds;
            }
            check.Ours(page, caller, expected, weekly);
        }

        // 2. Redis: ZREVRANGE 0 49 WITHSCORES, ZREVRANK and ZSCORE of the caller, one after the other (three round trips),
        // and the same three pipelined (one round trip), for scale.
        GC.Collect();
        var sequential = new double[s.Reads];
        for (var i = 0; i < callers.Length; i++)
        {
            var caller = callers[i];
            var started = Stopwatch.GetTimestamp();
            var top = await cache.SortedSetRangeByRankWithScoresAsync(RedisKey, 0, Limit - 1, Order.Descending);
            var rank = await cache.SortedSetRankAsync(RedisKey, caller, Order.Descending);
            var score = await cache.SortedSetScoreAsync(RedisKey, caller);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (i >= WarmUp)
            {
                sequential[i - WarmUp] = elapsed.TotalMicroseconds;
            }
            check.Redis(top, rank, score, caller, expected, weekly);
        }
        var pipelined = new double[s.Reads];
        for (var i = 0; i < callers.Length; i++)
        {
            var caller = callers[i];
            var started = Stopwatch.GetTimestamp();
            var top = cache.SortedSetRangeByRankWithScoresAsync(RedisKey, 0, Limit - 1, Order.Descending);
            var rank = cache.SortedSetRankAsync(RedisKey, caller, Order.Descending);
            var score = cache.SortedSetScoreAsync(RedisKey, caller);
            await Task.WhenAll(top, rank, score);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (i >= WarmUp)
            {
                pipelined[i - WarmUp] = elapsed.TotalMicroseconds;
            }
        }

        // 3. Interleaved, as a live call center reads: one award per 10 reads. Ours through this instance's points engine
        // (PointsEngine.AwardAsync: ledger, balance, level, live scores, board version; the committed unit hands its
        // deltas to the instance's board cache, which moves the held board in memory); Redis gets the same ZINCRBY.
        // Only the reads are timed, every read checked against the board as the awards left it.
        var engine = new PointsEngine(new TenantFactory(options, tenantId), new FixedClock(Now), NullLogger<PointsEngine>.Instance,
            AchievementEvaluators.All, boards: boards, memory: new UnitMemory());
        var awards = await AwardsAsync(options, tenantId, data, WarmUp + s.Reads);
        var (interleaved, redisInterleaved) = await InterleavedAsync(callers, awards, data, check,
            async (caller, award) =>
            {
                if (award is { } a)
                {
                    await engine.AwardAsync(tenantId, new PointsGrant(a.UserId, TransactionType.AdminAward, a.Points, "Bench award"), CancellationToken.None);
                }
                var started = Stopwatch.GetTimestamp();
                var page = await service.GetAsync(caller, new LeaderboardQuery(LeaderboardPeriod.Weekly, Limit: Limit));
                return (Stopwatch.GetElapsedTime(started), page);
            },
            async (caller, award) =>
            {
                if (award is { } a)
                {
                    await cache.SortedSetIncrementAsync(RedisKey, a.UserId, a.Delta);
                }
                var started = Stopwatch.GetTimestamp();
                var top = await cache.SortedSetRangeByRankWithScoresAsync(RedisKey, 0, Limit - 1, Order.Descending);
                var rank = await cache.SortedSetRankAsync(RedisKey, caller, Order.Descending);
                var score = await cache.SortedSetScoreAsync(RedisKey, caller);
                return (Stopwatch.GetElapsedTime(started), (top, rank, score));
            },
            () => boards.Loads);

        var (oursMedian, oursP99) = (Percentile(ours, 0.50), Percentile(ours, 0.99));
        var (changedMedian, changedP99) = (Percentile(changed, 0.50), Percentile(changed, 0.99));
        var (redisMedian, redisP99) = (Percentile(sequential, 0.50), Percentile(sequential, 0.99));
        var (pipeMedian, pipeP99) = (Percentile(pipelined, 0.50), Percentile(pipelined, 0.99));
        var (medianRatio, p99Ratio) = (oursMedian / redisMedian, oursP99 / redisP99);
        var met = medianRatio <= Target && p99Ratio <= Target;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              ours    LeaderboardService.GetAsync(weekly, limit 50)             median {oursMedian,8:N0} us   p99 {oursP99,8:N0} us
              ours    the same right after a change (board read again), {changedReads} reads  median {changedMedian,8:N0} us   p99 {changedP99,8:N0} us
              redis   ZREVRANGE 0 49 WITHSCORES + ZREVRANK + ZSCORE (3 trips)   median {redisMedian,8:N0} us   p99 {redisP99,8:N0} us
              redis   the same three pipelined (1 trip), for scale               median {pipeMedian,8:N0} us   p99 {pipeP99,8:N0} us
              ratio   ours/redis (3 trips)                                      median {medianRatio,8:F2} x    p99 {p99Ratio,8:F2} x    target: ours within {Target:F0}x of Redis: {(met ? "MET" : "NOT MET")}
              ratio   ours/redis pipelined                                      median {oursMedian / pipeMedian,8:F2} x    p99 {oursP99 / pipeP99,8:F2} x
              ours    interleaved: 1 award per {ReadsPerAward} reads, board moved in memory  median {interleaved.Median,8:N0} us   p99 {interleaved.P99,8:N0} us
                      (the reads right after an award: median {interleaved.AfterMedian:N0} us, p99 {interleaved.AfterP99:N0} us; boards read from the database meanwhile: {interleaved.Loads})
              redis   interleaved: the same ZINCRBY per {ReadsPerAward} reads (3 trips)      median {redisInterleaved.Median,8:N0} us   p99 {redisInterleaved.P99,8:N0} us
                      (the reads right after a ZINCRBY: median {redisInterleaved.AfterMedian:N0} us, p99 {redisInterleaved.AfterP99:N0} us)
              ratio   interleaved ours/redis (in turn, step by step)            median {interleaved.Median / redisInterleaved.Median,8:F2} x    p99 {interleaved.P99 / redisInterleaved.P99,8:F2} x    target: median within {InterleavedMedianTarget:F0}x and p99 within {InterleavedP99Target:F0}x of Redis: {(interleaved.Median / redisInterleaved.Median <= InterleavedMedianTarget && interleaved.P99 / redisInterleaved.P99 <= InterleavedP99Target ? "MET" : "NOT MET")}
              awards  {awards.Count(a => a is not null)} per side, not timed in the figures above: ours PointsEngine.AwardAsync median {interleaved.AwardMedian:N0} us, redis ZINCRBY median {redisInterleaved.AwardMedian:N0} us
              check   {check.Summary(s.Reads + WarmUp + changedReads + 10, 2 * (s.Reads + WarmUp))}
              note    Redis returns member ids and scores only: no display-name tie order (equal scores come in member order),
                      no competition ranks (ZREVRANK is the 0-based position), no names, teams, badges_count, streak_days,
                      previous_rank or points_change, and no tenant filter; ours returns all of these.
            """));

        if (s.Plan)
        {
            await PrintPlanAsync(connectionString, options, tenantId, callers[^1]);
        }
        return check.Failed ? 1 : 0;
    }

    private static double Percentile(double[] samples, double p)
    {
        var sorted = samples.Order().ToArray();
        var index = Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index];
    }

    /// <summary>The week's board as it should be: points descending, equal points by display name.</summary>
    private static List<(string UserId, long Points)> Expected(Dictionary<string, long> weekly, Dictionary<string, string> names) =>
        weekly.OrderByDescending(w => w.Value).ThenBy(w => names[w.Key], StringComparer.Ordinal).Select(w => (w.Key, w.Value)).ToList();

    /// <summary>Compares what each side returned with the board computed from the generated ledger.</summary>
    private sealed class Check
    {
        private int oursTopWrong, oursCallerWrong, oursCallerMissing, redisTopWrong, redisCallerWrong;

        public bool Failed => oursTopWrong > 0 || redisTopWrong > 0 || redisCallerWrong > 0;

        public void Ours(LeaderboardPage page, string caller, List<(string UserId, long Points)> expected, Dictionary<string, long> weekly)
        {
            var entries = page.Entries;
            if (entries.Count != Math.Min(Limit, expected.Count)
                || entries.Where((e, i) => e.UserId != expected[i].UserId || e.Points != expected[i].Points).Any())
            {
                oursTopWrong++;
            }
            if (page.UserRank is not { } own)
            {
                oursCallerMissing++;
            }
            else if (own.UserId != caller || own.Points != weekly.GetValueOrDefault(caller)
                || (weekly.TryGetValue(caller, out var points) && own.Rank != 1 + expected.Count(e => e.Points > points)))
            {
                oursCallerWrong++;
            }
        }

        public void Redis(SortedSetEntry[] top, long? rank, double? score, string caller, List<(string UserId, long Points)> expected, Dictionary<string, long> weekly)
        {
            if (top.Length != Math.Min(Limit, expected.Count) || top.Where((e, i) => (long)e.Score != expected[i].Points).Any())
            {
                redisTopWrong++;
            }
            var has = weekly.TryGetValue(caller, out var points);
            if (has != rank.HasValue || has != score.HasValue || (has && ((long)score!.Value != points || rank!.Value >= weekly.Count)))
            {
                redisCallerWrong++;
            }
        }

        public string Summary(int reads, int interleaved) =>
            $"of {reads:N0} reads each and {interleaved:N0} interleaved reads (both sides): ours top 50 (ids, points, name tie order) wrong in {oursTopWrong}, caller's row wrong in {oursCallerWrong}, "
            + $"missing in {oursCallerMissing}; Redis top 50 points wrong in {redisTopWrong}, caller's score/position wrong in {redisCallerWrong}";
    }

    /// <param name="Points">What the award pays.</param>
    /// <param name="Delta">What it adds to the weekly score: its points and the bonus of any level it reaches (counted by hand).</param>
    private sealed record Award(string UserId, long Points, long Delta);

    /// <summary>
    /// One award (5 to 50 points to a random agent) before every <see cref="ReadsPerAward"/>-th read, null before the
    /// others; with the level-up bonuses the engine pays when an award crosses a level (1,000 points apart; the bonus is
    /// floor(base x multiplier) + bonus of the tenant's rules), counted here by hand.
    /// </summary>
    private static async Task<List<Award?>> AwardsAsync(DbContextOptions<SqliteGamificationDbContext> options, Guid tenantId, Data data, int reads)
    {
        await using var db = new SqliteGamificationDbContext(options);
        var config = await db.GamificationConfigs.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.TenantId == tenantId);
        var bonus = (long)decimal.Floor(config.LevelUpBasePoints * config.LevelUpMultiplier) + config.LevelUpBonus;
        var random = new Random(20261206);
        var lifetime = new Dictionary<string, long>(data.Lifetime, StringComparer.Ordinal);
        var awards = new List<Award?>(reads);
        for (var i = 0; i < reads; i++)
        {
            if (i % ReadsPerAward != 0)
            {
                awards.Add(null);
                continue;
            }
            var user = data.Agents[random.Next(data.Agents.Count)];
            var points = random.Next(5, 51);
            var before = lifetime.GetValueOrDefault(user);
            var (level, total, delta) = (LevelOf(before), before + points, (long)points);
            while (level < 10 && total >= level * 1000L)
            {
                level++;
                total += bonus;
                delta += bonus;
            }
            lifetime[user] = total;
            awards.Add(new Award(user, points, delta));
        }
        return awards;
    }

    private sealed record Interleaved(double Median, double P99, double AfterMedian, double AfterP99, double AwardMedian, long Loads);

    /// <summary>
    /// The callers' reads with the awards before theirs (warm-up first), ours and Redis's in turn step by step, so both
    /// see the same load on a shared machine; every read checked against the weekly board as the awards so far left it.
    /// </summary>
    private static async Task<(Interleaved Ours, Interleaved Redis)> InterleavedAsync(string[] callers, List<Award?> awards, Data data, Check check,
        Func<string, Award?, Task<(TimeSpan Read, LeaderboardPage Page)>> ours,
        Func<string, Award?, Task<(TimeSpan Read, (SortedSetEntry[] Top, long? Rank, double? Score) Answer)>> redis, Func<long> loads)
    {
        var weekly = new Dictionary<string, long>(data.Weekly, StringComparer.Ordinal);
        var expected = Expected(weekly, data.Names);
        var (oursTimes, redisTimes) = (new Times(), new Times());
        var loadsBefore = 0L;
        GC.Collect();
        for (var i = 0; i < callers.Length; i++)
        {
            if (i == WarmUp)
            {
                loadsBefore = loads();
            }
            var (caller, award) = (callers[i], awards[i]);
            if (award is not null)
            {
                weekly[award.UserId] = weekly.GetValueOrDefault(award.UserId) + award.Delta;
                expected = Expected(weekly, data.Names);
            }
            var started = Stopwatch.GetTimestamp();
            var (read, page) = await ours(caller, award);
            oursTimes.Add(i, award, read, Stopwatch.GetElapsedTime(started));
            check.Ours(page, caller, expected, weekly);

            started = Stopwatch.GetTimestamp();
            var (redisRead, (top, rank, score)) = await redis(caller, award);
            redisTimes.Add(i, award, redisRead, Stopwatch.GetElapsedTime(started));
            check.Redis(top, rank, score, caller, expected, weekly);
        }
        return (oursTimes.Figures(loads() - loadsBefore), redisTimes.Figures(0));
    }

    /// <summary>One side's interleaved timings: every read, the reads right after an award, the awards.</summary>
    private sealed class Times
    {
        private readonly List<double> reads = [], afterAward = [], awards = [];

        public void Add(int step, Award? award, TimeSpan read, TimeSpan whole)
        {
            if (step < WarmUp)
            {
                return;
            }
            reads.Add(read.TotalMicroseconds);
            if (award is not null)
            {
                afterAward.Add(read.TotalMicroseconds);
                awards.Add((whole - read).TotalMicroseconds);
            }
        }

        public Interleaved Figures(long loads) => new(Percentile([.. reads], 0.50), Percentile([.. reads], 0.99),
            Percentile([.. afterAward], 0.50), Percentile([.. afterAward], 0.99), Percentile([.. awards], 0.50), loads);
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }

    /// <param name="Lifetime">Each agent's lifetime points.</param>
    private sealed record Data(List<string> Agents, Dictionary<string, string> Names, Dictionary<string, long> Weekly, Dictionary<string, long> Lifetime,
        long LedgerRows, long ScoreRows);

    /// <summary>The level lifetime points reach with the bench's ten levels 1,000 points apart (<see cref="BenchDatabase.AddTenant"/>).</summary>
    private static int LevelOf(long lifetime) => (int)Math.Min(10, 1 + (lifetime / 1000));

    /// <summary>
    /// Migrates a fresh file as the app does (WAL included) and fills it: the tenant (UTC, moderate preset, ten
    /// levels), its teams and agents (EF), then the ledger, the balances and the per-period scores (prepared
    /// single-row INSERTs built from the EF model, so the rows are stored exactly as the app stores them).
    /// </summary>
    private static async Task<Data> CreateDatabaseAsync(string connectionString, Guid tenantId, LeaderboardSettings s)
    {
        var created = Now.AddDays(-s.Days - 30);
        var agents = Enumerable.Range(1, s.Agents).Select(_ => Guid.NewGuid().ToString()).ToList();
        var names = agents.Select((id, i) => (id, name: $"Agent {i + 1:D5}")).ToDictionary(a => a.id, a => a.name, StringComparer.Ordinal);
        var teamOf = new Dictionary<string, long>(StringComparer.Ordinal);

        await using (var db = await BenchDatabase.CreateTenantAsync(connectionString, tenantId, created, StarterCatalog.TierOf))
        {
            var teams = Enumerable.Range(1, s.Teams).Select(n => new Team { TenantId = tenantId, Name = $"Team {n:D2}", CreatedAt = created }).ToList();
            db.Teams.AddRange(teams);
            await db.SaveChangesAsync();

            var agentRole = Roles.Agent.ToUpperInvariant();
            var role = await db.Roles.FirstOrDefaultAsync(r => r.NormalizedName == agentRole);
            if (role is null)
            {
                role = new IdentityRole(Roles.Agent) { NormalizedName = agentRole };
                db.Roles.Add(role);
            }
            for (var i = 0; i < agents.Count; i++)
            {
                var team = teams[i % teams.Count].Id;
                teamOf[agents[i]] = team;
                db.Users.Add(new ApplicationUser
                {
                    Id = agents[i],
                    TenantId = tenantId,
                    UserName = $"agent{i + 1:D5}@bench.test",
                    NormalizedUserName = $"AGENT{i + 1:D5}@BENCH.TEST",
                    Email = $"agent{i + 1:D5}@bench.test",
                    NormalizedEmail = $"AGENT{i + 1:D5}@BENCH.TEST",
                    DisplayName = names[agents[i]],
                    ExternalId = $"agent-{i + 1:D5}",
                    TeamId = team,
                    CreatedAt = created,
                });
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = agents[i], RoleId = role.Id });
            }
            await db.SaveChangesAsync();
        }

        // The ledger: activity entries in time order over the last days, each for a random agent; 5 to 50 points.
        var random = new Random(20261124);
        var scores = new Dictionary<(string User, LeaderboardPeriod Period, DateOnly Start), long>();
        var balances = new Dictionary<string, (long Points, DateTimeOffset Last)>(StringComparer.Ordinal);
        var spread = TimeSpan.FromDays(s.Days);
        long scoreRows;
        await using (var db = new SqliteGamificationDbContext(new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connectionString).Options))
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            // The setup's own connection only: no fsync, and a cache (1 GiB) that holds the indexes being filled.
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF;");
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-1048576;");
            using (var ledger = new ModelInserter<PointTransaction>(db))
            {
                var row = new PointTransaction
                {
                    TenantId = tenantId,
                    Type = TransactionType.Activity,
                    Reason = "Call completed",
                    SourceType = TransactionSource.ActivityEvent,
                };
                for (var start = 0; start < s.Rows; start += 100_000)
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    for (var i = start; i < Math.Min(s.Rows, start + 100_000); i++)
                    {
                        var user = agents[random.Next(agents.Count)];
                        var points = random.Next(5, 51);
                        var at = Now - spread + (spread * ((i + 0.5) / s.Rows));
                        var day = DateOnly.FromDateTime(at.UtcDateTime);
                        row.UserId = user;
                        row.BasePoints = points;
                        row.UncappedPoints = points;
                        row.Points = points;
                        row.SourceId = $"bench-{i:D7}";
                        row.CreatedAt = at;
                        row.LocalDate = day;
                        ledger.Insert(row, transaction);
                        foreach (var period in LeaderboardRules.Periods)
                        {
                            var key = (user, period, LeaderboardRules.PeriodStart(period, day));
                            scores[key] = scores.GetValueOrDefault(key) + points;
                        }
                        var balance = balances.GetValueOrDefault(user);
                        balances[user] = (balance.Points + points, at);
                    }
                    await transaction.CommitAsync();
                }
            }

            await using (var transaction = await connection.BeginTransactionAsync())
            {
                // Each agent at the level their lifetime points reached (levels are 1,000 points apart), as the engine leaves them.
                using var insertLevel = new ModelInserter<UserLevel>(db);
                foreach (var (user, (points, last)) in balances)
                {
                    insertLevel.Insert(new UserLevel { TenantId = tenantId, UserId = user, LevelNumber = LevelOf(points), ReachedAt = last }, transaction);
                }
                using var insertBalance = new ModelInserter<UserPoints>(db);
                foreach (var (user, (points, last)) in balances)
                {
                    var streak = random.Next(0, 15);
                    insertBalance.Insert(new UserPoints
                    {
                        TenantId = tenantId,
                        UserId = user,
                        CurrentPoints = points,
                        LifetimePoints = points,
                        StreakDays = streak,
                        LongestStreak = streak + random.Next(0, 10),
                        LastActiveDate = DateOnly.FromDateTime(last.UtcDateTime),
                        LastActivityAt = last,
                        TotalCalls = (int)(points / 20),
                        Version = 1,
                        UpdatedAt = last,
                    }, transaction);
                }
                await transaction.CommitAsync();
            }

            using (var insertScore = new ModelInserter<LeaderboardScore>(db))
            {
                foreach (var chunk in scores.Chunk(100_000))
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    foreach (var ((user, period, start), points) in chunk)
                    {
                        insertScore.Insert(new LeaderboardScore
                        {
                            TenantId = tenantId,
                            UserId = user,
                            TeamId = teamOf[user],
                            PeriodType = period,
                            PeriodStart = start,
                            Points = points,
                            Version = 1,
                        }, transaction);
                    }
                    await transaction.CommitAsync();
                }
                scoreRows = scores.Count;
            }
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var weekStart = LeaderboardRules.PeriodStart(LeaderboardPeriod.Weekly, DateOnly.FromDateTime(Now.UtcDateTime));
        var weekly = scores.Where(e => e.Key.Period == LeaderboardPeriod.Weekly && e.Key.Start == weekStart)
            .ToDictionary(e => e.Key.User, e => e.Value, StringComparer.Ordinal);
        return new Data(agents, names, weekly, balances.ToDictionary(b => b.Key, b => b.Value.Points, StringComparer.Ordinal), s.Rows, scoreRows);
    }

    /// <summary>One read with its SQL captured, then EXPLAIN QUERY PLAN of each statement with the same parameters.</summary>
    private static async Task PrintPlanAsync(string connectionString, DbContextOptions<SqliteGamificationDbContext> options, Guid tenantId, string caller)
    {
        var capture = new CommandCapture();
        var captured = new DbContextOptionsBuilder<SqliteGamificationDbContext>(options).AddInterceptors(capture).Options;
        var service = new LeaderboardService(new TenantFactory(captured, tenantId), new FixedClock(Now), new LeaderboardCache());
        await service.GetAsync(caller, new LeaderboardQuery(LeaderboardPeriod.Weekly, Limit: Limit));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Console.WriteLine($"  plan    the {capture.Commands.Count} statement(s) of one read:");
        foreach (var (text, parameters) in capture.Commands)
        {
            Console.WriteLine();
            Console.WriteLine("    " + text.ReplaceLineEndings(Environment.NewLine + "    "));
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + text;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            await using var reader = await explain.ExecuteReaderAsync();
            var depth = new Dictionary<long, int> { [0] = 0 };
            while (await reader.ReadAsync())
            {
                var level = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
                depth[reader.GetInt64(0)] = level;
                Console.WriteLine($"    {new string(' ', 2 * level)}{reader.GetString(3)}");
            }
        }
    }

    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<(string Text, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        private void Record(DbCommand command) =>
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
    }

    /// <summary>
    /// redis-server from Debian's packages on 127.0.0.1 (installed with apt-get when missing), started as a daemon
    /// that keeps nothing on disk, and shut down (nosave) on dispose.
    /// </summary>
    private sealed class RedisServer : IAsyncDisposable
    {
        private readonly int port;
        private readonly ConnectionMultiplexer connection;

        private RedisServer(int port, ConnectionMultiplexer connection, string version)
        {
            this.port = port;
            this.connection = connection;
            Version = version;
            Database = connection.GetDatabase();
        }

        public StackExchange.Redis.IDatabase Database { get; }
        public string Version { get; }

        public static async Task<RedisServer> StartAsync(int port, string directory)
        {
            if (!OnPath("redis-server") || !OnPath("redis-cli"))
            {
                Console.WriteLine("  redis   redis-server is missing: apt-get install -y redis-server");
                if (await RunAsync("apt-get", "update", "-qq") != 0 || await RunAsync("apt-get", "install", "-y", "-qq", "redis-server") != 0)
                {
                    throw new InvalidOperationException("Could not install redis-server (apt-get install -y redis-server).");
                }
            }
            var p = port.ToString(CultureInfo.InvariantCulture);
            if (await RunAsync("redis-cli", "-p", p, "ping") == 0 && await OutputAsync("redis-cli", "-p", p, "ping") == "PONG")
            {
                throw new InvalidOperationException($"Something already answers on 127.0.0.1:{port}; stop it (redis-cli -p {port} shutdown nosave) or pass --redis-port.");
            }
            if (await RunAsync("redis-server", "--port", p, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "yes",
                    "--dir", directory, "--logfile", Path.Combine(directory, "redis.log")) != 0)
            {
                throw new InvalidOperationException("redis-server did not start.");
            }
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    var connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
                    {
                        EndPoints = { { "127.0.0.1", port } },
                        AbortOnConnectFail = true,
                        ConnectTimeout = 1000,
                        AllowAdmin = false,
                    });
                    var server = connection.GetServer("127.0.0.1", port);
                    return new RedisServer(port, connection, server.Version.ToString());
                }
                catch (RedisConnectionException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
                {
                    await Task.Delay(100);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            var p = port.ToString(CultureInfo.InvariantCulture);
            await RunAsync("redis-cli", "-p", p, "shutdown", "nosave");
            var stopped = await RunAsync("redis-cli", "-p", p, "ping") != 0;
            Console.WriteLine($"  redis   stopped (redis-cli -p {port} shutdown nosave){(stopped ? "" : ": STILL ANSWERING")}");
        }

        private static bool OnPath(string program) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));

        private static async Task<int> RunAsync(string program, params string[] arguments) => (await ExecuteAsync(program, arguments)).ExitCode;

        private static async Task<string> OutputAsync(string program, params string[] arguments) => (await ExecuteAsync(program, arguments)).Output.Trim();

        private static async Task<(int ExitCode, string Output)> ExecuteAsync(string program, string[] arguments)
        {
            var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
    }
}
