namespace Gamification.Core.Disputes;

/// <summary>What an agent files: the contested entry (one of their own) or the missing event, and why.</summary>
public sealed record DisputeInput(long? TransactionId, string? EventId, string? Message);

/// <summary>A supervisor's or admin's decision; <paramref name="Points"/> only when an admin accepts.</summary>
public sealed record DisputeResolution(DisputeDecision Decision, long? Points, string? Note);

/// <summary>A dispute as its agent reads it.</summary>
public sealed record DisputeView(
    long Id,
    DisputeStatus Status,
    long? TransactionId,
    string? EventId,
    string Message,
    DateTimeOffset CreatedAt,
    string? Note,
    DateTimeOffset? DecidedAt,
    long? PointsAwarded)
{
    internal static DisputeView From(Dispute d) =>
        new(d.Id, d.Status, d.TransactionId, d.EventId, d.Message, d.CreatedAt, d.Note, d.DecidedAt, d.PointsAwarded);
}

/// <summary>A dispute in the supervisors' queue: the agent's name, and the contested entry with its breakdown if any.</summary>
public sealed record DisputeQueueItem(
    long Id,
    DisputeStatus Status,
    string UserId,
    string AgentName,
    long? TransactionId,
    string? EventId,
    string Message,
    DateTimeOffset CreatedAt,
    string? Note,
    DateTimeOffset? DecidedAt,
    string? DecidedByUserId,
    long? PointsAwarded,
    TransactionView? Transaction);
