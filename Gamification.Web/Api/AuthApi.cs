using Gamification.Core.Users;
using Gamification.Web.Auth;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Gamification.Web.Api;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>POST /api/v1/auth/token and /refresh: bearer tokens for API callers.</summary>
internal static class AuthApi
{
    private const string InvalidCredentials = "The email address or password is incorrect.";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();

        group.MapPost("/token", async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> (
                TokenRequest request, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, TokenIssuer issuer) =>
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

                var user = await users.FindByEmailAsync(request.Email!);
                if (user is null)
                {
                    return Unauthorized(InvalidCredentials);
                }
                var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
                if (result.IsLockedOut)
                {
                    return Unauthorized("This account is locked after repeated failed sign-ins. Try again later.");
                }
                if (result.IsNotAllowed && await users.CheckPasswordAsync(user, request.Password!))
                {
                    return Unauthorized("This account is deactivated. Ask your administrator.");
                }
                if (!result.Succeeded)
                {
                    return Unauthorized(InvalidCredentials);
                }
                return TypedResults.Ok(await issuer.IssueAsync(user));
            })
            .WithName("IssueToken")
            .WithSummary("Exchanges an email and password for a bearer token and a refresh token.");

        group.MapPost("/refresh", async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> (
                RefreshRequest request, TokenIssuer issuer) =>
            {
                if (string.IsNullOrWhiteSpace(request.RefreshToken))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refresh_token"] = ["The refresh token is required."] });
                }
                var user = await issuer.ValidateRefreshTokenAsync(request.RefreshToken);
                return user is null
                    ? Unauthorized("The refresh token is invalid or expired. Sign in again.")
                    : TypedResults.Ok(await issuer.IssueAsync(user));
            })
            .WithName("RefreshToken")
            .WithSummary("Exchanges a refresh token for a new pair of tokens.");
        return app;
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.");
}
