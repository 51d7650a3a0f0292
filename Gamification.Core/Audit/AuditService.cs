using System.Text.Json.Nodes;

namespace Gamification.Core.Audit;

/// <summary>
/// Reads the current tenant's audit trail (the context's tenant filter: another tenant's entries are never read).
/// There is no way to change or delete an entry.
/// </summary>
public sealed class AuditService(IDbContextFactory<GamificationDbContext> dbFactory)
{
    public const int MaxPageSize = 500;

    /// <summary>The most entries one CSV export holds (the newest of the filter).</summary>
    public const int MaxExport = 50_000;

    /// <summary>A page of entries, newest first.</summary>
    /// <exception cref="DomainException">A bad page, page size or range (400).</exception>
    public async Task<PagedResult<AuditView>> ListAsync(AuditQuery query, CancellationToken ct = default)
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
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await FilterAsync(db, query, ct);
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(a => a.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new PagedResult<AuditView>(await ViewsAsync(db, page, ct), query.Page, query.PageSize, total);
    }

    /// <summary>Every entry of the filter (at most <see cref="MaxExport"/>, the newest), newest first: for the CSV export.</summary>
    public async Task<IReadOnlyList<AuditView>> ExportAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await FilterAsync(db, query, ct);
        return await ViewsAsync(db, await rows.OrderByDescending(a => a.Id).Take(MaxExport).ToListAsync(ct), ct);
    }

    /// <summary>Everyone who appears as an actor in the tenant's trail, by name (the page's person filter).</summary>
    public async Task<IReadOnlyList<AuditActor>> ActorsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.AuditEntries.AsNoTracking().Where(a => a.ActorId != null).Select(a => a.ActorId!).Distinct().ToListAsync(ct);
        var names = await NamesAsync(db, ids, ct);
        return ids.Select(id => new AuditActor(id, names.GetValueOrDefault(id) ?? UnknownName)).OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The name shown for entries written by a job or an integration key.</summary>
    public const string SystemName = "System";

    private const string UnknownName = "(removed user)";

    private static async Task<IQueryable<AuditEntry>> FilterAsync(GamificationDbContext db, AuditQuery query, CancellationToken ct)
    {
        if (query is { From: { } from, To: { } to } && from > to)
        {
            throw DomainException.Invalid("from", "from is after to.");
        }
        var rows = db.AuditEntries.AsNoTracking();
        if (query.From is not null || query.To is not null)
        {
            var zone = await TenantRules.LoadClockAsync(db, db.TenantId, ct);
            if (query.From is { } fromDay)
            {
                var start = zone.DayStartUtc(fromDay);
                rows = rows.Where(a => a.At >= start);
            }
            if (query.To is { } toDay)
            {
                var end = zone.DayEndUtc(toDay);
                rows = rows.Where(a => a.At < end);
            }
        }
        if (!string.IsNullOrWhiteSpace(query.ActorId))
        {
            rows = rows.Where(a => a.ActorId == query.ActorId);
        }
        if (query.Kind is { } kind)
        {
            rows = rows.Where(a => a.Kind == kind);
        }
        return rows;
    }

    private static async Task<IReadOnlyList<AuditView>> ViewsAsync(GamificationDbContext db, List<AuditEntry> rows, CancellationToken ct)
    {
        var names = await NamesAsync(db, rows.Where(a => a.ActorId != null).Select(a => a.ActorId!).Distinct().ToList(), ct);
        var zone = await TenantRules.LoadClockAsync(db, db.TenantId, ct);
        return rows.Select(a => new AuditView(a.Id, a.At, zone.ToLocal(a.At).DateTime, a.ActorId,
            a.ActorId is null ? SystemName : names.GetValueOrDefault(a.ActorId) ?? UnknownName,
            a.Kind, a.SubjectType, a.SubjectId, a.Summary, Parse(a.Before), Parse(a.After))).ToList();
    }

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;

    private static async Task<Dictionary<string, string>> NamesAsync(GamificationDbContext db, List<string> ids, CancellationToken ct) =>
        ids.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
}
