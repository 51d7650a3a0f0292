namespace Gamification.Core.Points;

/// <summary>One activity event as the call-center platform reports it.</summary>
/// <param name="EventId">The caller's id for the event, unique per tenant: the same id twice awards once.</param>
/// <param name="UserId">The agent's user id in this tenant.</param>
/// <param name="OccurredAt">When it happened; it counts on the tenant-local day of this instant.</param>
/// <param name="Rating">1-5; a completed call rated 5 is a perfect call.</param>
public sealed record ActivityInput(
    string EventId,
    ActivityType Type,
    string UserId,
    DateTimeOffset OccurredAt,
    int? Rating = null,
    int? DurationSeconds = null,
    string? LeadId = null,
    string? MetadataJson = null);

public enum ActivityStatus
{
    /// <summary>Awarded in full.</summary>
    Awarded,
    /// <summary>Cut by the daily cap, possibly to 0 ("daily cap reached").</summary>
    Capped,
    /// <summary>The event id was seen before: nothing changed, the first result is repeated.</summary>
    Duplicate,
}

/// <summary>The answer to an activity event; stored with the event and repeated verbatim (as Duplicate) for a repeat.</summary>
/// <param name="PointsAwarded">Activity points credited for this event (level-up bonuses not included).</param>
/// <param name="LevelUp">The level reached if the event levelled the agent up (the highest, when chained), else null.</param>
/// <param name="DailyPoints">Activity points on the event's local day after this event, out of the daily cap.</param>
/// <param name="CurrentPoints">The agent's spendable balance after this event, including level-up bonuses.</param>
/// <param name="StreakDays">The agent's streak after this event.</param>
public sealed record ActivityResult(
    string EventId,
    ActivityStatus Status,
    long PointsAwarded,
    ActivityAward Award,
    int? LevelUp,
    int DailyPoints,
    long CurrentPoints,
    int StreakDays);

/// <summary>
/// An activity event the rules refuse (too old, in the future, a rating outside 1-5, an unknown agent...).
/// Nothing was stored. The message names the problem for the integrator who sent it.
/// </summary>
public sealed class ActivityRejectedException(string field, string message)
    : DomainException(DomainErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] })
{
    /// <summary>The input field at fault, in the API's snake_case (e.g. "occurred_at").</summary>
    public string Field { get; } = field;
}

/// <summary>The result of proving the stored balances against the ledger (RULES.md, Balances and the ledger).</summary>
public sealed record BalanceCheck(Guid TenantId, int UsersChecked, int TransactionsChecked, IReadOnlyList<BalanceMismatch> Mismatches)
{
    public bool IsClean => Mismatches.Count == 0;
}

/// <summary>A user whose stored balances differ from what the ledger says.</summary>
public sealed record BalanceMismatch(string UserId, long StoredCurrent, long LedgerCurrent, long StoredLifetime, long LedgerLifetime);

/// <summary>The outcome of one item of a batch: its result, or why it was refused (nothing stored for it).</summary>
public sealed record ActivityOutcome(int Index, string EventId, ActivityResult? Result, DomainException? Error)
{
    public bool Succeeded => Result is not null;
}

/// <summary>
/// Points granted outside activity (RULES.md: badge, challenge and level rewards are not capped and get no multiplier).
/// </summary>
/// <param name="Type"><see cref="TransactionType.BadgeReward"/>, <see cref="TransactionType.ChallengeReward"/> or <see cref="TransactionType.AdminAward"/>.</param>
/// <param name="SourceId">The badge id, challenge id + window, or null for an admin award. A badge or challenge source is paid once per user.</param>
/// <param name="CreatedByUserId">The admin who granted it, if any.</param>
public sealed record PointsGrant(
    string UserId,
    TransactionType Type,
    long Points,
    string Reason,
    string? SourceId = null,
    string? CreatedByUserId = null);

/// <summary>The result of an award, a revocation or another non-activity ledger entry.</summary>
/// <param name="TransactionId">The ledger entry written (0 when <paramref name="AlreadyApplied"/>).</param>
/// <param name="Points">What the entry credited (negative for a revocation).</param>
/// <param name="LevelUp">The highest level reached because of it, or null.</param>
/// <param name="AlreadyApplied">The source had been paid before: nothing changed.</param>
public sealed record PointsChange(
    string UserId,
    long TransactionId,
    long Points,
    string Reason,
    long CurrentPoints,
    long LifetimePoints,
    int Level,
    int? LevelUp,
    bool AlreadyApplied = false);

/// <summary>What a decay run did for one tenant.</summary>
public sealed record DecayRun(Guid TenantId, DateOnly LocalDay, int UsersDecayed, long PointsRemoved);

/// <summary>What a streak-expiry run did for one tenant.</summary>
public sealed record StreakExpiryRun(Guid TenantId, DateOnly LocalDay, int StreaksEnded);
