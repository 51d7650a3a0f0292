using Gamification.Web.Notifications;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gamification.Web.Api;

/// <summary>The database answers and its schema is current.</summary>
internal sealed class DatabaseHealthCheck(GamificationDbContext db, DatabaseOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = options.ProviderName };
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.", data: data);
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            data["pending_migrations"] = pending;
            return pending == 0
                ? HealthCheckResult.Healthy("The database is reachable and its schema is current.", data)
                : HealthCheckResult.Degraded($"{pending} migration(s) are not applied.", data: data);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", data: data);
        }
    }
}

/// <summary>
/// Redis carries live updates between the app's instances (registered only when <c>Notifications:Redis</c> is set).
/// Without it nothing fails, so it is never unhealthy: degraded, while each instance's pages hear only that
/// instance's updates and the others' on their next read.
/// </summary>
internal sealed class RedisHealthCheck(RedisNotificationRelay relay) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["channel"] = relay.ChannelName };
        return await relay.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy("Redis is reachable: live updates reach the pages of every instance.", data)
            : HealthCheckResult.Degraded(
                "Redis cannot be reached: writes go on and live updates reach this instance's pages only; the other instances' pages show them on their next read.",
                data: data);
    }
}

internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health).AllowAnonymous().WithName("Health").WithSummary("The app's and the database's state (and Redis's, when live updates go through it).").WithTags("Health");
        return app;
    }

    /// <summary>The overall status and each check's; 503 when unhealthy (a degraded check, such as Redis away, keeps 200).</summary>
    public static async Task<IResult> Health(HealthCheckService health, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(ct);
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return report.Status == HealthStatus.Unhealthy
            ? Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Json(body);
    }
}
