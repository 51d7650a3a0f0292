using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>
/// Quartz's hosted service for the clustered store: before the scheduler is built (and its store checks its tables),
/// creates Quartz's tables when they are missing (<see cref="QuartzSchema"/>).
/// </summary>
internal sealed class ClusteredQuartzHostedService(
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    IOptionsMonitor<QuartzHostedServiceOptions> options,
    QuartzSchema schema)
    : QuartzHostedService(lifetime, services, options)
{
    public override async Task StartingAsync(CancellationToken cancellationToken) =>
        await schema.EnsureAsync(cancellationToken);
}
