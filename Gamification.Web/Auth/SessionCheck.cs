using System.Collections.Concurrent;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gamification.Web.Auth;

/// <summary>How often sessions are checked against the user (settings <c>Auth:SessionCheckSeconds</c> and <c>Auth:CircuitRevalidationSeconds</c>).</summary>
public sealed record SessionCheckOptions(TimeSpan CacheTime, TimeSpan CircuitRevalidationInterval);

/// <summary>
/// Whether a signed-in principal (a cookie, a bearer token or an open circuit) still stands: its user exists and is
/// active, and the security stamp it was issued with is the user's current one. Deactivation, a role change and a
/// password reset all change the stamp, so each ends every session of that user at its next check.
/// </summary>
/// <remarks>
/// The user's (stamp, active) is read from the database and kept here for <see cref="SessionCheckOptions.CacheTime"/>
/// (a few seconds). When this instance changes a user (<see cref="GamificationUserManager"/> calls
/// <see cref="Forget"/>), the entry is dropped and the user is read from the database on every check for the next
/// cache time, so a read that races the change's commit is never kept. Other instances share the database, not this
/// memory: they see the change when their entry expires, at most the cache time later.
/// </remarks>
public sealed class SessionValidator(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<IdentityOptions> identity,
    SessionCheckOptions options)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, UserState> states = new(StringComparer.Ordinal);

    public TimeSpan CircuitRevalidationInterval => options.CircuitRevalidationInterval;

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = identity.Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(stamp))
        {
            return false;
        }
        var state = await StateOfAsync(userId, ct);
        return state.IsActive && string.Equals(state.Stamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>The user changed on this instance: check them against the database for the next cache time.</summary>
    public void Forget(string userId) => states[userId] = UserState.Changed(clock.GetUtcNow() + options.CacheTime);

    private async Task<UserState> StateOfAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        states.TryGetValue(userId, out var seen);
        if (seen is { Loaded: true } && seen.Until > now)
        {
            return seen;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GamificationDbContext>();
        var row = await db.Users.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsActive })
            .FirstOrDefaultAsync(ct);
        var loaded = new UserState(row?.SecurityStamp, row?.IsActive ?? false, now + options.CacheTime, loaded: true);
        var justChanged = seen is { Loaded: false } && seen.Until > now;
        if (options.CacheTime > TimeSpan.Zero && !justChanged)
        {
            // Only if nobody changed the entry meanwhile (a Forget wins over a read that started before it).
            _ = seen is null ? states.TryAdd(userId, loaded) : states.TryUpdate(userId, loaded, seen);
            Prune(now);
        }
        return loaded;
    }

    private void Prune(DateTimeOffset now)
    {
        if (states.Count <= PruneAbove)
        {
            return;
        }
        foreach (var (id, state) in states)
        {
            if (state.Until <= now)
            {
                states.TryRemove(new KeyValuePair<string, UserState>(id, state));
            }
        }
    }

    /// <summary>A class (not a record) on purpose: entries are compared by reference when replaced.</summary>
    private sealed class UserState(string? stamp, bool isActive, DateTimeOffset until, bool loaded)
    {
        public string? Stamp => stamp;
        public bool IsActive => isActive;
        public DateTimeOffset Until => until;
        /// <summary>False for the marker of a user who just changed on this instance.</summary>
        public bool Loaded => loaded;

        public static UserState Changed(DateTimeOffset until) => new(null, false, until, loaded: false);
    }
}

/// <summary>
/// Runs after authentication on every request: a cookie or bearer token whose user was deactivated, changed role or
/// had the password reset since it was issued is treated as no sign-in at all (the API answers 401, pages send the
/// visitor to the sign-in page), and a stale cookie is deleted.
/// </summary>
internal sealed class SessionCheckMiddleware(RequestDelegate next, SessionValidator sessions, ILogger<SessionCheckMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && !await sessions.IsCurrentAsync(context.User, context.RequestAborted))
        {
            logger.LogInformation("Refused a stale session of user {UserId}", context.User.GetUserId());
            var scheme = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme;
            if (scheme == IdentityConstants.ApplicationScheme)
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(context);
    }
}
