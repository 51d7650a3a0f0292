namespace Gamification.Core.Notifications;

/// <summary>
/// The reminder pass (docs/rules.md, Reminders and celebrations): for each active tenant, the streak reminders due
/// this afternoon and the decay notices due in the next days (<see cref="NotificationRules"/>), each stored once and
/// pushed to the person's open pages. A job calls <see cref="SendDueAsync(CancellationToken)"/> every few minutes;
/// running it again, or on two instances at once, sends nothing twice (the unique index on person, kind and local day).
/// </summary>
public sealed class ReminderService(
    IDbContextFactory<GamificationDbContext> dbFactory,
    TimeProvider clock,
    ILogger<ReminderService> logger,
    INotificationPublisher? publisher = null)
{
    private readonly INotificationPublisher publisher = publisher ?? NullNotificationPublisher.Instance;

    /// <summary>Runs the pass for every active tenant; a tenant that fails is logged and the others go on. Returns how many notices were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            tenants = await db.Tenants.AsNoTracking().Where(t => t.IsActive).Select(t => t.Id).ToListAsync(ct);
        }
        var sent = 0;
        foreach (var tenantId in tenants)
        {
            try
            {
                var run = await SendDueAsync(tenantId, ct);
                sent += run.StreakReminders + run.DecayWarnings;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The reminder pass failed for tenant {TenantId}; the next pass retries", tenantId);
            }
        }
        return sent;
    }

    /// <summary>Sends one tenant's due notices now (those not sent already).</summary>
    public async Task<ReminderRun> SendDueAsync(Guid tenantId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (zone, config) = await TenantRules.LoadAsync(db, tenantId, ct);
        var today = zone.LocalDay(now);
        if (!config.Enabled)
        {
            return new ReminderRun(tenantId, today, 0, 0);
        }

        var candidates = new Dictionary<string, ReminderCandidate>(StringComparer.Ordinal);
        var people = from p in db.UserPoints.IgnoreQueryFilters().AsNoTracking()
                     join u in db.Users.IgnoreQueryFilters().AsNoTracking() on p.UserId equals u.Id
                     where p.TenantId == tenantId && u.TenantId == tenantId && u.IsActive
                     select new { p, u.StreakReminders };
        if (NotificationRules.IsStreakReminderTime(now, zone, config))
        {
            // Alive (active on the previous counting day at least) but not active today, and wanting the reminder.
            var since = PointsRules.PreviousCountingDay(today, config);
            var streaks = await people
                .Where(x => x.StreakReminders && x.p.StreakDays >= NotificationRules.MinStreakDays
                    && x.p.LastActiveDate >= since && x.p.LastActiveDate < today)
                .Select(x => new ReminderCandidate(x.p.UserId, true, x.StreakReminders, x.p.StreakDays, x.p.LastActiveDate,
                    x.p.LastActivityAt, x.p.LastDecayDate, x.p.CurrentPoints))
                .ToListAsync(ct);
            streaks.ForEach(c => candidates[c.UserId] = c);
        }
        if (config.PointsDecayPercent > 0 && config.DecayPeriodDays > 0)
        {
            // Decay is due NotificationRules.DecayNoticeDays days ahead or sooner when the last activity is that old.
            var idleSince = zone.DayStartUtc(today.AddDays(NotificationRules.DecayNoticeDays + 1 - config.DecayPeriodDays));
            var idle = await people
                .Where(x => x.p.CurrentPoints > 0 && x.p.LastActivityAt != null && x.p.LastActivityAt < idleSince)
                .Select(x => new ReminderCandidate(x.p.UserId, true, x.StreakReminders, x.p.StreakDays, x.p.LastActiveDate,
                    x.p.LastActivityAt, x.p.LastDecayDate, x.p.CurrentPoints))
                .ToListAsync(ct);
            idle.ForEach(c => candidates[c.UserId] = c);
        }
        if (candidates.Count == 0)
        {
            return new ReminderRun(tenantId, today, 0, 0);
        }

        var due = NotificationRules.Due(candidates.Values, now, zone, config);
        var userIds = due.Select(d => d.UserId).Distinct(StringComparer.Ordinal).ToList();
        var sentAlready = (await db.UserNotifications.IgnoreQueryFilters().AsNoTracking()
                .Where(n => n.TenantId == tenantId && n.LocalDate >= today && EF.Parameter(userIds).Contains(n.UserId))
                .Select(n => new { n.UserId, n.Kind, n.LocalDate })
                .ToListAsync(ct))
            .Select(n => (n.UserId, n.Kind, n.LocalDate))
            .ToHashSet();
        var rows = due.Where(d => !sentAlready.Contains((d.UserId, d.Kind, d.LocalDate)))
            .Select(d => new UserNotification
            {
                TenantId = tenantId,
                UserId = d.UserId,
                Kind = d.Kind,
                Title = d.Title,
                Text = d.Text,
                DataJson = JsonSerializer.Serialize(d.Data, PointsEngine.ResultJsonOptions),
                LocalDate = d.LocalDate,
                CreatedAt = now,
            })
            .ToList();
        var stored = await StoreAsync(db, rows, ct);
        foreach (var row in stored)
        {
            publisher.Publish(tenantId, row.UserId, NotificationView.From(row));
        }
        var run = new ReminderRun(tenantId, today,
            stored.Count(n => n.Kind == NotificationKind.StreakReminder), stored.Count(n => n.Kind == NotificationKind.DecayWarning));
        if (stored.Count > 0)
        {
            logger.LogInformation("Reminders for tenant {TenantId} on {Day}: {Streaks} streak reminders, {Decays} decay notices",
                tenantId, today, run.StreakReminders, run.DecayWarnings);
        }
        return run;
    }

    /// <summary>
    /// Stores the notices, all at once; when another pass stored some of them first (the unique index refuses the
    /// batch), one by one, leaving out those that are already there. Returns the ones this pass stored.
    /// </summary>
    private async Task<IReadOnlyList<UserNotification>> StoreAsync(GamificationDbContext db, List<UserNotification> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        try
        {
            db.UserNotifications.AddRange(rows);
            await db.SaveChangesAsync(ct);
            return rows;
        }
        catch (DbUpdateException ex)
        {
            logger.LogDebug(ex, "Another reminder pass stored some of these notices first; storing the rest one by one");
            db.ChangeTracker.Clear();
        }
        var stored = new List<UserNotification>();
        foreach (var row in rows)
        {
            row.Id = 0;
            db.UserNotifications.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                stored.Add(row);
            }
            catch (DbUpdateException)
            {
                // Already sent (by the other pass), or the person is gone: not sent again.
                db.ChangeTracker.Clear();
            }
        }
        return stored;
    }
}
