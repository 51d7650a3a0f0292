using System.Text.Json.Serialization;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace Gamification.Web.Auth;

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);

/// <summary>
/// Issues and refreshes the API's bearer tokens. They are the framework's data-protected bearer tokens
/// (validated by the BearerToken handler), so a token carries the user's tenant claim and is bound to the
/// user's security stamp: a changed password, role or active flag ends it on the next request
/// (<see cref="SessionValidator"/>), and such a user cannot refresh.
/// </summary>
public sealed class TokenIssuer(
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    SignInManager<ApplicationUser> signInManager,
    TimeProvider clock)
{
    private BearerTokenOptions Options => bearerOptions.Get(IdentityConstants.BearerScheme);

    public async Task<TokenResponse> IssueAsync(ApplicationUser user)
    {
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        return Issue(principal);
    }

    /// <summary>The user behind a refresh token, or null when it is invalid, expired, or the user changed since.</summary>
    public async Task<ApplicationUser?> ValidateRefreshTokenAsync(string refreshToken)
    {
        var ticket = Options.RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
        {
            return null;
        }
        var user = await signInManager.ValidateSecurityStampAsync(ticket.Principal);
        return user is { IsActive: true } ? user : null;
    }

    private TokenResponse Issue(ClaimsPrincipal principal)
    {
        var options = Options;
        var now = clock.GetUtcNow();
        var access = options.BearerTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration },
            IdentityConstants.BearerScheme));
        var refresh = options.RefreshTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.RefreshTokenExpiration },
            IdentityConstants.BearerScheme + ":Refresh"));
        return new TokenResponse(access, "Bearer", (long)options.BearerTokenExpiration.TotalSeconds, refresh);
    }
}
