using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Points;

/// <summary>Keeps what the engine publishes.</summary>
internal sealed class RecordingNotifier : IPointsNotifier
{
    private readonly List<PointsNotification> published = [];

    public IReadOnlyList<PointsNotification> Published
    {
        get
        {
            lock (published)
            {
                return [.. published];
            }
        }
    }

    public void Publish(PointsNotification notification)
    {
        lock (published)
        {
            published.Add(notification);
        }
    }
}

/// <summary>
/// A real database (SQLite in memory, a temporary SQLite file, or a fresh PostgreSQL database for concurrency tests) with
/// one tenant, its config, the ten default levels and one agent; a fake clock; and a <see cref="PointsEngine"/> over them.
/// </summary>
internal sealed class PointsFixture : IDisposable, IDbContextFactory<GamificationDbContext>
{
    /// <summary>Monday 2 March 2026, 14:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection? memoryConnection;
    private readonly string? filePath;
    private readonly PostgreSqlTestDatabase? postgres;
    private readonly Func<CurrentTenant?, GamificationDbContext> newContext;
    private int nextEventId;

    private PointsFixture(string timeZoneId, Action<GamificationConfig>? configure, TestDatabase database, bool onFile)
    {
        if (database == TestDatabase.PostgreSql)
        {
            // A database of its own on the test server, built by the PostgreSQL migrations as an operator's would be.
            postgres = new PostgreSqlTestDatabase();
            var options = new DbContextOptionsBuilder<PostgreSqlGamificationDbContext>()
                .UseNpgsql(postgres.ConnectionString, npgsql => npgsql.EnableRetryOnFailure()).AddInterceptors(Commands).Options;
            newContext = current => new PostgreSqlGamificationDbContext(options, current);
        }
        else if (onFile)
        {
            filePath = Path.Combine(Path.GetTempPath(), $"points-{Guid.NewGuid():N}.db");
            var options = new DbContextOptionsBuilder<SqliteGamificationDbContext>()
                .UseSqlite($"Data Source={filePath};Default Timeout=60").AddInterceptors(Commands).Options;
            newContext = current => new SqliteGamificationDbContext(options, current);
        }
        else
        {
            memoryConnection = new SqliteConnection("Data Source=:memory:");
            memoryConnection.Open();
            var options = new DbContextOptionsBuilder<SqliteGamificationDbContext>()
                .UseSqlite(memoryConnection).AddInterceptors(Commands).Options;
            newContext = current => new SqliteGamificationDbContext(options, current);
        }
        Database = database;

        Clock = new FakeTimeProvider(Start);
        // As the app wires it: the engine hands each committed unit's deltas to the instance's board cache, and its units
        // remember their users' rows in the instance's memory.
        Engine = new PointsEngine(this, Clock, NullLogger<PointsEngine>.Instance, AchievementEvaluators.All, Notifications, Boards, Memory);

        try
        {
            using var db = CreateContext();
            if (postgres is not null)
            {
                db.Database.Migrate();
            }
            else
            {
                db.Database.EnsureCreated();
            }
            db.Tenants.Add(new Tenant { Id = TenantId, Name = $"Tenant {TenantId:N}", TimeZoneId = timeZoneId, CreatedAt = Start });
            var config = TenantPresets.Create(TenantId, GamificationPreset.Moderate, Start);
            configure?.Invoke(config);
            db.GamificationConfigs.Add(config);
            db.PlayerLevels.AddRange(DefaultLevels(TenantId));
            db.Users.Add(NewAgent(TenantId, AgentId, "agent-01"));
            db.SaveChanges();
        }
        catch
        {
            // A fixture that failed to build is never disposed by its test: let go of its database here.
            Dispose();
            throw;
        }
    }

    /// <summary>Which database the fixture runs on.</summary>
    public TestDatabase Database { get; }

    public Guid TenantId { get; } = Guid.NewGuid();
    public string AgentId { get; } = Guid.NewGuid().ToString();
    public FakeTimeProvider Clock { get; }
    public PointsEngine Engine { get; }

    /// <summary>Every notification the engine published, in order.</summary>
    public RecordingNotifier Notifications { get; } = new();

    /// <summary>Contexts that act as this fixture's tenant (the query filter on), as a request or a page would.</summary>
    public IDbContextFactory<GamificationDbContext> TenantScoped()
    {
        var current = new CurrentTenant();
        current.Set(TenantId, null);
        return new ScopedFactory(() => newContext(current));
    }

    public BadgeService BadgeService() => new(TenantScoped(), Engine, Clock);

    /// <summary>Badges by an admin's hand and by weekly rank, as units of this fixture's engine.</summary>
    public BadgeAwards BadgeAwards() => new(Engine);

    public ChallengeService ChallengeService() => new(TenantScoped(), Clock);

    /// <summary>The instance's memory of its users between units, as the app has one per instance.</summary>
    public UnitMemory Memory { get; } = new();

    /// <summary>The SQL every context of the fixture sends (the first words of each command), to see what a unit reads.</summary>
    public CommandLog Commands { get; } = new();

    /// <summary>One cache for the fixture, as the app has one per instance: reads after writes test its invalidation.</summary>
    public LeaderboardCache Boards { get; } = new();

    public LeaderboardService LeaderboardService() => new(TenantScoped(), Clock, Boards);

    public Core.Rewards.RewardService RewardService() => new(TenantScoped(), Engine, Clock, NullLogger<Core.Rewards.RewardService>.Instance);

    /// <summary>A reward in the tenant's catalog.</summary>
    public long AddReward(int cost, int stock = -1, bool approval = false, int? limit = null,
        Core.Rewards.RewardLimitPeriod period = Core.Rewards.RewardLimitPeriod.Ever, bool active = true, string name = "Team lunch", int validityDays = 30)
    {
        using var db = CreateContext();
        var reward = new Core.Rewards.RewardItem
        {
            TenantId = TenantId,
            Name = name,
            Description = "Test reward",
            Category = Core.Rewards.RewardCategory.Experience,
            PointsCost = cost,
            Stock = stock,
            RequiresApproval = approval,
            PerAgentLimit = limit,
            LimitPeriod = period,
            IsActive = active,
            CodeValidityDays = validityDays,
            RedemptionDetails = "Show {code} at reception",
            CreatedAt = Start,
            Version = 1,
        };
        db.RewardItems.Add(reward);
        db.SaveChanges();
        return reward.Id;
    }

    /// <summary>Adds a badge to the tenant's catalog and returns its id.</summary>
    public long AddBadge(BadgeRequirement requirement, int value, int reward = 25, string? code = null, bool active = true)
    {
        using var db = CreateContext();
        var badge = new Badge
        {
            TenantId = TenantId,
            Code = code ?? $"{requirement}_{value}_{Guid.NewGuid():N}".ToLowerInvariant()[..40],
            Name = $"{requirement} {value}",
            Category = BadgeCategory.Milestone,
            Rarity = BadgeRarity.Rare,
            RequirementType = requirement,
            RequirementValue = value,
            PointsReward = reward,
            Icon = "star",
            IsActive = active,
            CreatedAt = Start,
        };
        db.Badges.Add(badge);
        db.SaveChanges();
        return badge.Id;
    }

    /// <summary>Adds a challenge running since a week before <see cref="Start"/> (unless dates are given) and returns its id.</summary>
    public long AddChallenge(ChallengeType type, ObjectiveType objective, int target, int reward = 50, bool team = false,
        int minRatedCalls = 0, long? badgeId = null, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        using var db = CreateContext();
        var challenge = new Challenge
        {
            TenantId = TenantId,
            Name = $"{type} {objective} {target}",
            ChallengeType = type,
            ObjectiveType = objective,
            ObjectiveTarget = target,
            MinRatedCalls = minRatedCalls,
            PointsReward = reward,
            BadgeRewardId = badgeId,
            Difficulty = ChallengeDifficulty.Medium,
            StartDate = start ?? Start.AddDays(-7),
            EndDate = end,
            IsTeamChallenge = team,
            IsActive = true,
            CreatedAt = Start,
        };
        db.Challenges.Add(challenge);
        db.SaveChanges();
        return challenge.Id;
    }

    /// <summary>Creates a team and puts the given users in it.</summary>
    public long AddTeam(string name, params string[] userIds)
    {
        using var db = CreateContext();
        var team = new Team { TenantId = TenantId, Name = name, CreatedAt = Start };
        db.Teams.Add(team);
        db.SaveChanges();
        foreach (var user in db.Users.IgnoreQueryFilters().Where(u => userIds.Contains(u.Id)))
        {
            user.TeamId = team.Id;
        }
        db.SaveChanges();
        return team.Id;
    }

    /// <summary>Records an event for any user of the tenant now (or at <paramref name="at"/>).</summary>
    public Task<ActivityResult> EventAsync(string userId, ActivityType type, int? rating = null, DateTimeOffset? at = null) =>
        RecordAsync(type, rating, at, userId: userId);

    /// <summary>Records <paramref name="calls"/> completed calls (10 points each) for a user now (or at <paramref name="at"/>).</summary>
    public async Task CallsAsync(string userId, int calls, DateTimeOffset? at = null)
    {
        for (var i = 0; i < calls; i++)
        {
            await EventAsync(userId, ActivityType.CallCompleted, at: at);
        }
    }

    /// <summary>Records each user's completed calls now, user after user in the order given.</summary>
    public async Task CallsAsync(params (string UserId, int Calls)[] callsByUser)
    {
        foreach (var (userId, calls) in callsByUser)
        {
            await CallsAsync(userId, calls);
        }
    }

    /// <summary>An admin award to a user through the engine, as the points page gives one.</summary>
    public Task<PointsChange> AwardAsync(string userId, long points, string reason = "Test") =>
        Engine.AwardAsync(TenantId, new PointsGrant(userId, TransactionType.AdminAward, points, reason), CancellationToken.None);

    /// <summary>An in-memory database; the tenant's zone is UTC unless given.</summary>
    public static PointsFixture InMemory(
        string timeZoneId = "UTC", Action<GamificationConfig>? configure = null) =>
        new(timeZoneId, configure, TestDatabase.Sqlite, onFile: false);

    /// <summary>A temporary database file (deleted on dispose), so concurrent connections share it.</summary>
    public static PointsFixture OnFile() => new("UTC", null, TestDatabase.Sqlite, onFile: true);

    /// <summary>
    /// A fresh database that concurrent connections share: a temporary SQLite file, or a PostgreSQL database of its own on
    /// the test server (dropped on dispose; the fixture fails when the server is not there, see <see cref="PostgreSqlTestDatabase"/>).
    /// </summary>
    public static PointsFixture Shared(TestDatabase database) => new("UTC", null, database, onFile: true);

    public GamificationDbContext CreateContext() => newContext(null);

    GamificationDbContext IDbContextFactory<GamificationDbContext>.CreateDbContext() => CreateContext();

    /// <summary>Records an event for the agent now (or at <paramref name="at"/>), with a fresh event id unless given.</summary>
    public Task<ActivityResult> RecordAsync(
        ActivityType type, int? rating = null, DateTimeOffset? at = null, string? eventId = null, string? userId = null) =>
        Engine.RecordActivityAsync(
            TenantId,
            new ActivityInput(eventId ?? NextEventId(), type, userId ?? AgentId, at ?? Clock.GetUtcNow(), rating),
            CancellationToken.None);

    public Task<ActivityResult> CallAsync(int? rating = null, DateTimeOffset? at = null) =>
        RecordAsync(ActivityType.CallCompleted, rating, at);

    public Task<ActivityResult> ConversionAsync() => RecordAsync(ActivityType.LeadConverted);

    public string NextEventId() => $"evt-{Interlocked.Increment(ref nextEventId):D5}";

    /// <summary>Another agent in the tenant.</summary>
    public string AddAgent(string externalId)
    {
        var id = Guid.NewGuid().ToString();
        using var db = CreateContext();
        db.Users.Add(NewAgent(TenantId, id, externalId));
        db.SaveChanges();
        return id;
    }

    /// <summary>Gives the agent a starting balance the way the ledger would: an admin award and its projection.</summary>
    public void SeedBalance(long points)
    {
        using var db = CreateContext();
        db.PointTransactions.Add(new PointTransaction
        {
            TenantId = TenantId,
            UserId = AgentId,
            Type = TransactionType.AdminAward,
            BasePoints = (int)points,
            UncappedPoints = points,
            Points = points,
            Reason = "Opening balance",
            SourceType = TransactionSource.Admin,
            CreatedAt = Clock.GetUtcNow(),
            LocalDate = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime),
        });
        db.UserPoints.Add(new UserPoints
        {
            TenantId = TenantId,
            UserId = AgentId,
            CurrentPoints = points,
            LifetimePoints = points,
            UpdatedAt = Clock.GetUtcNow(),
        });
        db.SaveChanges();
    }

    /// <summary>Sets the tenant's challenge cadence switches on today's local day, as the settings page does.</summary>
    public void SwitchChallenges(bool daily, bool weekly, bool monthly)
    {
        using var db = CreateContext();
        var config = db.GamificationConfigs.IgnoreQueryFilters().Single(c => c.TenantId == TenantId);
        var zone = db.Tenants.IgnoreQueryFilters().Single(t => t.Id == TenantId).TimeZoneId;
        config.SetChallengeCadences(daily, weekly, monthly, TenantClock.For(zone).LocalDay(Clock.GetUtcNow()));
        db.SaveChanges();
    }

    /// <summary>Moves a level's threshold (admins may edit a tenant's levels).</summary>
    public void SetLevelThreshold(int levelNumber, long pointsTotalRequired)
    {
        using var db = CreateContext();
        var level = db.PlayerLevels.IgnoreQueryFilters().Single(l => l.TenantId == TenantId && l.LevelNumber == levelNumber);
        level.PointsTotalRequired = pointsTotalRequired;
        db.SaveChanges();
    }

    public UserPoints Points(string? userId = null)
    {
        using var db = CreateContext();
        var id = userId ?? AgentId;
        return db.UserPoints.IgnoreQueryFilters().AsNoTracking().Single(p => p.TenantId == TenantId && p.UserId == id);
    }

    public int Level()
    {
        using var db = CreateContext();
        return db.UserLevels.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.TenantId == TenantId && l.UserId == AgentId).Select(l => l.LevelNumber).Single();
    }

    public List<PointTransaction> Ledger()
    {
        using var db = CreateContext();
        return db.PointTransactions.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.TenantId == TenantId).OrderBy(t => t.Id).ToList();
    }

    public List<T> All<T>() where T : class
    {
        using var db = CreateContext();
        return db.Set<T>().IgnoreQueryFilters().AsNoTracking().ToList();
    }

    private sealed class ScopedFactory(Func<GamificationDbContext> create) : IDbContextFactory<GamificationDbContext>
    {
        public GamificationDbContext CreateDbContext() => create();
    }

    public void Dispose()
    {
        memoryConnection?.Dispose();
        postgres?.Dispose();
        if (filePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { filePath, filePath + "-journal", filePath + "-wal", filePath + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The default ten levels: level N starts at (N - 1) x 1000; Bronze 1-3, Silver 4-6, Gold 7-9, Legend 10.</summary>
    // The levels every new tenant starts with: level N at (N - 1) x 1,000, Bronze to Legend.
    private static IEnumerable<PlayerLevel> DefaultLevels(Guid tenantId) => StarterCatalog.Levels(tenantId);

    private static ApplicationUser NewAgent(Guid tenantId, string id, string externalId) => new()
    {
        Id = id,
        TenantId = tenantId,
        UserName = $"{externalId}@{tenantId:N}.test",
        NormalizedUserName = $"{externalId}@{tenantId:N}.test".ToUpperInvariant(),
        DisplayName = $"Agent {externalId}",
        ExternalId = externalId,
        CreatedAt = Start,
    };
}
