using Gamification.Core.Analytics;

using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Every few minutes: rolls up each tenant's recent local days into the dashboards' daily aggregates. Idempotent (a
/// day is rebuilt whole), so a second instance or a retry does no harm.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AnalyticsJob(IServiceScopeFactory scopes, ILogger<AnalyticsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AnalyticsRollup>().RollUpRecentAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Analytics rollup stopped by shutdown");
        }
        catch (Exception ex)
        {
            // The scheduler keeps going; the next run rebuilds the same days.
            logger.LogError(ex, "Analytics rollup failed; it will be retried on the next run");
        }
    }
}

/// <summary>
/// Every hour: looks for point farming over each tenant's last two weeks (<see cref="FarmingService.DetectAllAsync"/>).
/// A flag is kept once per agent, kind and window; decided flags are never reopened.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FarmingJob(IServiceScopeFactory scopes, ILogger<FarmingJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var flagged = await scope.ServiceProvider.GetRequiredService<FarmingService>().DetectAllAsync(cancellationToken);
            if (flagged > 0)
            {
                logger.LogInformation("Farming detection raised {Count} new flag(s)", flagged);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Farming detection stopped by shutdown");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Farming detection failed; it will be retried on the next run");
        }
    }
}
