using Gamification.Core.Rewards;

using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Checks every minute for approved reward codes past their expiry and marks them expired, no refund (RULES.md,
/// Rewards and redemption). One conditional UPDATE: a code expires once, whichever instance runs it.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RedemptionExpiryJob(IServiceScopeFactory scopes, ILogger<RedemptionExpiryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RewardService>().ExpireAllAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Redemption expiry stopped by shutdown");
        }
        catch (Exception ex)
        {
            // The scheduler keeps going; the next check retries (an expired code is still past its date).
            logger.LogError(ex, "Redemption expiry failed; it will be retried on the next check");
        }
    }
}
