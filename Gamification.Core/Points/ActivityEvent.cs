namespace Gamification.Core.Points;

/// <summary>Every event ingested from the call-center platform (table activity_event): idempotency and statistics.</summary>
public class ActivityEvent : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    /// <summary>The caller's id for the event, unique per tenant: the same id twice awards once.</summary>
    public string EventId { get; set; } = "";
    public ActivityType Type { get; set; }
    public string UserId { get; set; } = "";
    public string AgentExternalId { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateOnly LocalDate { get; set; }
    public int? Rating { get; set; }
    public int? DurationSeconds { get; set; }
    public string? LeadId { get; set; }
    public string? MetadataJson { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public long PointsAwarded { get; set; }

    // The rest of the first answer, repeated for a duplicate; its breakdown is the event's ledger entry.
    public bool Capped { get; set; }
    public int? LevelUp { get; set; }
    public int DailyPointsAfter { get; set; }
    public long CurrentPointsAfter { get; set; }
    public int StreakDaysAfter { get; set; }
}

public enum ActivityType
{
    CallCompleted,
    LeadConverted,
    QualityReview,
    CustomerFeedback,
}
