using System.Text.Json;
using System.Text.Json.Serialization;

using Gamification.Core.Data;
using Gamification.Core.Integration;
using Gamification.Core.Jobs;
using Gamification.Core.Notifications;
using Gamification.Core.Points;
using Gamification.Core.Tenants;
using Gamification.Core.Users;
using Gamification.Web.Api;
using Gamification.Web.Auth;
using Gamification.Web.Components;
using Gamification.Web.Components.Account;
using Gamification.Web.Demo;
using Gamification.Web.Jobs;

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

using MudBlazor.Services;

namespace Gamification.Web.Hosting;

/// <summary>Everything Program.cs wires up, in one place: services, the pipeline, endpoints and start-up work.</summary>
public static class GamificationHosting
{
    private const string SmartScheme = "cookie-or-bearer";

    public static IHostApplicationBuilder AddGamification(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The operator edits the repository's root appsettings.json; the build copies it beside the app
        // (also when published), so the same file is honoured however the app is started.
        // It takes the place of the default appsettings files: environment variables and command-line
        // arguments still override it.
        AddOperatorSettings(builder.Configuration, builder.Environment.EnvironmentName);
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseStaticWebAssets();
        }

        var services = builder.Services;
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddGamificationData(database, builder.Environment.ContentRootPath);
        services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
        services.AddSingleton(TimeProvider.System);

        // Core services
        services.AddScoped<TenantService>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<PeopleService>();
        services.AddScoped<TenantSettingsService>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton(Core.Challenges.AchievementEvaluators.All);
        services.AddScoped<PointsEngine>();
        services.AddScoped<PointsQueries>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<EventIngestion>();
        services.AddScoped<DailyJobs>();
        services.AddScoped<Core.Badges.BadgeService>();
        services.AddScoped<Core.Challenges.ChallengeService>();
        services.AddScoped<Core.Leaderboards.LeaderboardService>();
        services.AddSingleton<Core.Leaderboards.LeaderboardCache>();
        services.AddScoped<Core.Rewards.RewardService>();
        services.AddScoped<Core.Analytics.AnalyticsRollup>();
        services.AddScoped<Core.Analytics.AnalyticsService>();
        services.AddScoped<Core.Analytics.FarmingService>();
        services.AddSingleton<Notifications.CircuitNotifier>();
        services.AddSingleton<IPointsNotifier>(sp => sp.GetRequiredService<Notifications.CircuitNotifier>());
        services.AddScoped<OperationScope>();

        // Identity: cookies for the pages, bearer tokens for the API; one policy scheme picks per request.
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Auth:MaxFailedAccessAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Auth:LockoutMinutes", 5));
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GamificationDbContext>()
            .AddUserManager<GamificationUserManager>()
            .AddSignInManager<GamificationSignInManager>()
            .AddClaimsPrincipalFactory<GamificationClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromMinutes(builder.Configuration.GetValue("Auth:AccessTokenMinutes", 60));
                options.RefreshTokenExpiration = TimeSpan.FromDays(builder.Configuration.GetValue("Auth:RefreshTokenDays", 14));
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            // The API answers 401/403, never a redirect to the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder().AddGamificationPolicies();
        services.AddScoped<TokenIssuer>();

        var keys = builder.Configuration["DataProtection:KeysDirectory"]
            ?? Path.Combine(database.IsSqlServer ? builder.Environment.ContentRootPath : Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, database.DataDirectory)), "keys");
        services.AddDataProtection().SetApplicationName("Gamification").PersistKeysToFileSystem(new DirectoryInfo(keys));

        // Blazor
        // A circuit's errors reach the browser in detail only when an operator opts in (DetailedErrors=true), in any environment.
        services.AddRazorComponents().AddInteractiveServerComponents(options => options.DetailedErrors = builder.Configuration.GetValue("DetailedErrors", false));
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, CurrentTenantCircuitHandler>();
        services.AddMudServices();

        // API
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddOpenApi();
        services.AddSignInProtection(builder.Configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddGamificationJobs(builder.Configuration);
        services.AddDemoSimulator(builder.Configuration);
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    private static void AddOperatorSettings(IConfigurationManager configuration, string environment)
    {
        var sources = configuration.Sources;
        var lastJson = sources.Select((source, index) => (source, index))
            .LastOrDefault(x => x.source is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource).index;
        var files = new[] { "appsettings.json", $"appsettings.{environment}.json" }
            .Select(name => new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = name,
                Optional = true,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            })
            .ToList();
        for (var i = 0; i < files.Count; i++)
        {
            sources.Insert(lastJson + 1 + i, files[i]);
        }
    }

    private static Task ApiAware<T>(Microsoft.AspNetCore.Authentication.RedirectContext<T> context, int status)
        where T : Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Migrations (embedded default), roles, and the demo or bootstrap accounts.</summary>
    public static async Task InitializeGamificationAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    public static WebApplication UseGamification(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        // No developer exception page or stack trace, also in Development: the API answers problem details, pages the Error page.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", CreateScopeForErrors = true });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status code pages, so that their re-execution of /not-found is routed to the page
        // (with the implicit routing at the start of the pipeline, an unknown address answered 404 with no body).
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseSessionChecks();
        app.UseMiddleware<CurrentTenantMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseApiRequestBodies();
        return app;
    }

    public static WebApplication MapGamification(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapPlatformApi();
        app.MapDirectoryApi();
        app.MapPeopleApi();
        app.MapSettingsApi();
        app.MapIngestionApi();
        app.MapApiKeysApi();
        app.MapPointsApi();
        app.MapBadgesApi();
        app.MapChallengesApi();
        app.MapLeaderboardsApi();
        app.MapRewardsApi();
        app.MapAnalyticsApi();
        return app;
    }
}
