using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>Checks every minute whether a tenant's local day moved on and, if so, applies points decay there (RULES.md, Decay).</summary>
[DisallowConcurrentExecution]
public sealed class DecayJob(IServiceScopeFactory scopes, ILogger<DecayJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunDueAsync(scopes, logger, DailyJobNames.Decay, cancellationToken);
}
