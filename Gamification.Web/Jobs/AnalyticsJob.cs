using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Every few minutes: rolls up each tenant's recent local days into the dashboards' daily aggregates. Idempotent (a
/// day is rebuilt whole), so a second instance or a retry does no harm.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AnalyticsJob(IServiceScopeFactory scopes, ILogger<AnalyticsJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunAsync(scopes, logger, "analytics",
            (services, ct) => services.GetRequiredService<AnalyticsRollup>().RollUpRecentAsync(ct), cancellationToken);
}

/// <summary>
/// Every hour: looks for point farming over each tenant's last two weeks (<see cref="FarmingService.DetectAllAsync"/>).
/// A flag is kept once per agent, kind and window; decided flags are never reopened.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FarmingJob(IServiceScopeFactory scopes, ILogger<FarmingJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunAsync(scopes, logger, "farming", async (services, ct) =>
        {
            var flagged = await services.GetRequiredService<FarmingService>().DetectAllAsync(ct);
            if (flagged > 0)
            {
                logger.LogInformation("Farming detection raised {Count} new flag(s)", flagged);
            }
        }, cancellationToken);
}
