using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Gamification.Web.Auth;

internal static class CurrentTenantExtensions
{
    public static void SetFrom(this CurrentTenant current, ClaimsPrincipal user) =>
        current.Set(user.Identity?.IsAuthenticated == true ? user.GetTenantId() : null,
                    user.Identity?.IsAuthenticated == true ? user.GetUserId() : null);
}

/// <summary>Fills <see cref="CurrentTenant"/> for an HTTP request (API calls, static pages, prerendering) from the signed-in user.</summary>
internal sealed class CurrentTenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentTenant current)
    {
        current.SetFrom(context.User);
        return next(context);
    }
}

/// <summary>
/// Fills <see cref="CurrentTenant"/> for an interactive circuit, whose scope outlives the HTTP request:
/// from the circuit's authentication state when it opens and whenever that state changes.
/// </summary>
internal sealed class CurrentTenantCircuitHandler(AuthenticationStateProvider authentication, CurrentTenant current)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        current.SetFrom((await authentication.GetAuthenticationStateAsync()).User);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) =>
        current.SetFrom((await authentication.GetAuthenticationStateAsync()).User);

    private void OnAuthenticationChanged(Task<AuthenticationState> task) =>
        _ = task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                current.SetFrom(t.Result.User);
            }
        }, TaskScheduler.Default);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
}
