namespace Gamification.Core.Points;

/// <summary>
/// A feature that takes part in a unit of work (badges, challenges). The unit calls its evaluators in order after
/// every change they can react to, inside its transaction, and has them write their rows when it flushes. An
/// evaluator moves points only through the <see cref="IUnitLedger"/> it was created with. One instance per unit, so it
/// may keep what it read.
/// </summary>
internal interface IUnitEvaluator
{
    /// <summary>Whether it has rows to write.</summary>
    bool HasChanges { get; }

    /// <summary>
    /// The local days of the events the unit is about to record, named before the first is scored, so that what they
    /// need can be read in one query.
    /// </summary>
    void ExpectEventDays(IReadOnlyCollection<DateOnly> days);

    /// <summary>An activity event was scored for <paramref name="user"/>: <paramref name="awarded"/> points on local day <paramref name="day"/>.</summary>
    Task OnActivityAsync(UserState user, ActivityInput input, DateTimeOffset occurredAt, DateOnly day, long awarded, CancellationToken ct);

    /// <summary>Points were awarded to <paramref name="user"/> outside activity (an admin award, a reward).</summary>
    Task OnAwardAsync(UserState user, CancellationToken ct);

    /// <summary>Writes its rows in the unit's transaction (before the balances; a stale row fails the unit, which is retried).</summary>
    Task FlushAsync(GamificationDbContext db, CancellationToken ct);

    /// <summary>
    /// The unit committed: what the evaluator read and wrote is now the database's, and it may hand it to the instance's
    /// <see cref="UnitMemory"/> (<see cref="IUnitLedger.Memory"/>) so the next unit need not read it again.
    /// </summary>
    void OnCommitted();
}

/// <summary>
/// What an evaluator may do to its unit: read the unit's tenant, time and users, take in more users (their balance rows
/// locked as the first ones were), pay rewards into the ledger and record achievements. The narrow side of
/// <see cref="LedgerUnit"/>: no engine, no other kind of entry, no flushing, no committing.
/// </summary>
internal interface IUnitLedger
{
    /// <summary>The unit's context, for reads inside its transaction; rows are written by the unit or at the evaluator's flush.</summary>
    GamificationDbContext Db { get; }

    Guid TenantId { get; }

    DateTimeOffset Now { get; }

    /// <summary>The tenant-local day of <see cref="Now"/>: the day rewards count on.</summary>
    DateOnly Today { get; }

    TenantClock Clock { get; }

    /// <summary>The tenant's rules, read in the unit's transaction.</summary>
    GamificationConfig Config { get; }

    /// <summary>The users the unit holds.</summary>
    IEnumerable<string> UserIds { get; }

    /// <summary>What this instance's units remember of their users between units (null: every unit reads what it needs).</summary>
    UnitMemory? Memory { get; }

    /// <summary>A user the unit holds, or null.</summary>
    UserState? Find(string userId);

    /// <summary>Takes in more users mid-unit (a team challenge pays every member): locks their balance rows and loads them.</summary>
    Task AddUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken ct);

    /// <summary>
    /// Pays a reward (a badge's, a challenge window's) as a ledger entry on the unit's local day: not capped, no
    /// multiplier, once per <paramref name="sourceId"/> (the ledger's unique index). It moves the user's balances,
    /// boards and level like any entry.
    /// </summary>
    void PostReward(UserState user, TransactionType type, int points, string reason, TransactionSource source, string sourceId, string? createdByUserId = null);

    /// <summary>Records an achievement event (the feed the dashboards read).</summary>
    void AddAchievement(UserState user, AchievementKind kind, string title, object data);
}
