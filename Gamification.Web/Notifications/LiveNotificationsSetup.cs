using Gamification.Web.Api;

namespace Gamification.Web.Notifications;

/// <summary>
/// The engine's points notifications and the inbox's notices, passed on to the open circuits of the user they concern:
/// in process (<see cref="CircuitNotifier"/>), and with <c>Notifications:Redis</c> set also through Redis to the other
/// app instances (<see cref="RedisNotificationRelay"/>, with a "redis" entry in <c>/health</c>).
/// </summary>
public static class LiveNotificationsSetup
{
    public static IServiceCollection AddLiveNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var options = NotificationOptions.From(configuration);
        // Pages subscribe to the in-process notifier whichever way notifications travel.
        services.AddSingleton<CircuitNotifier>();
        if (!options.UsesRedis)
        {
            services.AddSingleton<IPointsNotifier>(sp => sp.GetRequiredService<CircuitNotifier>());
            services.AddSingleton<INotificationPublisher>(sp => sp.GetRequiredService<CircuitNotifier>());
            return services;
        }

        // A value that is not a Redis address fails the start here, not at the first notification.
        _ = options.RedisConfiguration();
        services.AddSingleton(options);
        services.AddSingleton<RedisNotificationRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisNotificationRelay>());
        services.AddSingleton<IPointsNotifier>(sp => sp.GetRequiredService<RedisNotificationRelay>());
        services.AddSingleton<INotificationPublisher>(sp => sp.GetRequiredService<RedisNotificationRelay>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        return services;
    }
}
