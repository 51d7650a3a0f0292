using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Checks every minute whether a tenant's local day moved on and, if so, pays the leaderboard_rank challenges whose
/// windows' ranks became final (RULES.md, Challenges; docs/rules.md). Idempotent: a window is paid once per person.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ChallengeRankRewardsJob(IServiceScopeFactory scopes, ILogger<ChallengeRankRewardsJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunDueAsync(scopes, logger, DailyJobNames.ChallengeRanks, cancellationToken);
}
