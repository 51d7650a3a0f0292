using System.Text.Json.Serialization;

using Gamification.Web.Api;
using Gamification.Web.Components;
using Gamification.Web.Components.Account;
using Gamification.Web.Components.Layout;
using Gamification.Web.Demo;
using Gamification.Web.Jobs;
using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;

using MudBlazor.Services;

namespace Gamification.Web.Hosting;

/// <summary>
/// Everything Program.cs wires up: services (Core's, then the web app's by concern), the pipeline, endpoints and
/// start-up work. <see cref="AddGamification"/> reads as the list of those concerns.
/// </summary>
public static class GamificationHosting
{
    public static IHostApplicationBuilder AddGamification(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var contentRoot = builder.Environment.ContentRootPath;
        AddOperatorSettings(configuration, builder.Environment.EnvironmentName);
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseStaticWebAssets();
        }

        builder.Services
            .AddGamificationCore(configuration, contentRoot)
            .AddLiveNotifications(configuration)
            .AddGamificationAuth(configuration)
            .AddGamificationDataProtection(configuration, contentRoot)
            .AddGamificationLocalization()
            .AddGamificationUi(configuration)
            .AddGamificationApi(configuration)
            .AddGamificationJobs(configuration)
            .AddDemoSimulator(configuration)
            .AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>
    /// The operator edits the repository's root appsettings.json; the build copies it beside the app (also when
    /// published), so the same file is honoured however the app is started. It takes the place of the default
    /// appsettings files: environment variables and command-line arguments still override it.
    /// </summary>
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

    /// <summary>
    /// The keys of cookies, bearer tokens and antiforgery: in the app's database (DataProtection:Store=Database, table
    /// data_protection_key), so every instance reads the same key ring with no shared folder; or in a folder
    /// (DataProtection:Store=Folder): DataProtection:KeysDirectory, else "keys" under the SQLite data folder (under the
    /// content root with a server provider). Unset, the store is the database with a server provider (PostgreSQL,
    /// SQL Server) unless a keys folder is set, and the folder with SQLite (docs/deployment.md, "Data-protection keys").
    /// </summary>
    private static IServiceCollection AddGamificationDataProtection(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseOptions.From(configuration);
        var keysDirectory = configuration["DataProtection:KeysDirectory"];
        var builder = services.AddDataProtection().SetApplicationName("Gamification");
        if (KeysInDatabase(configuration["DataProtection:Store"], database, keysDirectory))
        {
            builder.PersistKeysToDbContext<GamificationDbContext>();
            return services;
        }
        var keys = keysDirectory ?? Path.Combine(database.IsServer ? contentRoot : database.DataDirectoryUnder(contentRoot), "keys");
        builder.PersistKeysToFileSystem(new DirectoryInfo(keys));
        return services;
    }

    /// <summary>Whether DataProtection:Store (<paramref name="store"/>: Database, Folder or unset) puts the keys in the database.</summary>
    internal static bool KeysInDatabase(string? store, DatabaseOptions database, string? keysDirectory) => store?.Trim() switch
    {
        null or "" => database.IsServer && string.IsNullOrWhiteSpace(keysDirectory),
        var s when s.Equals("Database", StringComparison.OrdinalIgnoreCase) => true,
        var s when s.Equals("Folder", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw new InvalidOperationException($"DataProtection:Store is '{store}'; use Database or Folder."),
    };

    /// <summary>Blazor Server with MudBlazor; each circuit knows its user and tenant, and runs operations in scopes of their own.</summary>
    private static IServiceCollection AddGamificationUi(this IServiceCollection services, IConfiguration configuration)
    {
        // A circuit's errors reach the browser in detail only when an operator opts in (DetailedErrors=true), in any environment.
        services.AddRazorComponents().AddInteractiveServerComponents(options => options.DetailedErrors = configuration.GetValue("DetailedErrors", false));
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, CurrentTenantCircuitHandler>();
        services.AddMudServices();
        // MudBlazor's own texts (close buttons, pagers, a numeric field's buttons) in the reader's language.
        services.AddTransient<MudBlazor.MudLocalizer, MudTexts>();
        services.AddScoped<OperationScope>();
        services.AddScoped<ThemeState>();
        return services;
    }

    /// <summary>
    /// The minimal APIs: snake_case JSON, problem details for every failure, the OpenAPI document, sessions and
    /// request budgets (<see cref="SignInProtection"/>) and the health check.
    /// </summary>
    private static IServiceCollection AddGamificationApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemLanguage.Customize);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddOpenApi();
        services.AddSignInProtection(configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
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
        UseHttpsOutsideDevelopment(app);
        UseStatusCodePagesForApiAndPages(app);
        // Routing after the status code pages, so that their re-execution of /not-found is routed to the page
        // (with the implicit routing at the start of the pipeline, an unknown address answered 404 with no body).
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseSessionChecks();
        app.UseMiddleware<CurrentTenantMiddleware>();
        app.UseGamificationLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseApiRequestBodies();
        return app;
    }

    private static void UseHttpsOutsideDevelopment(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
    }

    /// <summary>The API's errors stay bodiless for problem details; a page's re-executes /not-found (the app's Page not found).</summary>
    private static void UseStatusCodePagesForApiAndPages(WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
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
        app.MapPreferencesApi();
        app.MapPeopleApi();
        app.MapSettingsApi();
        app.MapIngestionApi();
        app.MapApiKeysApi();
        app.MapPointsApi();
        app.MapPersonRecordApi();
        app.MapAuditApi();
        app.MapBadgesApi();
        app.MapChallengesApi();
        app.MapLevelsApi();
        app.MapLeaderboardsApi();
        app.MapRewardsApi();
        app.MapDisputesApi();
        app.MapNotificationsApi();
        app.MapAnalyticsApi();
        return app;
    }
}
