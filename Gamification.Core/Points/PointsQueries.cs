namespace Gamification.Core.Points;

/// <summary>An agent's points as the dashboard, the indicator and GET /points show them, on the tenant's today.</summary>
/// <param name="DailyPoints">Activity points earned today (tenant-local), out of <paramref name="DailyCap"/>.</param>
/// <param name="StreakDays">The live streak: 0 once the agent missed their previous counting day.</param>
/// <param name="ProgressPercent">Progress from this level's threshold to the next (100 at the top level).</param>
/// <param name="Rank">The agent's rank on the tenant's leaderboard, when leaderboards are available.</param>
/// <param name="StreakMultiplier">The tenant's streak multiplier (1.5), earned from day <paramref name="StreakBonusMinDays"/> (3) of a streak.</param>
/// <param name="Tier">The tier of the agent's level (Bronze, Silver, Gold, Legend by default).</param>
/// <param name="Privileges">What the agent's level unlocks, as the tenant describes it.</param>
/// <param name="NextLevelName">The next level's name; null at the top level.</param>
/// <param name="NextLevelPrivileges">What the next level unlocks; null at the top level.</param>
public sealed record PointsSummary(
    string UserId,
    long CurrentPoints,
    long LifetimePoints,
    int DailyPoints,
    int DailyCap,
    int StreakDays,
    int LongestStreak,
    int Level,
    string LevelName,
    long LevelStartsAt,
    long? NextLevelAt,
    int ProgressPercent,
    DateOnly Today,
    int? Rank,
    decimal StreakMultiplier,
    int StreakBonusMinDays,
    string Tier = "",
    string Privileges = "",
    string? NextLevelName = null,
    string? NextLevelPrivileges = null,
    DecayForecast? Decay = null)
{
    /// <summary>Whether today's activity earns the streak multiplier.</summary>
    public bool StreakBonusActive => StreakDays >= StreakBonusMinDays;
}

/// <summary>A ledger entry as the agent reads it: what earned what and why.</summary>
public sealed record TransactionView(
    long Id,
    DateTimeOffset CreatedAt,
    DateTime LocalTime,
    DateOnly LocalDate,
    TransactionType Type,
    long Points,
    int BasePoints,
    decimal Multiplier,
    decimal StreakMultiplier,
    int Bonus,
    long UncappedPoints,
    string Reason,
    TransactionSource SourceType,
    string? SourceId);

/// <summary>Filter and page for a user's ledger; dates are tenant-local and inclusive.</summary>
public sealed record TransactionQuery(TransactionType? Type = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 25);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>Reads balances and the ledger for pages and the API, through the current tenant's filter.</summary>
public sealed class PointsQueries(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>The user's points on the tenant's today; null when the user is not in the current tenant.</summary>
    public async Task<PointsSummary?> GetSummaryAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exists = await db.Users.AnyAsync(u => u.Id == userId && u.TenantId == db.TenantId, ct);
        if (!exists)
        {
            return null;
        }
        var tenantId = db.TenantId;
        var zoneId = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.TimeZoneId).FirstAsync(ct);
        var config = await db.GamificationConfigs.AsNoTracking().FirstOrDefaultAsync(ct) ?? new GamificationConfig { TenantId = tenantId };
        var points = await db.UserPoints.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct) ?? new UserPoints { UserId = userId };
        var levelNumber = await db.UserLevels.AsNoTracking().Where(l => l.UserId == userId).Select(l => (int?)l.LevelNumber).FirstOrDefaultAsync(ct) ?? 1;
        var levels = await db.PlayerLevels.AsNoTracking().OrderBy(l => l.LevelNumber).ToListAsync(ct);

        var today = TenantClock.For(zoneId).LocalDay(clock.GetUtcNow());
        var current = levels.FirstOrDefault(l => l.LevelNumber == levelNumber);
        var next = LevelRules.NextLevel(levelNumber, levels);
        var startsAt = current?.PointsTotalRequired ?? 0;
        var progress = next is null
            ? 100
            : (int)Math.Clamp((points.LifetimePoints - startsAt) * 100 / Math.Max(1, next.PointsTotalRequired - startsAt), 0, 100);
        return new PointsSummary(
            userId,
            points.CurrentPoints,
            points.LifetimePoints,
            points.DailyDate == today ? points.DailyPoints : 0,
            LevelRules.DailyCap(config, levelNumber),
            PointsRules.LiveStreak(points.StreakDays, points.LastActiveDate, today, config),
            points.LongestStreak,
            levelNumber,
            current?.Name ?? "",
            startsAt,
            next?.PointsTotalRequired,
            progress,
            today,
            null,
            PointsRules.Normalize(config.StreakMultiplier),
            config.StreakBonusMinDays,
            current?.Tier ?? "",
            current?.UnlockPrivileges ?? "",
            next?.Name,
            next?.UnlockPrivileges,
            PointsRules.NextDecay(points.LastActivityAt is { } at ? TenantClock.For(zoneId).LocalDay(at) : null, points.LastDecayDate,
                points.CurrentPoints, today, config));
    }

    /// <summary>A page of the user's ledger, newest first, each entry with its breakdown.</summary>
    public async Task<PagedResult<TransactionView>> ListTransactionsAsync(string userId, TransactionQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Page < 1)
        {
            throw DomainException.Invalid("page", "page starts at 1.");
        }
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw DomainException.Invalid("page_size", $"page_size is between 1 and {MaxPageSize}.");
        }
        if (query is { From: { } from, To: { } to } && from > to)
        {
            throw DomainException.Invalid("from", "from is after to.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = db.TenantId;
        var zoneId = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.TimeZoneId).FirstOrDefaultAsync(ct) ?? "UTC";
        var zone = TenantClock.For(zoneId);

        var rows = db.PointTransactions.AsNoTracking().Where(t => t.UserId == userId);
        if (query.Type is { } type)
        {
            rows = rows.Where(t => t.Type == type);
        }
        if (query.From is { } fromDay)
        {
            rows = rows.Where(t => t.LocalDate >= fromDay);
        }
        if (query.To is { } toDay)
        {
            rows = rows.Where(t => t.LocalDate <= toDay);
        }
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(t => t.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(ct);
        var items = page.Select(t => new TransactionView(
            t.Id, t.CreatedAt, zone.ToLocal(t.CreatedAt).DateTime, t.LocalDate, t.Type, t.Points, t.BasePoints, t.Multiplier,
            t.StreakMultiplier, t.Bonus, t.UncappedPoints, t.Reason, t.SourceType, t.SourceId)).ToList();
        return new PagedResult<TransactionView>(items, query.Page, query.PageSize, total);
    }
}
