using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Every 15 minutes (or the check interval, if longer): the streak reminders due from 15:00 tenant-local and the decay
/// notices due in the next 3 days (<see cref="ReminderService"/>, docs/rules.md, Reminders and celebrations). Each is
/// stored once per person and local day, so a second instance or a retry sends nothing twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(IServiceScopeFactory scopes, ILogger<ReminderJob> logger) : IJob
{
    public const string Name = "reminders";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobsSetup.RunAsync(scopes, logger, Name, async (services, ct) =>
        {
            var sent = await services.GetRequiredService<ReminderService>().SendDueAsync(ct);
            if (sent > 0)
            {
                logger.LogInformation("The reminder pass sent {Count} notice(s)", sent);
            }
        }, cancellationToken);
}
