using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Gamification.Web.Auth;

/// <summary>
/// Who the caller is and what they may do: Identity over the app's database, cookies for the pages and bearer
/// tokens for the API (one policy scheme picks per request), and the authorization policies. Sessions and request
/// budgets are <see cref="SignInProtection"/>'s.
/// </summary>
public static class AuthSetup
{
    private const string SmartScheme = "cookie-or-bearer";

    public static IServiceCollection AddGamificationAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddGamificationIdentity(configuration);
        services.AddCookieOrBearerAuthentication(configuration);
        services.AddAuthorizationBuilder().AddGamificationPolicies();
        services.AddScoped<TokenIssuer>();
        return services;
    }

    private static void AddGamificationIdentity(this IServiceCollection services, IConfiguration configuration) =>
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Auth:MaxFailedAccessAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Auth:LockoutMinutes", 5));
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GamificationDbContext>()
            .AddUserManager<GamificationUserManager>()
            .AddSignInManager<GamificationSignInManager>()
            .AddClaimsPrincipalFactory<GamificationClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

    private static void AddCookieOrBearerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
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
                options.BearerTokenExpiration = TimeSpan.FromMinutes(configuration.GetValue("Auth:AccessTokenMinutes", 60));
                options.RefreshTokenExpiration = TimeSpan.FromDays(configuration.GetValue("Auth:RefreshTokenDays", 14));
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
    }

    private static Task ApiAware<T>(RedirectContext<T> context, int status)
        where T : AuthenticationSchemeOptions
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
