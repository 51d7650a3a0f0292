using Gamification.Core.Data;

using Microsoft.EntityFrameworkCore;

namespace Gamification.Core.Points;

public sealed record HistoryEntry(long Id, DateTime LocalTime, TransactionType Type, string Reason, long Points);

/// <summary>Reads a user's ledger for pages and the API, in the tenant's local time.</summary>
public sealed class PointHistory(IDbContextFactory<GamificationDbContext> dbFactory)
{
    public async Task<IReadOnlyList<HistoryEntry>> RecentAsync(string userId, int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = db.TenantId;
        var zoneId = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZoneId).FirstOrDefaultAsync(ct) ?? "UTC";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var rows = await db.PointTransactions.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.Id)
            .Take(Math.Clamp(count, 1, 200))
            .Select(t => new { t.Id, t.CreatedAt, t.Type, t.Reason, t.Points })
            .ToListAsync(ct);
        return rows.Select(r => new HistoryEntry(r.Id, TimeZoneInfo.ConvertTime(r.CreatedAt, zone).DateTime, r.Type, r.Reason, r.Points)).ToList();
    }
}
