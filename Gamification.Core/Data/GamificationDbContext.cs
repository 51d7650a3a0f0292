using System.Linq.Expressions;
using System.Text;

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Gamification.Core.Data;

/// <summary>
/// The unit of work for the whole product. Every <see cref="ITenantOwned"/> entity gets a global query
/// filter on the current tenant: with no tenant current, those queries return nothing. Users are scoped
/// to the current tenant when there is one (sign-in and operators work without one).
/// One subclass per provider carries that provider's migrations. It also holds the data-protection keys
/// (DataProtection:Store=Database), which belong to the installation, not to a tenant.
/// </summary>
public abstract class GamificationDbContext(DbContextOptions options, CurrentTenant? currentTenant)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The tenant every tenant-owned query is scoped to; Guid.Empty (matches nothing) when none is current.</summary>
    public Guid TenantId => currentTenant?.TenantId ?? Guid.Empty;

    /// <summary>The current tenant or null (sign-in, operators, jobs between tenants).</summary>
    public Guid? TenantIdOrNull => currentTenant?.TenantId;

    /// <summary>The signed-in person acting in this scope (null for jobs and integrations): the actor of audit entries.</summary>
    public string? ActorId => currentTenant?.UserId;

    private SqlDialect? dialect;

    /// <summary>The provider's dialect, worked out once per context (the provider's name is read by reflection).</summary>
    internal SqlDialect Dialect => dialect ??= SqlDialect.Of(Database);

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<GamificationConfig> GamificationConfigs => Set<GamificationConfig>();
    public DbSet<UserPoints> UserPoints => Set<UserPoints>();
    public DbSet<PointTransaction> PointTransactions => Set<PointTransaction>();
    public DbSet<ActivityEvent> ActivityEvents => Set<ActivityEvent>();
    public DbSet<Badge> Badges => Set<Badge>();
    public DbSet<UserBadge> UserBadges => Set<UserBadge>();
    public DbSet<BadgeImage> BadgeImages => Set<BadgeImage>();
    public DbSet<Challenge> Challenges => Set<Challenge>();
    public DbSet<UserChallenge> UserChallenges => Set<UserChallenge>();
    public DbSet<TeamChallenge> TeamChallenges => Set<TeamChallenge>();
    public DbSet<LeaderboardSnapshot> LeaderboardSnapshots => Set<LeaderboardSnapshot>();
    public DbSet<LeaderboardScore> LeaderboardScores => Set<LeaderboardScore>();
    public DbSet<LeaderboardVersion> LeaderboardVersions => Set<LeaderboardVersion>();
    public DbSet<PlayerLevel> PlayerLevels => Set<PlayerLevel>();
    public DbSet<UserLevel> UserLevels => Set<UserLevel>();
    public DbSet<RewardItem> RewardItems => Set<RewardItem>();
    public DbSet<UserRedemption> UserRedemptions => Set<UserRedemption>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<RewardStockChange> RewardStockChanges => Set<RewardStockChange>();
    public DbSet<AchievementEvent> AchievementEvents => Set<AchievementEvent>();
    public DbSet<DailyUserStat> DailyUserStats => Set<DailyUserStat>();
    public DbSet<DailyTeamStat> DailyTeamStats => Set<DailyTeamStat>();
    public DbSet<LeaderboardView> LeaderboardViews => Set<LeaderboardView>();
    public DbSet<FarmingFlag> FarmingFlags => Set<FarmingFlag>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserNotification> UserNotifications => Set<UserNotification>();

    /// <summary>The keys of cookies, tokens and antiforgery (table data_protection_key), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditEdits();
        var boards = BoardTenants();
        int saved;
        try
        {
            saved = base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch
        {
            ForgetUnsavedAudit();
            throw;
        }
        foreach (var (tenantId, people) in boards)
        {
            Leaderboards.LeaderboardVersions.Bump(this, tenantId, people);
        }
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditEdits();
        var boards = BoardTenants();
        int saved;
        try
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch
        {
            ForgetUnsavedAudit();
            throw;
        }
        foreach (var (tenantId, people) in boards)
        {
            await Leaderboards.LeaderboardVersions.BumpAsync(this, tenantId, people, cancellationToken);
        }
        return saved;
    }

    /// <summary>
    /// A save that failed leaves its audit entries behind: they record a change that did not happen, so they are let go
    /// (a context that outlives the call, such as a circuit's, must not write them with a later save).
    /// </summary>
    private void ForgetUnsavedAudit()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>The audit trail is append-only: a save that would change or delete an entry is refused.</summary>
    private void RefuseAuditEdits()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: its entries are never changed or deleted.");
        }
    }

    /// <summary>
    /// The tenants whose leaderboards this save changes (people, teams, balances and streaks, badges, scores,
    /// snapshots, rules): their board version is raised after the save, in its transaction when there is one, so no
    /// instance's cached board outlives a change it shows (<see cref="LeaderboardCache"/>). People, teams and rules
    /// raise the people version too.
    /// </summary>
    private Dictionary<Guid, bool> BoardTenants()
    {
        Dictionary<Guid, bool>? tenants = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            Guid? tenantId = entry.Entity switch
            {
                Tenant t => t.Id,
                ApplicationUser u => u.TenantId,
                Team t => t.TenantId,
                GamificationConfig c => c.TenantId,
                UserPoints p => p.TenantId,
                UserBadge b => b.TenantId,
                LeaderboardScore s => s.TenantId,
                LeaderboardSnapshot s => s.TenantId,
                // Levels and their tiers: the league tab ranks people of a tier.
                UserLevel l => l.TenantId,
                PlayerLevel l => l.TenantId,
                _ => null,
            };
            if (tenantId is { } id && id != Guid.Empty)
            {
                tenants ??= [];
                var people = entry.Entity is Tenant or ApplicationUser or Team or GamificationConfig;
                tenants[id] = tenants.GetValueOrDefault(id) || people;
            }
        }
        return tenants ?? [];
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        // One IEntityTypeConfiguration per entity, under Data/Configurations.
        builder.ApplyConfigurationsFromAssembly(typeof(GamificationDbContext).Assembly);

        // The filters read this context's tenant, so they are set here rather than in the configurations.
        builder.Entity<ApplicationUser>().HasQueryFilter(u => TenantIdOrNull == null || u.TenantId == TenantIdOrNull);

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                builder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter(entityType.ClrType));
                builder.Entity(entityType.ClrType).HasOne(typeof(Tenant)).WithMany()
                    .HasForeignKey(nameof(ITenantOwned.TenantId)).OnDelete(DeleteBehavior.Restrict);
            }

            // One naming rule for every table and column: snake_case, as the guide names its tables.
            if (entityType.GetTableName() is { } table && !entityType.IsOwned())
            {
                entityType.SetTableName(ToSnakeCase(table));
            }
            foreach (var property in entityType.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
            foreach (var key in entityType.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName() ?? ""));
            }
            foreach (var index in entityType.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName() ?? ""));
            }
            foreach (var fk in entityType.GetForeignKeys())
            {
                fk.SetConstraintName(ToSnakeCase(fk.GetConstraintName() ?? ""));
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Enums are stored by name: readable in the database and stable when members are added.
        configurationBuilder.Properties<GamificationPreset>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TransactionType>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<TransactionSource>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ActivityType>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<BadgeCategory>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<BadgeRarity>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<BadgeRequirement>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ChallengeType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ObjectiveType>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ChallengeDifficulty>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LeaderboardPeriod>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RewardCategory>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RewardLimitPeriod>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RedemptionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AchievementKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<FarmingKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<FarmingFlagStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NotificationKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<decimal>().HavePrecision(9, 4);
    }

    private LambdaExpression TenantFilter(Type clrType)
    {
        // e => e.TenantId == this.TenantId  (EF Core parameterizes the context property per query)
        var entity = Expression.Parameter(clrType, "e");
        var body = Expression.Equal(
            Expression.Property(entity, nameof(ITenantOwned.TenantId)),
            Expression.Property(Expression.Constant(this), nameof(TenantId)));
        return Expression.Lambda(body, entity);
    }

    internal static string ToSnakeCase(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return name;
        }
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (i > 0 && name[i - 1] != '_' && (previousIsLowerOrDigit || (nextIsLower && char.IsUpper(name[i - 1]))))
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
