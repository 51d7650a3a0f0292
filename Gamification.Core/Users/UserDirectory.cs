namespace Gamification.Core.Users;

public sealed record UserProfile(
    string Id,
    string DisplayName,
    string Email,
    string? ExternalId,
    IReadOnlyList<string> Roles,
    Guid? TenantId,
    string? TenantName,
    string? TenantTimeZone,
    long? TeamId,
    string? TeamName,
    bool IsActive,
    long CurrentPoints,
    long LifetimePoints,
    int StreakDays,
    int Level,
    string LevelName,
    long LevelStartsAt,
    long? NextLevelAt);

public sealed record TeamSummary(long Id, string Name, int Members, IReadOnlyList<TeamMember> People);

public sealed record TeamMember(string Id, string DisplayName, string? ExternalId, IReadOnlyList<string> Roles, bool IsActive);

/// <summary>
/// A colleague as another agent sees them (docs/rules.md, Privacy between colleagues): what a leaderboard shows and no
/// more. Never their email, agent id, roles or balances.
/// </summary>
public sealed record ColleagueProfile(string Id, string DisplayName, long? TeamId, string? TeamName, int Level, string LevelName, int StreakDays, int BadgesCount);

/// <summary>A team as agents see it: its active members by name only.</summary>
public sealed record ColleagueTeam(long Id, string Name, int Members, IReadOnlyList<Colleague> People);

/// <summary>A team member as agents see them.</summary>
public sealed record Colleague(string Id, string DisplayName);

public sealed record TenantOverview(
    Guid Id,
    string Name,
    string TimeZone,
    GamificationPreset Preset,
    int Agents,
    int Supervisors,
    int Admins,
    int Teams,
    int ActiveBadges,
    int ActiveChallenges,
    int ActiveRewards,
    int PendingRedemptions,
    GamificationConfig Config);

/// <summary>
/// Reads people, teams and the tenant for pages and the API. Every query goes through the tenant filter of
/// a context made for the current scope, so a user of one tenant can never read another's.
/// </summary>
public sealed class UserDirectory(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider? clock = null)
{
    public async Task<UserProfile?> GetProfileAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return null;
        }
        var roles = await RolesOf(db, [user.Id], ct);
        Tenant? tenant = user.TenantId is { } tid ? await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tid, ct) : null;
        var team = user.TeamId is { } teamId ? await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct) : null;
        var points = await db.UserPoints.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == user.Id, ct);
        var streak = tenant is null ? 0 : await LiveStreakAsync(db, tenant, points, ct);
        var levelNumber = await db.UserLevels.AsNoTracking().Where(l => l.UserId == user.Id).Select(l => (int?)l.LevelNumber).FirstOrDefaultAsync(ct) ?? 1;
        var levels = await db.PlayerLevels.AsNoTracking().Where(l => l.TenantId == user.TenantId)
            .OrderBy(l => l.LevelNumber).ToListAsync(ct);
        var current = levels.FirstOrDefault(l => l.LevelNumber == levelNumber);
        var next = levels.FirstOrDefault(l => l.LevelNumber > levelNumber);
        return new UserProfile(user.Id, user.DisplayName, user.Email ?? "", user.ExternalId, roles.GetValueOrDefault(user.Id, []),
            tenant?.Id, tenant?.Name, tenant?.TimeZoneId, team?.Id, team?.Name, user.IsActive,
            points?.CurrentPoints ?? 0, points?.LifetimePoints ?? 0, streak, levelNumber, current?.Name ?? "",
            current?.PointsTotalRequired ?? 0, next?.PointsTotalRequired);
    }

    /// <summary>
    /// A colleague of the current tenant as an agent reads them: name, team, level, streak and badges count only
    /// (docs/rules.md, Privacy between colleagues); null when not in the tenant.
    /// </summary>
    public async Task<ColleagueProfile?> GetColleagueAsync(string userId, CancellationToken ct = default)
    {
        if (await GetProfileAsync(userId, ct) is not { TenantId: not null } profile)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var badges = await db.UserBadges.AsNoTracking().CountAsync(b => b.UserId == userId, ct);
        return new ColleagueProfile(profile.Id, profile.DisplayName, profile.TeamId, profile.TeamName, profile.Level, profile.LevelName,
            profile.StreakDays, badges);
    }

    /// <summary>The current tenant's teams as agents read them: each with its active members, by name only.</summary>
    public async Task<IReadOnlyList<ColleagueTeam>> ListColleagueTeamsAsync(CancellationToken ct = default) =>
        (await ListTeamsAsync(ct)).Select(ColleaguesOf).ToList();

    /// <summary>A team as agents read it (<see cref="ListColleagueTeamsAsync"/>).</summary>
    public static ColleagueTeam ColleaguesOf(TeamSummary team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var people = team.People.Where(p => p.IsActive).Select(p => new Colleague(p.Id, p.DisplayName)).ToList();
        return new ColleagueTeam(team.Id, team.Name, people.Count, people);
    }

    public async Task<IReadOnlyList<TeamSummary>> ListTeamsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var people = await db.Users.AsNoTracking().Where(u => u.TenantId == db.TenantId)
            .OrderBy(u => u.DisplayName).ToListAsync(ct);
        var roles = await RolesOf(db, people.Select(p => p.Id).ToList(), ct);
        return teams.Select(t =>
        {
            var members = people.Where(p => p.TeamId == t.Id)
                .Select(p => new TeamMember(p.Id, p.DisplayName, p.ExternalId, roles.GetValueOrDefault(p.Id, []), p.IsActive)).ToList();
            return new TeamSummary(t.Id, t.Name, members.Count, members);
        }).ToList();
    }

    public async Task<TeamSummary?> GetTeamAsync(long id, CancellationToken ct = default) =>
        (await ListTeamsAsync(ct)).FirstOrDefault(t => t.Id == id);

    /// <summary>Everyone in the current tenant with their roles and team.</summary>
    public async Task<IReadOnlyList<UserProfile>> ListPeopleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = db.TenantId;
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null)
        {
            return [];
        }
        var people = await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId).OrderBy(u => u.DisplayName).ToListAsync(ct);
        var roles = await RolesOf(db, people.Select(p => p.Id).ToList(), ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var points = await db.UserPoints.AsNoTracking().ToDictionaryAsync(p => p.UserId, ct);
        var levels = await db.UserLevels.AsNoTracking().ToDictionaryAsync(l => l.UserId, l => l.LevelNumber, ct);
        var levelTable = await db.PlayerLevels.AsNoTracking().OrderBy(l => l.LevelNumber).ToListAsync(ct);
        var config = await db.GamificationConfigs.AsNoTracking().FirstOrDefaultAsync(ct) ?? new GamificationConfig { TenantId = tenant.Id };
        var today = TenantClock.For(tenant.TimeZoneId).LocalDay((clock ?? TimeProvider.System).GetUtcNow());
        return people.Select(u =>
        {
            var p = points.GetValueOrDefault(u.Id);
            var level = levels.GetValueOrDefault(u.Id, 1);
            var current = levelTable.FirstOrDefault(l => l.LevelNumber == level);
            var next = levelTable.FirstOrDefault(l => l.LevelNumber > level);
            return new UserProfile(u.Id, u.DisplayName, u.Email ?? "", u.ExternalId, roles.GetValueOrDefault(u.Id, []),
                tenant.Id, tenant.Name, tenant.TimeZoneId, u.TeamId, u.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
                u.IsActive, p?.CurrentPoints ?? 0, p?.LifetimePoints ?? 0,
                p is null ? 0 : PointsRules.LiveStreak(p.StreakDays, p.LastActiveDate, today, config), level, current?.Name ?? "",
                current?.PointsTotalRequired ?? 0, next?.PointsTotalRequired);
        }).ToList();
    }

    /// <summary>The streak as every page shows it: 0 once the agent missed their previous working day (RULES.md, Streaks).</summary>
    private async Task<int> LiveStreakAsync(GamificationDbContext db, Tenant tenant, UserPoints? points, CancellationToken ct)
    {
        if (points is null)
        {
            return 0;
        }
        var config = await db.GamificationConfigs.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenant.Id, ct)
            ?? new GamificationConfig { TenantId = tenant.Id };
        var today = TenantClock.For(tenant.TimeZoneId).LocalDay((clock ?? TimeProvider.System).GetUtcNow());
        return PointsRules.LiveStreak(points.StreakDays, points.LastActiveDate, today, config);
    }

    /// <summary>The current tenant at a glance, for the admin and supervisor landing pages.</summary>
    public async Task<TenantOverview?> GetTenantOverviewAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = db.TenantId;
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        var config = await db.GamificationConfigs.AsNoTracking().FirstOrDefaultAsync(ct);
        if (tenant is null || config is null)
        {
            return null;
        }
        var roleCounts = await (from u in db.Users
                                where u.TenantId == tenantId
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join r in db.Roles on ur.RoleId equals r.Id
                                group u by r.Name into g
                                select new { Role = g.Key!, Count = g.Count() }).ToDictionaryAsync(x => x.Role, x => x.Count, ct);
        return new TenantOverview(tenant.Id, tenant.Name, tenant.TimeZoneId, tenant.Preset,
            roleCounts.GetValueOrDefault(Roles.Agent), roleCounts.GetValueOrDefault(Roles.Supervisor), roleCounts.GetValueOrDefault(Roles.Admin),
            await db.Teams.CountAsync(ct),
            await db.Badges.CountAsync(b => b.IsActive, ct),
            await db.Challenges.CountAsync(c => c.IsActive, ct),
            await db.RewardItems.CountAsync(r => r.IsActive, ct),
            await db.UserRedemptions.CountAsync(r => r.Status == Rewards.RedemptionStatus.Pending, ct),
            config);
    }

    private static async Task<Dictionary<string, List<string>>> RolesOf(GamificationDbContext db, List<string> userIds, CancellationToken ct)
    {
        var rows = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where userIds.Contains(ur.UserId)
                          select new { ur.UserId, r.Name }).ToListAsync(ct);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Order().ToList());
    }
}
