using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Checks every minute for approved reward codes past their expiry and marks them expired, no refund (RULES.md,
/// Rewards and redemption). One conditional UPDATE: a code expires once, whichever instance runs it.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RedemptionExpiryJob(IServiceScopeFactory scopes, ILogger<RedemptionExpiryJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunAsync(scopes, logger, "redemption-expiry",
            (services, ct) => services.GetRequiredService<RewardService>().ExpireAllAsync(ct), cancellationToken);
}
