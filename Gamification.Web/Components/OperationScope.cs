namespace Gamification.Web.Components;

/// <summary>
/// Runs one operation of a page in a fresh DI scope acting as the page's user: a circuit lives long, so
/// services holding a DbContext (Identity's UserManager, the tenant service) get a context per operation.
/// </summary>
/// <remarks>
/// An operation that a live change started (<see cref="Shared.LiveComponent"/> marks that work with
/// <see cref="RunOffRenderer"/>) runs on the thread pool, so the circuit's renderer is free while it reads: SQLite's
/// "async" reads complete synchronously, and a dashboard reloading after a change held the app-bar indicator's update
/// of the same change behind its whole reload (bench <c>-- live</c>: indicator p95 603 ms, 233 ms off the renderer).
/// A person's own actions (clicks, first loads) keep running on the renderer, in the order the person sees them.
/// </remarks>
public sealed class OperationScope(IServiceScopeFactory scopes, CurrentTenant current)
{
    private static readonly AsyncLocal<bool> OffRenderer = new();

    /// <summary>
    /// From here to the end of the calling async method (an async local: it does not leak to the caller), operations
    /// run on the thread pool.
    /// </summary>
    internal static void RunOffRenderer() => OffRenderer.Value = true;

    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        var (tenantId, userId) = (current.TenantId, current.UserId);
        return OffRenderer.Value
            ? await Task.Run(() => RunInScopeAsync(operation, tenantId, userId))
            : await RunInScopeAsync(operation, tenantId, userId);
    }

    private async Task<TResult> RunInScopeAsync<TService, TResult>(Func<TService, Task<TResult>> operation, Guid? tenantId, string? userId)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenantId, userId);
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
