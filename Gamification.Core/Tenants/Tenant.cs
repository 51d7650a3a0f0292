namespace Gamification.Core.Tenants;

/// <summary>A call-center company sharing the installation. Not tenant-owned itself: only operators list tenants.</summary>
public class Tenant
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>IANA time zone; days, weeks and months are in this zone (RULES.md, Time).</summary>
    public string TimeZoneId { get; set; } = "UTC";
    public GamificationPreset Preset { get; set; } = GamificationPreset.Moderate;
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum GamificationPreset
{
    Aggressive,
    Moderate,
    Light,
}
