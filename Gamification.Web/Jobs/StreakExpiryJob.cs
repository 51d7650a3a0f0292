using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>Checks every minute whether a tenant's local day moved on and, if so, ends the streaks of agents who missed a day (RULES.md, Streaks).</summary>
[DisallowConcurrentExecution]
public sealed class StreakExpiryJob(IServiceScopeFactory scopes, ILogger<StreakExpiryJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunDueAsync(scopes, logger, DailyJobNames.StreakExpiry, cancellationToken);
}
