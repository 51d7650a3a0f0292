namespace Gamification.Core.Tenants;

/// <summary>
/// Who is acting, within one DI scope (an HTTP request, a Blazor circuit or a job run).
/// The web layer fills it from the signed-in user's claims; jobs and the seeder use <see cref="Use"/>.
/// The DbContext reads it to scope every tenant-owned query.
/// </summary>
public sealed class CurrentTenant
{
    public Guid? TenantId { get; private set; }
    public string? UserId { get; private set; }

    public void Set(Guid? tenantId, string? userId)
    {
        TenantId = tenantId;
        UserId = userId;
    }

    /// <summary>Acts as <paramref name="tenantId"/> until the returned scope is disposed.</summary>
    public IDisposable Use(Guid tenantId, string? userId = null)
    {
        var (previousTenant, previousUser) = (TenantId, UserId);
        Set(tenantId, userId);
        return new Restore(() => Set(previousTenant, previousUser));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
