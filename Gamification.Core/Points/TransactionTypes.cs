namespace Gamification.Core.Points;

/// <summary>
/// What each ledger entry type means for balances, boards and the database (RULES.md, Balances and the ledger;
/// Leaderboards): one table, read by the unit of work, the ledger check, the leaderboards and the unique index on
/// <c>point_transactions</c>, so that no other place lists types.
/// </summary>
public static class TransactionTypes
{
    /// <param name="Type">The entry type.</param>
    /// <param name="Earns">Earned points: a positive entry adds to lifetime points and can level up.</param>
    /// <param name="CountsTowardLifetime">Moves lifetime points by its amount (earnings up, revocations down).</param>
    /// <param name="CountsOnBoards">Moves the person's leaderboard scores by its amount.</param>
    /// <param name="HasUniqueSource">Paid at most once per (user, source): the filtered unique index covers it.</param>
    private sealed record Facts(TransactionType Type, bool Earns, bool CountsTowardLifetime, bool CountsOnBoards, bool HasUniqueSource);

    // The rows with a unique source come first, in the order the unique index's filter names them: the filter is
    // built from this order, and changing it changes the index's SQL (a migration for every database).
    private static readonly Facts[] Table =
    [
        //                                 earns  lifetime boards unique source
        new(TransactionType.BadgeReward,      true,  true,    true,  true),
        new(TransactionType.ChallengeReward,  true,  true,    true,  true),
        new(TransactionType.LevelUp,          true,  true,    true,  true),
        new(TransactionType.Activity,         true,  true,    true,  true),
        new(TransactionType.Decay,            false, false,   false, true),
        new(TransactionType.AdminAward,       true,  true,    true,  false),
        new(TransactionType.AdminRevoke,      false, true,    true,  false),
        new(TransactionType.Redemption,       false, false,   false, false),
        new(TransactionType.RedemptionRefund, false, false,   false, false),
    ];

    // By the enum's value, for lookups on every posted entry.
    private static readonly Facts[] ByType = Table.OrderBy(f => (int)f.Type).ToArray();

    private static Facts Of(TransactionType type) =>
        (int)type >= 0 && (int)type < ByType.Length && ByType[(int)type].Type == type
            ? ByType[(int)type]
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a ledger entry type.");

    /// <summary>Earned points (activity, badge and challenge rewards, level-ups, admin awards): a positive entry can level up.</summary>
    public static bool IsEarning(TransactionType type) => Of(type).Earns;

    /// <summary>Moves lifetime points: earnings add, admin revocations take away; spending and decay do not.</summary>
    public static bool CountsTowardLifetime(TransactionType type) => Of(type).CountsTowardLifetime;

    /// <summary>Takes lifetime points back (an admin revocation): counts toward lifetime without being earned.</summary>
    public static bool TakesBackLifetime(TransactionType type) => CountsTowardLifetime(type) && !IsEarning(type);

    /// <summary>Moves leaderboard scores: earnings add and revocations take away; redemptions and decay do not count.</summary>
    public static bool CountsOnBoards(TransactionType type) => Of(type).CountsOnBoards;

    /// <summary>Paid at most once per user and source (a badge, a challenge window, a level, an event, a decay period).</summary>
    public static bool HasUniqueSource(TransactionType type) => Of(type).HasUniqueSource;

    /// <summary>The types that count on leaderboards (<see cref="CountsOnBoards"/>), for queries.</summary>
    public static IReadOnlyList<TransactionType> OnBoards { get; } = ByType.Where(f => f.CountsOnBoards).Select(f => f.Type).ToArray();

    /// <summary>The types whose source is unique per user (<see cref="HasUniqueSource"/>), in the unique index's order.</summary>
    public static IReadOnlyList<TransactionType> WithUniqueSource { get; } = Table.Where(f => f.HasUniqueSource).Select(f => f.Type).ToArray();

    /// <summary>
    /// The filter of the unique index on (tenant, user, type, source): entries with a source whose type is in
    /// <see cref="WithUniqueSource"/> (types are stored by name).
    /// </summary>
    public static string UniqueSourceIndexFilter { get; } =
        $"source_id IS NOT NULL AND type IN ({string.Join(",", WithUniqueSource.Select(t => $"'{t}'"))})";
}
