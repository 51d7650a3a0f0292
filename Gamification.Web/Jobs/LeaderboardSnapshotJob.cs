using Gamification.Core.Jobs;

using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Checks every minute which leaderboard snapshots are due by the guide's cadence (daily board hourly, weekly every
/// 6 hours, monthly and all-time daily) and takes them for every tenant (RULES.md, Leaderboards).
/// </summary>
[DisallowConcurrentExecution]
public sealed class LeaderboardSnapshotJob(IServiceScopeFactory scopes, ILogger<LeaderboardSnapshotJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var taken = await scope.ServiceProvider.GetRequiredService<DailyJobs>().SnapshotDueAsync(cancellationToken);
            if (taken > 0)
            {
                logger.LogInformation("Took {Count} leaderboard snapshot(s)", taken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Leaderboard snapshots stopped by shutdown");
        }
        catch (Exception ex)
        {
            // The scheduler keeps going; the next check retries (a snapshot not taken is still due).
            logger.LogError(ex, "Leaderboard snapshots failed; they will be retried on the next check");
        }
    }
}
