namespace Gamification.Core.Disputes;

/// <summary>
/// An agent contests a ledger entry or reports missing credit (table disputes). Open or escalated disputes wait for a
/// decision; accepted and rejected ones are final. An accepted dispute may be paid once, as an admin award whose ledger
/// source is the dispute.
/// </summary>
public class Dispute : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    /// <summary>The agent who filed it.</summary>
    public string UserId { get; set; } = "";
    /// <summary>The contested ledger entry (one of the agent's own), or null for missing credit.</summary>
    public long? TransactionId { get; set; }
    /// <summary>The activity event the agent says was not credited, as the agent typed it (free text).</summary>
    public string? EventId { get; set; }
    public string Message { get; set; } = "";
    public DisputeStatus Status { get; set; } = DisputeStatus.Open;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The latest decision's note (required to reject), its time and who made it; escalating is a decision too.</summary>
    public string? Note { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }

    /// <summary>What an accepted dispute paid (null when it paid nothing).</summary>
    public long? PointsAwarded { get; set; }
}

public enum DisputeStatus
{
    Open,
    Escalated,
    Accepted,
    Rejected,
}

/// <summary>What a supervisor or admin decides on a dispute.</summary>
public enum DisputeDecision
{
    Accepted,
    Rejected,
    Escalated,
}
