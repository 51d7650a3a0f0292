namespace Gamification.Core.Badges;

/// <summary>An image an admin uploaded for a badge (table badge_image); kept in the database so every instance serves it.</summary>
public class BadgeImage : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
