using System.Diagnostics;
using System.Globalization;

using Gamification.Core.Analytics;
using Gamification.Core.Badges;
using Gamification.Core.Challenges;
using Gamification.Core.Data;
using Gamification.Core.Levels;
using Gamification.Core.Points;
using Gamification.Core.Rewards;
using Gamification.Core.Tenants;
using Gamification.Core.Users;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gamification.Bench;

/// <param name="File">A database file to build once and reuse: when it exists, the setup is skipped (its sizes win).</param>
/// <param name="Profile">Also prints each statement of one behaviour read with its time.</param>
public sealed record AnalyticsSettings(int Agents, int Teams, int Days, int Runs, bool Keep, string? File = null, bool Profile = false);

/// <summary>
/// How fast the supervisor dashboards load for a big tenant: 10,000 agents in 20 teams with 90 days of history in
/// the daily aggregates the rollup keeps (a row per active agent and day, a row per team and day), plus the
/// current-state tables the behaviour dashboard reads (badges earned, redemptions, challenge windows, levels,
/// streaks). Times <see cref="AnalyticsService.EngagementAsync"/> and <see cref="AnalyticsService.BehaviorAsync"/>
/// as a page calls them (a fresh context each), for the whole range and tenant, one team, and the last 30 days.
/// </summary>
public static class AnalyticsBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 18, 0, 0, TimeSpan.Zero);
    private const double TargetMs = 1000;

    /// <summary>Issue 20: the behaviour dashboard, whole range and tenant, on a quiet machine.</summary>
    private const double BehaviorTargetMs = 300;

    public static async Task<int> RunAsync(AnalyticsSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var directory = s.File is null ? Path.Combine(Path.GetTempPath(), $"gamification-analytics-{Guid.NewGuid():N}") : null;
        var file = s.File is null ? Path.Combine(directory!, "analytics.db") : Path.GetFullPath(s.File);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Analytics benchmark: {s.Agents:N0} agents in {s.Teams} teams, {s.Days} days of history; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Guid tenantId;
            long teamId;
            if (s.File is not null && File.Exists(file))
            {
                (tenantId, teamId) = await ExistingAsync(connectionString);
                Console.WriteLine($"  setup   reused {file} (its own sizes)");
            }
            else
            {
                var setup = Stopwatch.StartNew();
                (tenantId, teamId, var rows) = await CreateAsync(connectionString, s);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  setup   {setup.Elapsed.TotalSeconds:F1} s, not timed: {rows}"));
            }

            var options = new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connectionString).Options;
            var service = new AnalyticsService(new TenantFactory(options, tenantId), new FixedClock(Now));
            var today = DateOnly.FromDateTime(Now.UtcDateTime);
            var all = new AnalyticsFilter(today.AddDays(-(s.Days - 1)), today);
            var failed = false;
            var behaviorAll = 0.0;
            foreach (var (name, filter) in new[]
            {
                ($"{s.Days} days, everyone", all),
                ($"{s.Days} days, one team", all with { TeamId = teamId }),
                ("30 days, everyone", new AnalyticsFilter(today.AddDays(-29), today)),
            })
            {
                var engagement = await TimeAsync(s.Runs, () => service.EngagementAsync(filter));
                var behavior = await TimeAsync(s.Runs, () => service.BehaviorAsync(filter));
                failed |= engagement.Median > TargetMs || behavior.Median > TargetMs;
                if (filter == all)
                {
                    behaviorAll = behavior.Median;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-22} engagement median {engagement.Median,7:N1} ms (max {engagement.Max,7:N1})   behaviour median {behavior.Median,7:N1} ms (max {behavior.Max,7:N1})"));
            }
            Console.WriteLine($"  target  each dashboard under {TargetMs:N0} ms: {(failed ? "NOT MET" : "MET")}");
            var behaviorMet = behaviorAll <= BehaviorTargetMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  target  behaviour, {s.Days} days, everyone <= {BehaviorTargetMs:N0} ms (issue 20): {behaviorAll:N1} ms, {(behaviorMet ? "MET" : "NOT MET")}"));
            if (s.Profile)
            {
                await ProfileAsync(connectionString, tenantId, all);
            }
            return failed || !behaviorMet ? 1 : 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (directory is null)
            {
                Console.WriteLine($"  kept    {file} (--file)");
            }
            else if (s.Keep)
            {
                Console.WriteLine($"  kept    {directory}");
            }
            else
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The tenant and its first team in a file an earlier run built.</summary>
    private static async Task<(Guid Tenant, long Team)> ExistingAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant_id, id FROM team ORDER BY id LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The file has no team: delete it and let the benchmark build it again.");
        }
        return (Guid.Parse(reader.GetString(0)), reader.GetInt64(1));
    }

    /// <summary>One behaviour read (after a warm-up) with every statement's own time, slowest first.</summary>
    private static async Task ProfileAsync(string connectionString, Guid tenantId, AnalyticsFilter filter)
    {
        var statements = new List<(double Ms, string Sql)>();
        var options = new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connectionString)
            .AddInterceptors(new StatementTimer(statements))
            .Options;
        var service = new AnalyticsService(new TenantFactory(options, tenantId), new FixedClock(Now));
        await service.BehaviorAsync(filter);
        statements.Clear();
        var started = Stopwatch.GetTimestamp();
        await service.BehaviorAsync(filter);
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  profile behaviour, whole range: {total:N1} ms, {statements.Count} statements taking {statements.Sum(x => x.Ms):N1} ms (reading included); the rest is in memory"));
        foreach (var (ms, sql) in statements.OrderByDescending(x => x.Ms))
        {
            var line = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            // The statements that matter (a tenth of the time or more) in full, to try in the sqlite3 shell.
            var shown = ms >= total / 10 || line.Length <= 150 ? line : line[..150] + "...";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,9:N1} ms  {shown}"));
        }
    }

    private static async Task<(double Median, double Max)> TimeAsync<T>(int runs, Func<Task<T>> read)
    {
        await read(); // warm-up: the first query of a shape compiles it
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[^1]);
    }

    private static async Task<(Guid Tenant, long Team, string Rows)> CreateAsync(string connectionString, AnalyticsSettings s)
    {
        var tenantId = Guid.NewGuid();
        var created = Now.AddDays(-s.Days - 60);
        var random = new Random(20261127);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        await using var db = await BenchDatabase.CreateTenantAsync(connectionString, tenantId, created, n => $"Level {n}");
        var teams = Enumerable.Range(1, s.Teams).Select(n => new Team { TenantId = tenantId, Name = $"Team {n:D2}", CreatedAt = created }).ToList();
        db.Teams.AddRange(teams);
        var badges = Enumerable.Range(1, 40).Select(n => new Badge
        {
            TenantId = tenantId,
            Code = $"badge_{n}",
            Name = $"Badge {n}",
            Category = BadgeCategory.Milestone,
            Rarity = BadgeRarity.Common,
            RequirementType = BadgeRequirement.Manual,
            Icon = "star",
            CreatedAt = created,
        }).ToList();
        db.Badges.AddRange(badges);
        var rewards = Enumerable.Range(1, 11).Select(n => new RewardItem
        {
            TenantId = tenantId,
            Name = $"Reward {n}",
            Category = RewardCategory.Digital,
            PointsCost = 100 * n,
            CreatedAt = created,
        }).ToList();
        db.RewardItems.AddRange(rewards);
        var challenges = Enum.GetValues<ChallengeDifficulty>().Select(d => new Challenge
        {
            TenantId = tenantId,
            Name = $"Daily {d}",
            ChallengeType = ChallengeType.Daily,
            ObjectiveType = ObjectiveType.TotalCalls,
            ObjectiveTarget = 20,
            Difficulty = d,
            StartDate = created,
            CreatedAt = created,
        }).ToList();
        db.Challenges.AddRange(challenges);
        await db.SaveChangesAsync();

        var agents = Enumerable.Range(1, s.Agents).Select(i => new ApplicationUser
        {
            Id = Guid.NewGuid().ToString(),
            TenantId = tenantId,
            UserName = $"agent{i:D5}@bench.test",
            NormalizedUserName = $"AGENT{i:D5}@BENCH.TEST",
            DisplayName = $"Agent {i:D5}",
            ExternalId = $"agent-{i:D5}",
            TeamId = teams[i % teams.Count].Id,
            CreatedAt = created,
        }).ToList();
        db.Users.AddRange(agents);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF;");
        long userRows = 0, badgeRows = 0, redemptionRows = 0, challengeRows = 0;
        var teamDays = new Dictionary<(long Team, DateOnly Day), DailyTeamStat>();
        var badgesOf = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var userStats = new ModelInserter<DailyUserStat>(db))
        using (var earned = new ModelInserter<UserBadge>(db))
        using (var redeemed = new ModelInserter<UserRedemption>(db))
        using (var taken = new ModelInserter<UserChallenge>(db))
        {
            for (var d = 0; d < s.Days; d++)
            {
                var day = today.AddDays(-d);
                var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                await using var transaction = await connection.BeginTransactionAsync();
                foreach (var agent in agents)
                {
                    if (random.NextDouble() > 0.75)
                    {
                        continue; // a day off
                    }
                    var calls = random.Next(15, 60);
                    var stat = new DailyUserStat
                    {
                        TenantId = tenantId,
                        LocalDate = day,
                        UserId = agent.Id,
                        Events = calls + 3,
                        Calls = calls,
                        PerfectCalls = calls / 4,
                        Conversions = random.Next(0, 4),
                        Reviews = 1,
                        Feedback = 2,
                        RatedCalls = calls / 2,
                        RatingSum = calls * 2,
                        ActivityPoints = calls * 12,
                        RewardPoints = random.Next(0, 4) == 0 ? 50 : 0,
                        FirstEventAt = start.AddHours(8),
                        LastEventAt = start.AddHours(17),
                    };
                    // A badge now and then, each at most once per agent (the unique index), the common ones first.
                    if (random.Next(0, 20) == 0 && badgesOf.GetValueOrDefault(agent.Id) < badges.Count)
                    {
                        var next = badgesOf[agent.Id] = badgesOf.GetValueOrDefault(agent.Id) + 1;
                        stat.BadgesEarned = 1;
                        earned.Insert(new UserBadge { TenantId = tenantId, UserId = agent.Id, BadgeId = badges[next - 1].Id, EarnedAt = start.AddHours(12) }, transaction);
                        badgeRows++;
                    }
                    if (random.Next(0, 30) == 0)
                    {
                        stat.Redemptions = 1;
                        redeemed.Insert(new UserRedemption
                        {
                            TenantId = tenantId,
                            UserId = agent.Id,
                            RewardItemId = rewards[random.Next(rewards.Count)].Id,
                            Quantity = 1,
                            PointsSpent = 300,
                            Status = RedemptionStatus.Completed,
                            CreatedAt = start.AddHours(13),
                        }, transaction);
                        redemptionRows++;
                    }
                    var challenge = challenges[random.Next(challenges.Count)];
                    var completed = calls >= 20 && random.NextDouble() < (challenge.Difficulty switch { ChallengeDifficulty.Easy => 0.6, ChallengeDifficulty.Medium => 0.3, _ => 0.06 });
                    stat.ChallengesCompleted = completed ? 1 : 0;
                    taken.Insert(new UserChallenge
                    {
                        TenantId = tenantId,
                        UserId = agent.Id,
                        ChallengeId = challenge.Id,
                        WindowStart = day,
                        WindowEnd = day,
                        Progress = calls,
                        Completed = completed,
                        CompletedAt = completed ? start.AddHours(15) : null,
                        Version = 1,
                    }, transaction);
                    challengeRows++;
                    userStats.Insert(stat, transaction);
                    userRows++;
                    foreach (var team in new[] { DailyTeamStat.Everyone, agent.TeamId!.Value })
                    {
                        if (!teamDays.TryGetValue((team, day), out var row))
                        {
                            teamDays[(team, day)] = row = new DailyTeamStat { TenantId = tenantId, LocalDate = day, TeamId = team, ActiveChallenges = challenges.Count, UpdatedAt = Now };
                        }
                        row.ActiveUsers++;
                        row.Events += stat.Events;
                        row.Calls += stat.Calls;
                        row.Conversions += stat.Conversions;
                        row.ActivityPoints += stat.ActivityPoints;
                        row.RewardPoints += stat.RewardPoints;
                        row.Redemptions += stat.Redemptions;
                        row.BadgesEarned += stat.BadgesEarned;
                        row.ChallengesCompleted += stat.ChallengesCompleted;
                        row.LeaderboardViews += random.Next(0, 3);
                        switch (challenge.Difficulty)
                        {
                            case ChallengeDifficulty.Easy:
                                row.EasyParticipants++;
                                row.EasyCompleted += completed ? 1 : 0;
                                break;
                            case ChallengeDifficulty.Medium:
                                row.MediumParticipants++;
                                row.MediumCompleted += completed ? 1 : 0;
                                break;
                            default:
                                row.HardParticipants++;
                                row.HardCompleted += completed ? 1 : 0;
                                break;
                        }
                    }
                }
                await transaction.CommitAsync();
            }
        }
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using var teamStats = new ModelInserter<DailyTeamStat>(db);
            foreach (var row in teamDays.Values)
            {
                teamStats.Insert(row, transaction);
            }
            using var points = new ModelInserter<UserPoints>(db);
            using var levels = new ModelInserter<UserLevel>(db);
            foreach (var agent in agents)
            {
                var streak = random.Next(0, 40);
                points.Insert(new UserPoints
                {
                    TenantId = tenantId,
                    UserId = agent.Id,
                    CurrentPoints = 5000,
                    LifetimePoints = 9000,
                    StreakDays = streak,
                    LongestStreak = streak,
                    LastActiveDate = today.AddDays(-random.Next(0, 3)),
                    Version = 1,
                    UpdatedAt = Now,
                }, transaction);
                levels.Insert(new UserLevel { TenantId = tenantId, UserId = agent.Id, LevelNumber = random.Next(1, 11), ReachedAt = Now.AddDays(-random.Next(0, s.Days)) }, transaction);
            }
            await transaction.CommitAsync();
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        return (tenantId, teams[0].Id, string.Create(CultureInfo.InvariantCulture,
            $"{userRows:N0} daily_user_stat rows, {teamDays.Count:N0} daily_team_stat rows, {badgeRows:N0} badges earned, {redemptionRows:N0} redemptions, {challengeRows:N0} challenge windows"));
    }
}

/// <summary>Times each statement from its start until its reader is disposed (reading the rows included).</summary>
internal sealed class StatementTimer(List<(double Ms, string Sql)> statements) : DbCommandInterceptor
{
    private readonly Dictionary<System.Data.Common.DbCommand, long> started = [];

    public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command,
        CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
    {
        started[command] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        started[command] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(System.Data.Common.DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Done(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(System.Data.Common.DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Done(command);
        return result;
    }

    private void Done(System.Data.Common.DbCommand command)
    {
        if (started.Remove(command, out var at))
        {
            statements.Add((Stopwatch.GetElapsedTime(at).TotalMilliseconds, command.CommandText));
        }
    }
}
