using System.Data;

namespace Gamification.Core.Disputes;

/// <summary>
/// Agents dispute a ledger entry or report missing credit; supervisors and admins answer (docs/rules.md, Disputes).
/// Works in the current tenant (the context factory's tenant filter); another tenant's dispute is not found.
/// </summary>
public sealed class DisputeService(IDbContextFactory<GamificationDbContext> dbFactory, PointsEngine engine, TimeProvider clock, ILogger<DisputeService> logger)
{
    /// <summary>
    /// Files a dispute for <paramref name="userId"/>. The message is required (1-1,000 characters, no control characters);
    /// a transaction id must be one of the agent's own entries; an event id is free text up to 128 characters. An agent
    /// with <see cref="DisputeRules.MaxOpenPerAgent"/> disputes waiting is refused (409) and nothing is stored.
    /// </summary>
    /// <exception cref="DomainException">Validation (400) or the open-disputes limit (409).</exception>
    public async Task<DisputeView> FileAsync(string userId, DisputeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        var message = input.Message?.Trim() ?? "";
        if (message.Length == 0)
        {
            errors["message"] = ["Say what is wrong: the message is required."];
        }
        else if (message.Length > DisputeRules.MaxMessageLength)
        {
            errors["message"] = [$"The message is longer than {DisputeRules.MaxMessageLength} characters."];
        }
        else if (!TextRules.IsCleanText(message))
        {
            errors["message"] = [TextRules.TextMessage];
        }
        var eventId = string.IsNullOrWhiteSpace(input.EventId) ? null : input.EventId.Trim();
        if (eventId is { Length: > DisputeRules.MaxEventIdLength })
        {
            errors["event_id"] = [$"An event id is at most {DisputeRules.MaxEventIdLength} characters."];
        }
        else if (eventId is not null && !TextRules.IsCleanName(eventId))
        {
            errors["event_id"] = [TextRules.NameMessage];
        }
        DomainException.ThrowIfInvalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (input.TransactionId is { } transactionId
            && !await db.PointTransactions.AnyAsync(t => t.Id == transactionId && t.UserId == userId, ct))
        {
            // The same answer whether the entry is someone else's or does not exist: nothing leaks.
            throw DomainException.Invalid("transaction_id", "This is not one of your ledger entries.");
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // Count and insert in one serializable transaction, so that two filings at once cannot both be the third.
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var waiting = await db.Disputes.CountAsync(d => d.UserId == userId
                && (d.Status == DisputeStatus.Open || d.Status == DisputeStatus.Escalated), ct);
            if (waiting >= DisputeRules.MaxOpenPerAgent)
            {
                throw new DomainException(DomainErrorKind.Conflict,
                    $"You already have {waiting} open disputes (at most {DisputeRules.MaxOpenPerAgent}); wait for an answer before filing another.");
            }
            var dispute = new Dispute
            {
                TenantId = db.TenantId,
                UserId = userId,
                TransactionId = input.TransactionId,
                EventId = eventId,
                Message = message,
                Status = DisputeStatus.Open,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Disputes.Add(dispute);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Dispute {DisputeId} filed by user {UserId} in tenant {TenantId}", dispute.Id, userId, db.TenantId);
            return DisputeView.From(dispute);
        });
    }

    /// <summary>The agent's own disputes, newest first.</summary>
    public async Task<IReadOnlyList<DisputeView>> ListOwnAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Disputes.AsNoTracking().Where(d => d.UserId == userId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).ToListAsync(ct);
        return rows.Select(DisputeView.From).ToList();
    }

    /// <summary>
    /// The tenant's disputes of a status (waiting ones, open and escalated, when none is given), oldest first, each with
    /// the agent's name and the contested entry.
    /// </summary>
    public async Task<IReadOnlyList<DisputeQueueItem>> QueueAsync(DisputeStatus? status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = db.TenantId;
        var zoneId = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.TimeZoneId).FirstOrDefaultAsync(ct) ?? "UTC";
        var zone = TenantClock.For(zoneId);
        var disputes = db.Disputes.AsNoTracking();
        disputes = status is { } s
            ? disputes.Where(d => d.Status == s)
            : disputes.Where(d => d.Status == DisputeStatus.Open || d.Status == DisputeStatus.Escalated);
        var rows = await (
                from d in disputes
                join u in db.Users on d.UserId equals u.Id
                join t in db.PointTransactions on d.TransactionId equals (long?)t.Id into ts
                from t in ts.DefaultIfEmpty()
                orderby d.CreatedAt, d.Id
                select new { Dispute = d, u.DisplayName, Entry = t })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var d = r.Dispute;
            var t = r.Entry;
            var entry = t is null ? null : new TransactionView(t.Id, t.CreatedAt, zone.ToLocal(t.CreatedAt).DateTime, t.LocalDate, t.Type,
                t.Points, t.BasePoints, t.Multiplier, t.StreakMultiplier, t.Bonus, t.UncappedPoints, t.Reason, t.SourceType, t.SourceId);
            return new DisputeQueueItem(d.Id, d.Status, d.UserId, r.DisplayName, d.TransactionId, d.EventId, d.Message, d.CreatedAt,
                d.Note, d.DecidedAt, d.DecidedByUserId, d.PointsAwarded, entry);
        }).ToList();
    }

    /// <summary>
    /// Answers a waiting dispute. Supervisors accept (without points), reject (a note is required) or escalate an open
    /// dispute; an escalated one waits for an admin. Only admins accept with points: one admin award whose ledger source
    /// is the dispute, written with the decision in one unit, so the dispute is paid once however many accept it at once.
    /// The agent is told live.
    /// </summary>
    /// <exception cref="DomainException">Bad decision (400), not in the tenant (404), not allowed (403), already decided (409).</exception>
    public async Task<DisputeView> ResolveAsync(long disputeId, DisputeResolution resolution, string? deciderUserId, bool isAdmin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var note = string.IsNullOrWhiteSpace(resolution.Note) ? null : resolution.Note.Trim();
        if (resolution.Decision == DisputeDecision.Rejected && note is null)
        {
            throw DomainException.Invalid("note", "Give a note for the rejection; the agent sees it.");
        }
        if (note is { Length: > DisputeRules.MaxNoteLength })
        {
            throw DomainException.Invalid("note", $"The note is longer than {DisputeRules.MaxNoteLength} characters.");
        }
        if (note is not null && !TextRules.IsCleanText(note))
        {
            throw DomainException.Invalid("note", TextRules.TextMessage);
        }
        if (resolution.Points is { } p)
        {
            if (resolution.Decision != DisputeDecision.Accepted)
            {
                throw DomainException.Invalid("points", "Points are paid only when a dispute is accepted.");
            }
            if (p < 1 || p > PointsEngine.MaxAdminPoints)
            {
                throw DomainException.Invalid("points", $"Points must be between 1 and {PointsEngine.MaxAdminPoints:N0}.");
            }
        }
        var paying = resolution.Points is not null;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = db.TenantId;
        var dispute = await db.Disputes.AsNoTracking().FirstOrDefaultAsync(d => d.Id == disputeId, ct)
            ?? throw DomainException.NotFound("The dispute");
        if (!DisputeRules.IsWaiting(dispute.Status))
        {
            throw AlreadyDecided(dispute.Status);
        }
        if (paying && !isAdmin)
        {
            throw new DomainException(DomainErrorKind.Forbidden, "Only an admin may accept a dispute with points.");
        }
        if (dispute.Status == DisputeStatus.Escalated && !isAdmin)
        {
            throw new DomainException(DomainErrorKind.Forbidden, "This dispute was escalated: it waits for an admin.");
        }
        if (dispute.Status == DisputeStatus.Escalated && resolution.Decision == DisputeDecision.Escalated)
        {
            throw new DomainException(DomainErrorKind.Conflict, "This dispute is already escalated.");
        }
        var status = resolution.Decision switch
        {
            DisputeDecision.Accepted => DisputeStatus.Accepted,
            DisputeDecision.Rejected => DisputeStatus.Rejected,
            _ => DisputeStatus.Escalated,
        };
        var from = dispute.Status;

        if (paying)
        {
            var points = resolution.Points!.Value;
            await engine.Units.RunAsync(tenantId, [dispute.UserId], async (unit, ct2) =>
            {
                var user = unit.Require(dispute.UserId);
                // The decision and the award in one transaction: only a still-waiting dispute is decided, and the
                // unique index on (tenant, source type, source id) refuses a second award for the same dispute.
                if (await DecideAsync(unit.Db, tenantId, disputeId, from, status, note, unit.Now, deciderUserId, points, ct2) == 0)
                {
                    throw new DomainException(DomainErrorKind.Conflict, "This dispute was decided meanwhile.");
                }
                var entry = new PointTransaction
                {
                    Type = TransactionType.AdminAward,
                    BasePoints = (int)points,
                    UncappedPoints = points,
                    Points = points,
                    Reason = DisputeRules.AwardReason(disputeId, note),
                    SourceType = TransactionSource.Dispute,
                    SourceId = disputeId.ToString(CultureInfo.InvariantCulture),
                    CreatedByUserId = deciderUserId,
                    LocalDate = unit.Today,
                };
                unit.Post(user, entry);
                unit.RequireId(entry);
                await unit.OnAwardAsync(user, ct2);
                unit.Audit(() => unit.Db.NewAuditEntry(unit.Now, AuditKind.DisputeDecided, "dispute", disputeId.ToString(CultureInfo.InvariantCulture),
                    $"Accepted {user.DisplayName}'s dispute #{disputeId} with {points:N0} points (entry #{entry.Id})",
                    new { Status = from, dispute.Note }, new { Status = status, Note = note, PointsAwarded = points }, deciderUserId, tenantId));
                return true;
            }, ct);
        }
        else
        {
            var decidedNow = await db.AtomicallyAsync(async () =>
            {
                var now = clock.GetUtcNow();
                var rows = await DecideAsync(db, tenantId, disputeId, from, status, note, now, deciderUserId, null, ct);
                if (rows > 0)
                {
                    var agent = await db.Users.Where(u => u.Id == dispute.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? dispute.UserId;
                    var verb = status switch { DisputeStatus.Accepted => "Accepted", DisputeStatus.Rejected => "Rejected", _ => "Escalated" };
                    db.Record(now, AuditKind.DisputeDecided, "dispute", disputeId.ToString(CultureInfo.InvariantCulture),
                        $"{verb} {agent}'s dispute #{disputeId}{(note is null ? "" : $": {note}")}",
                        new { Status = from, dispute.Note }, new { Status = status, Note = note }, deciderUserId, tenantId);
                }
                return rows;
            }, ct);
            if (decidedNow == 0)
            {
                throw new DomainException(DomainErrorKind.Conflict, "This dispute was decided meanwhile.");
            }
            if (status != DisputeStatus.Escalated)
            {
                await engine.NotifyAsync(tenantId, dispute.UserId, status == DisputeStatus.Accepted
                    ? $"Your dispute #{disputeId} was accepted"
                    : $"Your dispute #{disputeId} was rejected: {note}", ct);
            }
        }
        logger.LogInformation("Dispute {DisputeId} in tenant {TenantId} {Decision} by user {UserId}", disputeId, tenantId, status, deciderUserId);
        var decided = await db.Disputes.AsNoTracking().FirstAsync(d => d.Id == disputeId, ct);
        return DisputeView.From(decided);
    }

    /// <summary>Moves the dispute from the status it was read in to its decision; 0 when someone decided it meanwhile.</summary>
    private static Task<int> DecideAsync(GamificationDbContext db, Guid tenantId, long disputeId, DisputeStatus from, DisputeStatus to,
        string? note, DateTimeOffset now, string? deciderUserId, long? points, CancellationToken ct) =>
        db.Disputes.IgnoreQueryFilters()
            .Where(d => d.TenantId == tenantId && d.Id == disputeId && d.Status == from)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, to)
                .SetProperty(d => d.Note, note)
                .SetProperty(d => d.DecidedAt, now)
                .SetProperty(d => d.DecidedByUserId, deciderUserId)
                .SetProperty(d => d.PointsAwarded, points), ct);

    private static DomainException AlreadyDecided(DisputeStatus status) =>
        new(DomainErrorKind.Conflict, $"This dispute is already {status.ToString().ToLowerInvariant()}; it cannot be decided again.");
}
