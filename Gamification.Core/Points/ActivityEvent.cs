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
    /// <summary>The first answer, repeated verbatim for a duplicate.</summary>
    public string? ResultJson { get; set; }
}

public enum ActivityType
{
    CallCompleted,
    LeadConverted,
    QualityReview,
    CustomerFeedback,
}
