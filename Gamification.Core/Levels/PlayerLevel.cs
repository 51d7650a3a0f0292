namespace Gamification.Core.Levels;

/// <summary>A level of a tenant's progression (table player_level).</summary>
public class PlayerLevel : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public int LevelNumber { get; set; }
    /// <summary>The tier: Bronze, Silver, Gold, Legend.</summary>
    public string Name { get; set; } = "";
    /// <summary>Points from the previous level's threshold to this one.</summary>
    public long PointsRequired { get; set; }
    /// <summary>Lifetime points at which this level starts.</summary>
    public long PointsTotalRequired { get; set; }
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
