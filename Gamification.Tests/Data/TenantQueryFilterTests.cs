using System.Reflection;

using Microsoft.Data.Sqlite;

namespace Gamification.Tests.Data;

/// <summary>Every tenant-owned entity, queried as tenant A, never returns a row of tenant B.</summary>
public sealed class TenantQueryFilterTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly CurrentTenant current = new();
    private readonly DateTimeOffset now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public TenantQueryFilterTests()
    {
        connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    private SqliteGamificationDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connection).Options, current);

    [Fact]
    public async Task Each_tenant_owned_entity_is_scoped_to_the_current_tenant()
    {
        var a = await SeedTenantAsync("Tenant A");
        var b = await SeedTenantAsync("Tenant B");

        using var probe = NewContext();
        var owned = probe.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).Select(e => e.ClrType).ToList();
        Assert.True(owned.Count >= 18, $"expected every tenant-owned table, found {owned.Count}");

        var check = typeof(TenantQueryFilterTests).GetMethod(nameof(AssertScopedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var type in owned)
        {
            await (Task)check.MakeGenericMethod(type).Invoke(this, [a, b])!;
        }
    }

    [Fact]
    public async Task Users_are_scoped_when_a_tenant_is_current_and_nothing_tenant_owned_is_visible_without_one()
    {
        var a = await SeedTenantAsync("Tenant A");
        var b = await SeedTenantAsync("Tenant B");

        current.Set(a, null);
        using (var db = NewContext())
        {
            Assert.All(await db.Users.ToListAsync(), u => Assert.Equal(a, u.TenantId));
            Assert.Null(await db.Users.FirstOrDefaultAsync(u => u.TenantId == b));
        }

        current.Set(null, null);
        using (var db = NewContext())
        {
            Assert.Equal(0, await db.Badges.CountAsync());
            Assert.Equal(0, await db.PointTransactions.CountAsync());
        }
    }

    private async Task AssertScopedAsync<T>(Guid a, Guid b)
        where T : class, ITenantOwned
    {
        current.Set(a, null);
        using var db = NewContext();
        var visible = await db.Set<T>().AsNoTracking().ToListAsync();
        var ofB = await db.Set<T>().IgnoreQueryFilters().CountAsync(e => e.TenantId == b);

        Assert.True(ofB > 0, $"{typeof(T).Name}: the test seeds no row for tenant B, so it proves nothing");
        Assert.NotEmpty(visible);
        Assert.All(visible, e => Assert.Equal(a, e.TenantId));
    }

    /// <summary>One row at least in every tenant-owned table.</summary>
    private async Task<Guid> SeedTenantAsync(string name)
    {
        var tenantId = Guid.NewGuid();
        using var db = NewContext();
        db.Tenants.Add(new Tenant { Id = tenantId, Name = name, TimeZoneId = "UTC", CreatedAt = now });
        db.GamificationConfigs.Add(TenantPresets.Create(tenantId, GamificationPreset.Moderate, now));
        db.PlayerLevels.AddRange(StarterCatalog.Levels(tenantId));
        var badges = StarterCatalog.Badges(tenantId, now);
        db.Badges.AddRange(badges);
        var challenges = StarterCatalog.Challenges(tenantId, GamificationPreset.Moderate, now);
        db.Challenges.AddRange(challenges);
        var rewards = StarterCatalog.Rewards(tenantId, now);
        db.RewardItems.AddRange(rewards);
        db.BadgeImages.Add(new BadgeImage { TenantId = tenantId, ContentType = "image/png", Content = [0x89, 0x50], CreatedAt = now });
        var team = new Team { TenantId = tenantId, Name = "Team", CreatedAt = now };
        db.Teams.Add(team);
        await db.SaveChangesAsync();

        var user = new ApplicationUser { Id = Guid.NewGuid().ToString(), TenantId = tenantId, TeamId = team.Id, UserName = $"{tenantId}@t.test", DisplayName = "Agent", ExternalId = "agent-01", CreatedAt = now };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        var day = DateOnly.FromDateTime(now.UtcDateTime);
        db.UserPoints.Add(new UserPoints { TenantId = tenantId, UserId = user.Id, CurrentPoints = 10, LifetimePoints = 10, UpdatedAt = now });
        db.PointTransactions.Add(new PointTransaction { TenantId = tenantId, UserId = user.Id, Type = TransactionType.Activity, Points = 10, UncappedPoints = 10, BasePoints = 10, Reason = "Completed call", SourceType = TransactionSource.ActivityEvent, SourceId = "e1", CreatedAt = now, LocalDate = day });
        db.ActivityEvents.Add(new ActivityEvent { TenantId = tenantId, EventId = "e1", Type = ActivityType.CallCompleted, UserId = user.Id, AgentExternalId = "agent-01", OccurredAt = now, LocalDate = day, ReceivedAt = now, PointsAwarded = 10 });
        db.UserBadges.Add(new UserBadge { TenantId = tenantId, UserId = user.Id, BadgeId = badges[0].Id, EarnedAt = now });
        db.UserChallenges.Add(new UserChallenge { TenantId = tenantId, UserId = user.Id, ChallengeId = challenges[0].Id, WindowStart = day, WindowEnd = day, Progress = 1 });
        db.TeamChallenges.Add(new TeamChallenge { TenantId = tenantId, TeamId = team.Id, ChallengeId = challenges[0].Id, WindowStart = day, WindowEnd = day, Progress = 1 });
        db.LeaderboardSnapshots.Add(new LeaderboardSnapshot { TenantId = tenantId, PeriodType = LeaderboardPeriod.Weekly, PeriodStart = day, UserId = user.Id, Rank = 1, Points = 10, SnapshotAt = now });
        db.LeaderboardScores.Add(new LeaderboardScore { TenantId = tenantId, UserId = user.Id, PeriodType = LeaderboardPeriod.Weekly, PeriodStart = day, Points = 10 });
        db.UserLevels.Add(new UserLevel { TenantId = tenantId, UserId = user.Id, LevelNumber = 1, ReachedAt = now });
        db.UserRedemptions.Add(new UserRedemption { TenantId = tenantId, UserId = user.Id, RewardItemId = rewards[0].Id, PointsSpent = 5, Status = RedemptionStatus.Pending, CreatedAt = now });
        db.RewardStockChanges.Add(new RewardStockChange { TenantId = tenantId, RewardItemId = rewards[0].Id, StockAfter = 5, Reason = "Created", At = now });
        db.DailyUserStats.Add(new DailyUserStat { TenantId = tenantId, LocalDate = day, UserId = user.Id, Events = 1 });
        db.DailyTeamStats.Add(new DailyTeamStat { TenantId = tenantId, LocalDate = day, TeamId = DailyTeamStat.Everyone, ActiveUsers = 1, UpdatedAt = now });
        db.LeaderboardViews.Add(new LeaderboardView { TenantId = tenantId, LocalDate = day, UserId = user.Id, Views = 1 });
        db.FarmingFlags.Add(new FarmingFlag { TenantId = tenantId, UserId = user.Id, Kind = FarmingKind.Bursts, Evidence = "Test", WindowStart = day, WindowEnd = day, DetectedAt = now });
        db.AchievementEvents.Add(new AchievementEvent { TenantId = tenantId, UserId = user.Id, Kind = AchievementKind.LevelUp, Title = "Level 2", CreatedAt = now });
        db.Disputes.Add(new Dispute { TenantId = tenantId, UserId = user.Id, EventId = "e1", Message = "This call was a perfect call", CreatedAt = now });
        db.ApiKeys.Add(new ApiKey { TenantId = tenantId, Name = "Dialer", Prefix = "gk_", KeyHash = Guid.NewGuid().ToString("n"), CreatedAt = now });
        db.AuditEntries.Add(new AuditEntry { TenantId = tenantId, At = now, ActorId = user.Id, Kind = AuditKind.TeamCreated, SubjectType = "team", Summary = "Created a team" });
        db.UserNotifications.Add(new UserNotification { TenantId = tenantId, UserId = user.Id, Kind = NotificationKind.StreakReminder, Title = "Keep your 2-day streak", Text = "Your 2-day streak ends at midnight: one call today keeps it going.", LocalDate = day, CreatedAt = now });
        db.JobRuns.Add(new Gamification.Core.Jobs.JobRun { TenantId = tenantId, JobName = "decay", LastLocalDate = new DateOnly(2026, 3, 2), LastRunAt = now });
        await db.SaveChangesAsync();
        return tenantId;
    }

    public void Dispose() => connection.Dispose();
}
