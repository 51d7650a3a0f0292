using System.Collections.Concurrent;

namespace Gamification.Core.Analytics;

/// <summary>
/// Point-farming detection (issue 7): runs <see cref="FarmingDetector"/> over a tenant's recent activity and keeps
/// the flags; supervisors list them, open the evidence, dismiss or confirm them. Confirming does not revoke anything:
/// the UI then opens the admin revocation flow, where an admin revokes with a reason.
/// Each tenant has its own thresholds (<see cref="FarmingThresholds"/>: the defaults, with the fields its admins changed).
/// </summary>
public sealed class FarmingService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock, ILogger<FarmingService> logger)
{
    public const int NoteMaxLength = 500;

    /// <summary>Local days (today included) a detection run looks at.</summary>
    public const int DefaultDays = 14;
    private const int EvidenceMaxLength = 1000;

    /// <summary>Local days before the window read as the agents' own history (sudden jumps look back up to this many).</summary>
    private const int HistoryDays = FarmingThresholds.MaxJumpHistoryDays;

    /// <summary>Attempts at a thresholds change before giving up when other admins keep changing them at the same moment.</summary>
    private const int ThresholdAttempts = 5;

    /// <summary>One detection at a time per tenant in this process (the hourly job and a supervisor's "check now"), so a
    /// candidate never becomes two flags.</summary>
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Running = new();

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Detects farming in the tenant's last <paramref name="days"/> local days (today included). A candidate updates
    /// the score, evidence and window of an open flag of the same agent and kind whose window overlaps or touches its
    /// own (so a daily run over a sliding window keeps one flag); a dismissed or confirmed flag that overlaps it stays
    /// decided and the candidate is dropped (it is never reopened). Anything else becomes a new open flag.
    /// </summary>
    /// <returns>The number of new flags.</returns>
    public async Task<int> DetectAsync(Guid tenantId, int days = DefaultDays, CancellationToken ct = default)
    {
        if (days is < 1 or > 90)
        {
            throw DomainException.Invalid("days", "Detection looks at 1 to 90 days.");
        }

        return (await RunAsync(tenantId, days, ct)).NewFlags;
    }

    /// <summary>Detection for the current tenant now (a supervisor's "check now"), over the same days as the hourly job.</summary>
    /// <returns>The new flags, and the open flags found again whose evidence changed (and was brought up to date).</returns>
    public async Task<FarmingRun> DetectCurrentAsync(CancellationToken ct)
    {
        Guid tenantId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            tenantId = await db.GamificationConfigs.AsNoTracking().Select(c => c.TenantId).FirstOrDefaultAsync(ct);
        }
        if (tenantId == Guid.Empty)
        {
            throw DomainException.NotFound("The tenant's configuration");
        }
        return await RunAsync(tenantId, DefaultDays, ct);
    }

    /// <summary>One run, after the tenant's previous one in this process has finished.</summary>
    private async Task<FarmingRun> RunAsync(Guid tenantId, int days, CancellationToken ct)
    {
        var gate = Running.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await DetectLockedAsync(tenantId, days, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<FarmingRun> DetectLockedAsync(Guid tenantId, int days, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantClock = await TenantRules.LoadClockAsync(db, tenantId, ct);
        var now = clock.GetUtcNow();
        var windowEnd = tenantClock.LocalDay(now);
        var windowStart = windowEnd.AddDays(-(days - 1));
        var historyStart = windowStart.AddDays(-HistoryDays);
        var thresholds = FarmingThresholds.FromStored(await db.GamificationConfigs.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == tenantId).Select(c => c.FarmingThresholdsJson).FirstOrDefaultAsync(ct));

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

        var candidates = FarmingDetector.Detect(events, windowStart, windowEnd, thresholds);
        if (candidates.Count == 0)
        {
            logger.LogInformation("Farming detection for tenant {TenantId} over {Days} days: {Events} events, no candidates", tenantId, days, events.Count);
            return new FarmingRun(0, 0);
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
                // Found again: counted as updated only when the evidence changed (a run over the same days finds the same).
                var end = candidate.WindowEnd > open.WindowEnd ? candidate.WindowEnd : open.WindowEnd;
                if (open.Evidence != evidence || open.DataJson != data || open.WindowEnd != end || Math.Abs(open.Score - candidate.Score) > 1e-9)
                {
                    open.Score = candidate.Score;
                    open.Evidence = evidence;
                    open.DataJson = data;
                    open.WindowEnd = end;
                    updated++;
                }
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
        return new FarmingRun(created, updated);
    }

    /// <summary>Detection for every active tenant (for the hourly job); a failing tenant is logged and skipped.</summary>
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

    /// <summary>The current tenant's detection thresholds.</summary>
    public async Task<FarmingThresholds> ThresholdsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return FarmingThresholds.FromStored(await StoredThresholdsAsync(db, ct));
    }

    /// <summary>
    /// Changes some of the current tenant's thresholds (by API name); the others keep their value. The next detection
    /// run uses them; flags already raised stay as they are. A concurrent change to other fields is kept, not overwritten.
    /// </summary>
    /// <exception cref="DomainException">A value is unknown, out of range or does not fit the others (400); nothing changed.</exception>
    public async Task<FarmingThresholds> UpdateThresholdsAsync(IReadOnlyDictionary<string, double> values, string? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(values);
        return await ChangeThresholdsAsync(current =>
        {
            var errors = FarmingThresholds.Check(current, values);
            if (errors.Count > 0)
            {
                throw new DomainException(DomainErrorKind.Validation, "The thresholds were not saved: fix the fields marked.",
                    errors.ToDictionary(e => e.Key, e => e.Value));
            }
            return current.With(values);
        }, userId, ct);
    }

    /// <summary>Puts every threshold of the current tenant back to its default.</summary>
    public Task<FarmingThresholds> ResetThresholdsAsync(string? userId, CancellationToken ct) =>
        ChangeThresholdsAsync(_ => FarmingThresholds.Default, userId, ct);

    private async Task<FarmingThresholds> ChangeThresholdsAsync(Func<FarmingThresholds, FarmingThresholds> change, string? userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        for (var attempt = 1; attempt <= ThresholdAttempts; attempt++)
        {
            if (!await db.GamificationConfigs.AnyAsync(ct))
            {
                throw DomainException.NotFound("The tenant's configuration");
            }
            var stored = await StoredThresholdsAsync(db, ct);
            var changed = change(FarmingThresholds.FromStored(stored));
            var next = changed.ToStored();
            // Compare and swap: written only when nobody changed the thresholds since they were read.
            var written = await db.AtomicallyAsync(async () =>
            {
                var rows = await db.GamificationConfigs.Where(c => c.FarmingThresholdsJson == stored)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.FarmingThresholdsJson, next), ct);
                if (rows > 0)
                {
                    db.Record(clock.GetUtcNow(), AuditKind.ThresholdsChanged, "fair_play_thresholds", null,
                        next is null ? "Reset the fair-play thresholds to their defaults" : "Changed the fair-play thresholds",
                        FarmingThresholds.FromStored(stored), changed, userId);
                }
                return rows;
            }, ct);
            if (written > 0)
            {
                logger.LogInformation("Farming thresholds changed by {UserId}: {Customized}", userId, next ?? "defaults");
                return changed;
            }
        }
        throw new DomainException(DomainErrorKind.Conflict, "The thresholds were being changed by someone else at the same moment; try again.");
    }

    private static Task<string?> StoredThresholdsAsync(GamificationDbContext db, CancellationToken ct) =>
        db.GamificationConfigs.AsNoTracking().Select(c => c.FarmingThresholdsJson).FirstOrDefaultAsync(ct);

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
        var decided = await db.AtomicallyAsync(async () =>
        {
            var rows = await db.FarmingFlags.Where(f => f.Id == id && f.Status == FarmingFlagStatus.Open)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(f => f.Status, decision)
                    .SetProperty(f => f.Note, trimmed)
                    .SetProperty(f => f.DecidedByUserId, userId)
                    .SetProperty(f => f.DecidedAt, now), ct);
            if (rows > 0)
            {
                var agent = await db.Users.Where(u => u.Id == flag.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? flag.UserId;
                db.Record(now, AuditKind.FlagDecided, "fair_play_flag", flag.Id.ToString(CultureInfo.InvariantCulture),
                    $"{(decision == FarmingFlagStatus.Dismissed ? "Dismissed" : "Confirmed")} the {SnakeCaseNames.NameOf(flag.Kind)} flag on {agent}",
                    new { Status = FarmingFlagStatus.Open }, new { Status = decision, Note = trimmed }, userId);
            }
            return rows;
        }, ct);
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
            x.Flag.Id, x.Flag.UserId, x.DisplayName ?? x.Flag.UserId, x.Flag.Kind, x.Flag.Score,
            FarmingEvidence.Localize(x.Flag.Kind, x.Flag.DataJson, x.Flag.Evidence), x.Flag.DataJson,
            x.Flag.WindowStart, x.Flag.WindowEnd, x.Flag.DetectedAt, x.Flag.Status, x.Flag.Note, x.Flag.DecidedAt, x.Flag.DecidedByUserId)).ToList();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
