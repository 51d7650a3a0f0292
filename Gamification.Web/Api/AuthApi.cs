namespace Gamification.Web.Api;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>POST /api/v1/auth/token and /refresh: bearer tokens for API callers.</summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();

        group.MapPost("/token", IssueTokenAsync)
            .RequireRateLimiting(RateLimits.TokenPolicy)
            .WithName("IssueToken")
            .WithSummary("Exchanges an email and password for a bearer token and a refresh token.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", RefreshTokenAsync)
            .WithName("RefreshToken")
            .WithSummary("Exchanges a refresh token for a new pair of tokens.");
        return app;
    }

    /// <summary>
    /// An unknown email and a real account take the same path (<see cref="SignInGate"/>) and get the same answers.
    /// Requests are limited per client address (the rate-limiting middleware) and per account (here, once the body is read).
    /// </summary>
    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, HttpContext http, SignInGate gate, RateLimits limits, TokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["The email address is required."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["The password is required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!limits.TokenPerAccount.TryTake(RateLimits.AccountKey(request.Email!), out var wait))
        {
            return TooManyRequests.Problem(http, wait, "Too many token requests for this account. Try again in a minute.");
        }
        var check = await gate.CheckAsync(request.Email!, request.Password!, ClientAddress.Of(http));
        return check.Outcome switch
        {
            SignInOutcome.Succeeded => TypedResults.Ok(await issuer.IssueAsync(check.User!)),
            SignInOutcome.TooManyAttempts => TooManyRequests.Problem(http, check.RetryAfter, check.Message),
            _ => Unauthorized(check.Message),
        };
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshTokenAsync(
        RefreshRequest request, TokenIssuer issuer)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refresh_token"] = ["The refresh token is required."] });
        }
        var user = await issuer.ValidateRefreshTokenAsync(request.RefreshToken);
        return user is null
            ? Unauthorized("The refresh token is invalid or expired. Sign in again.")
            : TypedResults.Ok(await issuer.IssueAsync(user));
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.");
}
