using System.Threading.RateLimiting;

namespace Gamification.Web.Auth;

/// <summary>
/// Sign-in, sessions and request budgets: the services (<see cref="AddSignInProtection"/>) and the per-request session
/// check (<see cref="UseSessionChecks"/>, right after authentication).
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
        services.AddScoped<SignInGate>();

        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var ingestion = Math.Max(1, configuration.GetValue("Ingestion:RequestsPerSecondPerKey", 50));
        services.AddSingleton(new RateLimits(options, ingestion));
        var perAddress = Math.Max(1, options.TokenRequestsPerMinutePerAddress);
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimits.TokenPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.Of(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perAddress, Window = RateLimits.Minute, QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : RateLimits.Minute;
                await TooManyRequests.Problem(rejected.HttpContext, retryAfter, "Too many requests from this address. Try again in a minute.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    /// <summary>Refuses cookies and bearer tokens whose user changed since they were issued (<see cref="SessionValidator"/>).</summary>
    public static IApplicationBuilder UseSessionChecks(this IApplicationBuilder app) => app.UseMiddleware<SessionCheckMiddleware>();
}
