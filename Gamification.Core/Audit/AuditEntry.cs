namespace Gamification.Core.Audit;

/// <summary>
/// One change made by a person with power (table audit_entries): who, when, what, and the values before and after.
/// Append-only: written in the same save as the change it records, never updated or deleted through the product
/// (<see cref="GamificationDbContext"/> refuses it).
/// </summary>
public class AuditEntry : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Who made the change; null for the system (a job) or an integration key.</summary>
    public string? ActorId { get; set; }
    public AuditKind Kind { get; set; }
    /// <summary>What was changed: "user", "team", "badge", "reward", "redemption", "challenge", "settings", ...</summary>
    public string SubjectType { get; set; } = "";
    /// <summary>Its id (a user id, a badge id...), or null for the tenant's own settings and levels.</summary>
    public string? SubjectId { get; set; }
    /// <summary>One line for people ("Awarded 50 points to Mateo Garcia: great save").</summary>
    public string Summary { get; set; } = "";
    /// <summary>The changed values before, as a JSON object (snake_case fields); null for a creation or an action.</summary>
    public string? Before { get; set; }
    /// <summary>The changed values after, as a JSON object; null for a deletion.</summary>
    public string? After { get; set; }
}

/// <summary>The kinds of audited change (the API writes them in snake_case: "points_awarded").</summary>
public enum AuditKind
{
    SettingsChanged,
    PresetApplied,
    ThresholdsChanged,
    LevelsChanged,
    PointsAwarded,
    PointsRevoked,
    BadgeAwarded,
    PersonCreated,
    PersonChanged,
    PasswordReset,
    TeamCreated,
    TeamRenamed,
    TeamDeleted,
    RedemptionApproved,
    RedemptionRejected,
    StockChanged,
    BadgeCreated,
    BadgeChanged,
    ChallengeCreated,
    ChallengeChanged,
    PrizeHandedOut,
    RewardCreated,
    RewardChanged,
    ApiKeyCreated,
    ApiKeyRevoked,
    FlagDecided,
    DisputeDecided,
}
