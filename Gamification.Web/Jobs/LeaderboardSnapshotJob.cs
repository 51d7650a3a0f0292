using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Checks every minute which leaderboard snapshots are due by the guide's cadence (daily board hourly, weekly every
/// 6 hours, monthly and all-time daily) and takes them for every tenant (RULES.md, Leaderboards).
/// </summary>
[DisallowConcurrentExecution]
public sealed class LeaderboardSnapshotJob(IServiceScopeFactory scopes, ILogger<LeaderboardSnapshotJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunAsync(scopes, logger, "leaderboard-snapshots", async (services, ct) =>
        {
            var taken = await services.GetRequiredService<DailyJobs>().SnapshotDueAsync(ct);
            if (taken > 0)
            {
                logger.LogInformation("Took {Count} leaderboard snapshot(s)", taken);
            }
        }, cancellationToken);
}
