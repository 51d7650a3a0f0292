namespace Gamification.Core.Notifications;

/// <summary>
/// An agent's balances changed (an award, a revocation, decay, a streak ending...). Published after the change
/// is committed, so a subscriber that reads the database sees it.
/// </summary>
/// <param name="DailyPoints">Activity points earned on the tenant's current local day.</param>
/// <param name="LevelUp">The new level when this change levelled the agent up (the highest, when chained), else null.</param>
/// <param name="Message">A short human description of what happened ("Perfect call (5★): +30"), for people; code reads the entry fields.</param>
/// <param name="Achievements">Badges earned and challenges completed in this change, in order (null or empty when none).</param>
/// <param name="EntryType">The type of the ledger entry the change is told by (null when the change wrote none, such as a streak ending).</param>
/// <param name="EntryPoints">That entry's points (30; -240 for a redemption; 0 when capped or when there is no entry).</param>
/// <param name="EntryReason">That entry's reason ("Perfect call (5★)", "daily cap reached"; null when there is no entry).</param>
public sealed record PointsNotification(
    Guid TenantId,
    string UserId,
    long CurrentPoints,
    long LifetimePoints,
    int DailyPoints,
    int DailyCap,
    int StreakDays,
    int Level,
    int? LevelUp,
    long PointsDelta,
    string Message,
    IReadOnlyList<AchievementNotice>? Achievements = null,
    Points.TransactionType? EntryType = null,
    long EntryPoints = 0,
    string? EntryReason = null);

/// <summary>Receives committed point changes (the web app pushes them to the agent's open pages).</summary>
public interface IPointsNotifier
{
    void Publish(PointsNotification notification);
}

/// <summary>Publishes nowhere: for tools, tests and the seeder.</summary>
public sealed class NullPointsNotifier : IPointsNotifier
{
    public static readonly NullPointsNotifier Instance = new();

    public void Publish(PointsNotification notification)
    {
    }
}
