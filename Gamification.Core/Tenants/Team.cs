namespace Gamification.Core.Tenants;

public class Team : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
