using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>Checks every minute whether a tenant's local day moved on and, if so, awards the last closed week's rank badges (RULES.md, Badges).</summary>
[DisallowConcurrentExecution]
public sealed class WeeklyRankBadgesJob(IServiceScopeFactory scopes, ILogger<WeeklyRankBadgesJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunDueAsync(scopes, logger, DailyJobNames.WeeklyRankBadges, cancellationToken);
}
