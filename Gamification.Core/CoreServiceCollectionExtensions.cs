using Gamification.Core.Jobs;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gamification.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The domain, whatever hosts it: the database of the "Database" section, the "Seed" options, the clock and
    /// every feature's services. The host adds an <see cref="Notifications.IPointsNotifier"/> and an
    /// <see cref="Notifications.INotificationPublisher"/>.
    /// </summary>
    public static IServiceCollection AddGamificationCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddGamificationData(DatabaseOptions.From(configuration), contentRoot);
        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));
        services.AddSingleton(TimeProvider.System);
        return services.AddFeatureServices();
    }

    private static IServiceCollection AddFeatureServices(this IServiceCollection services)
    {
        services.AddScoped<TenantService>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<PreferencesService>();
        services.AddScoped<Localization.LanguageService>();
        services.AddScoped<ProfileQuery>();
        services.AddScoped<PersonRecord>();
        services.AddScoped<PeopleService>();
        services.AddScoped<TenantSettingsService>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton(AchievementEvaluators.All);
        services.AddSingleton<UnitMemory>();
        services.AddScoped<PointsEngine>();
        services.AddScoped<PointsQueries>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<EventIngestion>();
        services.AddScoped<DailyJobs>();
        services.AddScoped<BadgeService>();
        services.AddScoped<ChallengeService>();
        services.AddScoped<Levels.LevelService>();
        services.AddScoped<LeaderboardService>();
        services.AddSingleton<LeaderboardCache>();
        services.AddScoped<RewardService>();
        services.AddScoped<DisputeService>();
        services.AddScoped<AuditService>();
        services.AddScoped<PointsGuideQuery>();
        services.AddScoped<AnalyticsRollup>();
        services.AddScoped<AnalyticsService>();
        services.AddScoped<FarmingService>();
        services.AddScoped<NotificationService>();
        services.AddScoped<ReminderService>();
        return services;
    }
}
