using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Gamification.Web.Components.Account;

/// <summary>
/// Re-checks the user of an open interactive circuit every <c>Auth:CircuitRevalidationSeconds</c> (default 30) by the
/// same rule as every request (<see cref="SessionValidator"/>: the security stamp is unchanged and the user is
/// active). When it fails the circuit becomes anonymous and its pages send the visitor to the sign-in page.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionValidator sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => sessions.CircuitRevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsCurrentAsync(authenticationState.User, cancellationToken);
}
