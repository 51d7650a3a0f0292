namespace Gamification.Web.Components;

/// <summary>
/// Runs one operation of a page in a fresh DI scope acting as the page's user: a circuit lives long, so
/// services holding a DbContext (Identity's UserManager, the tenant service) get a context per operation.
/// </summary>
public sealed class OperationScope(IServiceScopeFactory scopes, CurrentTenant current)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(current.TenantId, current.UserId);
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
