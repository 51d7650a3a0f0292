namespace Gamification.Core.Users;

/// <summary>One moment of a person's achievement log (table achievement_event), in the tenant's local time.</summary>
/// <param name="Data">What the moment carried (the level reached, the badge, the challenge, the streak length), as stored.</param>
public sealed record AchievementView(long Id, AchievementKind Kind, string Title, DateTimeOffset CreatedAt, DateTime LocalTime, JsonElement? Data);

/// <summary>Filter and page for a person's achievement log; days are tenant-local and inclusive.</summary>
public sealed record AchievementQuery(AchievementKind? Kind = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 25);

/// <summary>
/// A person's record as their supervisors and admins read it (docs/rules.md, Accountability): the same ledger the
/// person reads, with its breakdown and filters, and their achievement log. Everything goes through the current
/// tenant's filter: a person of another tenant is not found (null), never read.
/// </summary>
public sealed class PersonRecord(IDbContextFactory<GamificationDbContext> dbFactory, PointsQueries points)
{
    /// <summary>A page of the person's ledger (as <see cref="PointsQueries.ListTransactionsAsync"/>); null when they are not in the tenant.</summary>
    /// <exception cref="DomainException">A bad filter or page (400).</exception>
    public async Task<PagedResult<TransactionView>?> TransactionsAsync(string userId, TransactionQuery query, CancellationToken ct = default) =>
        await ExistsAsync(userId, ct) ? await points.ListTransactionsAsync(userId, query, ct) : null;

    /// <summary>A page of the person's achievement log, newest first; null when they are not in the tenant.</summary>
    /// <exception cref="DomainException">A bad filter or page (400).</exception>
    public async Task<PagedResult<AchievementView>?> AchievementsAsync(string userId, AchievementQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>();
        if (query.Page < 1)
        {
            errors["page"] = ["page starts at 1."];
        }
        if (query.PageSize is < 1 or > PointsQueries.MaxPageSize)
        {
            errors["page_size"] = [$"page_size is between 1 and {PointsQueries.MaxPageSize}."];
        }
        if (query is { From: { } first, To: { } last } && first > last)
        {
            errors["from"] = ["from is after to."];
        }
        if (query.Kind is { } k && !Enum.IsDefined(k))
        {
            errors["kind"] = ["kind is level_up, streak_milestone, badge_earned, challenge_completed or reward_redeemed."];
        }
        DomainException.ThrowIfInvalid(errors);
        if (!await ExistsAsync(userId, ct))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await TenantRules.LoadClockAsync(db, db.TenantId, ct);
        var rows = db.AchievementEvents.AsNoTracking().Where(a => a.UserId == userId);
        if (query.Kind is { } kind)
        {
            rows = rows.Where(a => a.Kind == kind);
        }
        // Local days to instants: the first instant of "from" and of the day after "to".
        if (query.From is { } from)
        {
            var start = zone.DayStartUtc(from);
            rows = rows.Where(a => a.CreatedAt >= start);
        }
        if (query.To is { } to)
        {
            var end = zone.DayEndUtc(to);
            rows = rows.Where(a => a.CreatedAt < end);
        }
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(a => a.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        var items = page.Select(a => new AchievementView(a.Id, a.Kind, a.Title, a.CreatedAt, zone.ToLocal(a.CreatedAt).DateTime, JsonText.ParseOrNull(a.DataJson))).ToList();
        return new PagedResult<AchievementView>(items, query.Page, query.PageSize, total);
    }

    private async Task<bool> ExistsAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.Id == userId && u.TenantId == db.TenantId, ct);
    }
}
