using System.Text.Json;

using Gamification.Core.Data;
using Gamification.Core.Points;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gamification.Core.Analytics;

/// <summary>
/// Point-farming detection (issue 7): runs <see cref="FarmingDetector"/> over a tenant's recent activity and keeps
/// the flags; supervisors list them, open the evidence, dismiss or confirm them. Confirming does not revoke anything:
/// the UI then opens the admin revocation flow, where an admin revokes with a reason.
/// Thresholds are <see cref="FarmingThresholds.Default"/> for every tenant (per-tenant overrides are not stored yet).
/// </summary>
public sealed class FarmingService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock, ILogger<FarmingService> logger)
{
    public const int NoteMaxLength = 500;
    private const int EvidenceMaxLength = 1000;

    /// <summary>Local days before the window read as the agents' own history (sudden jumps compare with 14 active days).</summary>
    private const int HistoryDays = 21;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public FarmingThresholds Thresholds { get; init; } = FarmingThresholds.Default;

    /// <summary>
    /// Detects farming in the tenant's last <paramref name="days"/> local days (today included). A candidate updates
    /// the score, evidence and window of an open flag of the same agent and kind whose window overlaps or touches its
    /// own (so a daily run over a sliding window keeps one flag); a dismissed or confirmed flag that overlaps it stays
    /// decided and the candidate is dropped (it is never reopened). Anything else becomes a new open flag.
    /// </summary>
    /// <returns>The number of new flags.</returns>
    public async Task<int> DetectAsync(Guid tenantId, int days = 14, CancellationToken ct = default)
    {
        if (days is < 1 or > 90)
        {
            throw DomainException.Invalid("days", "Detection looks at 1 to 90 days.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantClock = await LedgerUnit.LoadClockAsync(db, tenantId, ct);
        var now = clock.GetUtcNow();
        var windowEnd = tenantClock.LocalDay(now);
        var windowStart = windowEnd.AddDays(-(days - 1));
        var historyStart = windowStart.AddDays(-HistoryDays);

        var rows = await db.ActivityEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.LocalDate >= historyStart && e.LocalDate <= windowEnd)
            .Select(e => new
            {
                e.UserId,
                e.Type,
                e.OccurredAt,
                e.LocalDate,
                e.DurationSeconds,
                e.Rating,
                Metadata = e.Type == ActivityType.QualityReview || e.Type == ActivityType.CustomerFeedback ? e.MetadataJson : null,
                e.PointsAwarded,
                e.Capped,
            })
            .ToListAsync(ct);
        var events = rows.Select(e => new DetectionEvent(e.UserId, e.Type, tenantClock.ToLocal(e.OccurredAt), e.LocalDate,
            e.DurationSeconds, e.Rating, FarmingDetector.SourceOf(e.Metadata), e.PointsAwarded, e.Capped)).ToList();

        var candidates = FarmingDetector.Detect(events, windowStart, windowEnd, Thresholds);
        if (candidates.Count == 0)
        {
            logger.LogInformation("Farming detection for tenant {TenantId} over {Days} days: {Events} events, no candidates", tenantId, days, events.Count);
            return 0;
        }

        var users = candidates.Select(c => c.UserId).Distinct().ToList();
        var existing = await db.FarmingFlags.IgnoreQueryFilters()
            .Where(f => f.TenantId == tenantId && users.Contains(f.UserId) && f.WindowEnd >= historyStart.AddDays(-1))
            .ToListAsync(ct);

        var created = 0;
        var updated = 0;
        foreach (var candidate in candidates)
        {
            var overlapping = existing
                .Where(f => f.UserId == candidate.UserId && f.Kind == candidate.Kind
                    && f.WindowStart <= candidate.WindowEnd.AddDays(1) && f.WindowEnd >= candidate.WindowStart.AddDays(-1))
                .ToList();
            if (overlapping.Any(f => f.Status != FarmingFlagStatus.Open))
            {
                continue;
            }

            var evidence = Truncate(candidate.Evidence, EvidenceMaxLength);
            var data = JsonSerializer.Serialize(candidate.Data, Json);
            var open = overlapping.Where(f => f.Status == FarmingFlagStatus.Open).OrderByDescending(f => f.WindowEnd).FirstOrDefault();
            if (open is not null)
            {
                open.Score = candidate.Score;
                open.Evidence = evidence;
                open.DataJson = data;
                open.WindowEnd = candidate.WindowEnd > open.WindowEnd ? candidate.WindowEnd : open.WindowEnd;
                updated++;
                continue;
            }

            var flag = new FarmingFlag
            {
                TenantId = tenantId,
                UserId = candidate.UserId,
                Kind = candidate.Kind,
                Score = candidate.Score,
                Evidence = evidence,
                DataJson = data,
                WindowStart = candidate.WindowStart,
                WindowEnd = candidate.WindowEnd,
                DetectedAt = now,
                Status = FarmingFlagStatus.Open,
            };
            db.FarmingFlags.Add(flag);
            existing.Add(flag);
            created++;
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Farming detection for tenant {TenantId} over {Days} days: {Events} events, {Created} new flags, {Updated} updated",
            tenantId, days, events.Count, created, updated);
        return created;
    }

    /// <summary>Detection for every active tenant (for the nightly job); a failing tenant is logged and skipped.</summary>
    /// <returns>The number of new flags over all tenants.</returns>
    public async Task<int> DetectAllAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            tenants = await db.Tenants.IgnoreQueryFilters().AsNoTracking().Where(t => t.IsActive).Select(t => t.Id).ToListAsync(ct);
        }

        var total = 0;
        foreach (var tenantId in tenants)
        {
            try
            {
                total += await DetectAsync(tenantId, ct: ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Farming detection failed for tenant {TenantId}", tenantId);
            }
        }

        return total;
    }

    /// <summary>The current tenant's flags (all, or of one status): open first, then the newest and most severe.</summary>
    public async Task<IReadOnlyList<FarmingFlagView>> ListAsync(FarmingFlagStatus? status, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.FarmingFlags.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(f => f.Status == wanted);
        }

        return await ViewsAsync(db, query, ct);
    }

    /// <exception cref="DomainException">No such flag in the current tenant (404).</exception>
    public async Task<FarmingFlagView> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ViewAsync(db, id, ct);
    }

    /// <summary>The supervisor judged the activity legitimate: the flag is closed and stays closed.</summary>
    /// <exception cref="DomainException">Unknown flag (404), already decided (409), note too long (400).</exception>
    public Task<FarmingFlagView> DismissAsync(long id, string? note, string? userId, CancellationToken ct) =>
        DecideAsync(id, FarmingFlagStatus.Dismissed, note, userId, ct);

    /// <summary>
    /// The supervisor judged it farming. Nothing is revoked here: the caller opens the admin revocation flow, where
    /// an admin revokes the points with a reason.
    /// </summary>
    /// <exception cref="DomainException">Unknown flag (404), already decided (409), note too long (400).</exception>
    public Task<FarmingFlagView> ConfirmAsync(long id, string? note, string? userId, CancellationToken ct) =>
        DecideAsync(id, FarmingFlagStatus.Confirmed, note, userId, ct);

    private async Task<FarmingFlagView> DecideAsync(long id, FarmingFlagStatus decision, string? note, string? userId, CancellationToken ct)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > NoteMaxLength })
        {
            throw DomainException.Invalid("note", $"The note is at most {NoteMaxLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var flag = await db.FarmingFlags.FirstOrDefaultAsync(f => f.Id == id, ct)
            ?? throw DomainException.NotFound("The farming flag");
        if (flag.Status != FarmingFlagStatus.Open)
        {
            throw new DomainException(DomainErrorKind.Conflict, $"This flag was already {flag.Status.ToString().ToLowerInvariant()}.");
        }

        // Only an open flag is decided: of two decisions at once, the second finds it decided (409).
        var now = clock.GetUtcNow();
        var decided = await db.FarmingFlags.Where(f => f.Id == id && f.Status == FarmingFlagStatus.Open)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Status, decision)
                .SetProperty(f => f.Note, trimmed)
                .SetProperty(f => f.DecidedByUserId, userId)
                .SetProperty(f => f.DecidedAt, now), ct);
        if (decided == 0)
        {
            throw new DomainException(DomainErrorKind.Conflict, "This flag was decided meanwhile.");
        }
        logger.LogInformation("Farming flag {FlagId} ({Kind}) {Decision} by {UserId}", flag.Id, flag.Kind, decision, userId);
        return await ViewAsync(db, id, ct);
    }

    private static async Task<FarmingFlagView> ViewAsync(GamificationDbContext db, long id, CancellationToken ct) =>
        (await ViewsAsync(db, db.FarmingFlags.AsNoTracking().Where(f => f.Id == id), ct)).SingleOrDefault()
        ?? throw DomainException.NotFound("The farming flag");

    private static async Task<List<FarmingFlagView>> ViewsAsync(GamificationDbContext db, IQueryable<FarmingFlag> query, CancellationToken ct)
    {
        var rows = await (from f in query
                          join u in db.Users on f.UserId equals u.Id into people
                          from u in people.DefaultIfEmpty()
                          orderby f.Status == FarmingFlagStatus.Open ? 0 : 1, f.DetectedAt descending, f.Score descending, f.Id descending
                          select new { Flag = f, DisplayName = u == null ? null : u.DisplayName })
            .Take(1000)
            .ToListAsync(ct);
        return rows.Select(x => new FarmingFlagView(
            x.Flag.Id, x.Flag.UserId, x.DisplayName ?? x.Flag.UserId, x.Flag.Kind, x.Flag.Score, x.Flag.Evidence, x.Flag.DataJson,
            x.Flag.WindowStart, x.Flag.WindowEnd, x.Flag.DetectedAt, x.Flag.Status, x.Flag.Note, x.Flag.DecidedAt, x.Flag.DecidedByUserId)).ToList();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
