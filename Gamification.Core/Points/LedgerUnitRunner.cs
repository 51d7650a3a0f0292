namespace Gamification.Core.Points;

/// <summary>
/// Runs units of work (<see cref="LedgerUnit"/>): a fresh context, a transaction, the users' balance rows locked and
/// loaded, the work, then everything flushed and committed when the work changed something. A write conflict retries
/// the whole unit on a fresh context. Once committed, what the unit changed is published to the notifier. The engine
/// and the features that move points (badges awarded by hand or by rank, redemptions) all run their units here.
/// </summary>
internal sealed class LedgerUnitRunner(
    IDbContextFactory<GamificationDbContext> dbFactory,
    TimeProvider clock,
    ILogger logger,
    IPointsNotifier notifier,
    Func<IUnitLedger, IReadOnlyList<IUnitEvaluator>> evaluators,
    LeaderboardCache? boards = null,
    UnitMemory? memory = null)
{
    private const int MaxAttempts = 8;

    /// <summary>Contexts for reads outside a unit (they see every tenant: filter by the tenant explicitly).</summary>
    public IDbContextFactory<GamificationDbContext> DbFactory => dbFactory;

    public TimeProvider Clock => clock;

    /// <summary>The engine's log, for the features that run units (their lines keep the engine's category).</summary>
    public ILogger Logger => logger;

    /// <summary>Test seam: runs inside each unit just before the balances are written (to play a second writer).</summary>
    public Func<GamificationDbContext, CancellationToken, Task>? BeforeWrite { get; set; }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit for <paramref name="userIds"/>; commits when the work says it changed
    /// something (and it did), rolls back otherwise, and then publishes what to tell the users.
    /// </summary>
    public async Task RunAsync(
        Guid tenantId, IReadOnlyCollection<string> userIds, Func<LedgerUnit, CancellationToken, Task<bool>> work, CancellationToken ct)
    {
        var (notifications, change) = await CommitAsync(tenantId, userIds, work, ct);
        if (change is not null)
        {
            // Committed: this instance's boards take the unit's deltas instead of reading the board again.
            boards!.Apply(change);
        }
        Publish(notifications);
    }

    private async Task<(IReadOnlyList<PointsNotification> Notifications, BoardChange? Change)> CommitAsync(
        Guid tenantId, IReadOnlyCollection<string> userIds, Func<LedgerUnit, CancellationToken, Task<bool>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var strategy = db.Database.CreateExecutionStrategy();
                return await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    var unit = await LedgerUnit.OpenAsync(db, tenantId, clock.GetUtcNow(), userIds, evaluators, memory, ct);
                    unit.BeforeWrite = BeforeWrite;
                    unit.ReadsBoardVersion = boards is not null;
                    if (!await work(unit, ct) || !unit.HasChanges)
                    {
                        await tx.RollbackAsync(ct);
                        return ((IReadOnlyList<PointsNotification>)[], (BoardChange?)null);
                    }
                    await unit.FlushAsync(ct);
                    await tx.CommitAsync(ct);
                    unit.Committed();
                    return (unit.Notifications(), unit.BoardChange());
                });
            }
            catch (Exception ex) when (attempt < MaxAttempts && SqlDialect.IsWriteConflict(ex))
            {
                // Something changed that this instance did not see: the retry reads its users' rows again.
                memory?.ForgetTenant(tenantId);
                logger.LogInformation(
                    "Write conflict for users {UserIds} in tenant {TenantId} (attempt {Attempt}); retrying",
                    string.Join(",", userIds.Take(5)), tenantId, attempt);
                // A short random pause so that colliding writers do not collide again in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), ct);
            }
        }
    }

    /// <summary>Tells the notifier about committed changes; a subscriber's failure is logged, never thrown.</summary>
    public void Publish(IReadOnlyList<PointsNotification> notifications)
    {
        foreach (var n in notifications)
        {
            try
            {
                notifier.Publish(n);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A notification is a courtesy; the change is committed whatever a subscriber does.
                logger.LogWarning(ex, "Publishing a points notification for user {UserId} failed", n.UserId);
            }
        }
    }
}
