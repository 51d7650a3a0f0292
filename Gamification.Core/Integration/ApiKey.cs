namespace Gamification.Core.Integration;

/// <summary>A tenant integration key for event ingestion (table api_key). Only a SHA-256 hash of the key is stored.</summary>
public class ApiKey : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters of the key, shown in lists so admins can tell keys apart.</summary>
    public string Prefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
