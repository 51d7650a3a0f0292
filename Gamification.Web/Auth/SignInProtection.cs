namespace Gamification.Web.Auth;

/// <summary>
/// Sign-in and sessions: the services (<see cref="AddSignInProtection"/>) and the per-request session check
/// (<see cref="UseSessionChecks"/>, right after authentication).
/// </summary>
public static class SignInProtection
{
    public static IServiceCollection AddSignInProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(new SessionCheckOptions(
            TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Auth:SessionCheckSeconds", 5))),
            TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Auth:CircuitRevalidationSeconds", 30)))));
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<UnknownAccounts>();
        return services.AddScoped<SignInGate>();
    }

    /// <summary>Refuses cookies and bearer tokens whose user changed since they were issued (<see cref="SessionValidator"/>).</summary>
    public static IApplicationBuilder UseSessionChecks(this IApplicationBuilder app) => app.UseMiddleware<SessionCheckMiddleware>();
}
