namespace Gamification.Tests.Points;

/// <summary>The one table of what each ledger entry type means (RULES.md, Balances and the ledger; Leaderboards).</summary>
public sealed class TransactionTypesTests
{
    [Theory]
    [InlineData(TransactionType.Activity, true, true, true, true)]
    [InlineData(TransactionType.BadgeReward, true, true, true, true)]
    [InlineData(TransactionType.ChallengeReward, true, true, true, true)]
    [InlineData(TransactionType.LevelUp, true, true, true, true)]
    [InlineData(TransactionType.AdminAward, true, true, true, false)]
    [InlineData(TransactionType.AdminRevoke, false, true, true, false)]
    [InlineData(TransactionType.Decay, false, false, false, true)]
    [InlineData(TransactionType.Redemption, false, false, false, false)]
    [InlineData(TransactionType.RedemptionRefund, false, false, false, false)]
    public void Each_entry_type_says_whether_it_earns_moves_lifetime_counts_on_boards_and_has_a_unique_source(
        TransactionType type, bool earns, bool lifetime, bool boards, bool uniqueSource)
    {
        Assert.Equal(earns, TransactionTypes.IsEarning(type));
        Assert.Equal(lifetime, TransactionTypes.CountsTowardLifetime(type));
        Assert.Equal(boards, TransactionTypes.CountsOnBoards(type));
        Assert.Equal(uniqueSource, TransactionTypes.HasUniqueSource(type));
        // Only a revocation takes lifetime points back.
        Assert.Equal(type == TransactionType.AdminRevoke, TransactionTypes.TakesBackLifetime(type));
    }

    [Fact]
    public void Every_entry_type_has_a_row_and_nothing_else_does()
    {
        // Nine types, as the theory above lists them: a new type must be added to the table (and to the theory).
        Assert.Equal(9, Enum.GetValues<TransactionType>().Length);
        Assert.All(Enum.GetValues<TransactionType>(), t => TransactionTypes.IsEarning(t));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionTypes.IsEarning((TransactionType)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionTypes.CountsOnBoards((TransactionType)(-1)));
    }

    [Fact]
    public void The_lists_for_queries_and_the_unique_index_come_from_the_table()
    {
        Assert.Equal(
            [TransactionType.Activity, TransactionType.BadgeReward, TransactionType.ChallengeReward, TransactionType.LevelUp,
                TransactionType.AdminAward, TransactionType.AdminRevoke],
            TransactionTypes.OnBoards);
        // In the order the index has named them since the first migration.
        Assert.Equal(
            [TransactionType.BadgeReward, TransactionType.ChallengeReward, TransactionType.LevelUp, TransactionType.Activity, TransactionType.Decay],
            TransactionTypes.WithUniqueSource);
        Assert.Equal("source_id IS NOT NULL AND type IN ('BadgeReward','ChallengeReward','LevelUp','Activity','Decay')",
            TransactionTypes.UniqueSourceIndexFilter);
    }
}
