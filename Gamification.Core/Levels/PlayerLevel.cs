namespace Gamification.Core.Levels;

/// <summary>A level of a tenant's progression (table player_level).</summary>
public class PlayerLevel : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public int LevelNumber { get; set; }
    /// <summary>The level's name as people read it (the seeded levels are named after their tier).</summary>
    public string Name { get; set; } = "";
    /// <summary>The tier the level belongs to: Bronze, Silver, Gold, Legend by default; admins may name others.</summary>
    public string Tier { get; set; } = "";
    /// <summary>Points from the previous level's threshold to this one.</summary>
    public long PointsRequired { get; set; }
    /// <summary>Lifetime points at which this level starts.</summary>
    public long PointsTotalRequired { get; set; }
    /// <summary>The tier's icon: bronze, silver, gold or crown; other tiers show a plain medal.</summary>
    public string Icon { get; set; } = "";
    public string UnlockPrivileges { get; set; } = "";
}

/// <summary>A user's current level (table user_level). Levels never go down.</summary>
public class UserLevel : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public int LevelNumber { get; set; } = 1;
    public DateTimeOffset ReachedAt { get; set; }
}
