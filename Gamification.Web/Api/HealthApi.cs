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

internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health).AllowAnonymous().WithName("Health").WithSummary("The app's and the database's state.").WithTags("Health");
        return app;
    }

    /// <summary>The overall status and each check's; 503 when unhealthy.</summary>
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
