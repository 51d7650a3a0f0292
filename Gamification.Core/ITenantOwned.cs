namespace Gamification.Core;

/// <summary>A row that belongs to exactly one tenant. The DbContext scopes every query on it to the current tenant.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
