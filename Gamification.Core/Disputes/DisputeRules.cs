namespace Gamification.Core.Disputes;

/// <summary>The limits of a dispute (docs/rules.md, Disputes).</summary>
public static class DisputeRules
{
    /// <summary>The most disputes an agent may have waiting (open or escalated) at once.</summary>
    public const int MaxOpenPerAgent = 3;

    public const int MaxMessageLength = 1000;

    /// <summary>As long as an ingested event's id.</summary>
    public const int MaxEventIdLength = 128;

    /// <summary>A decision's note; it becomes part of the ledger reason when the dispute pays.</summary>
    public const int MaxNoteLength = PointsEngine.MaxReasonLength;

    /// <summary>Open and escalated disputes wait for a decision; accepted and rejected ones are final.</summary>
    public static bool IsWaiting(DisputeStatus status) => status is DisputeStatus.Open or DisputeStatus.Escalated;

    /// <summary>The ledger reason of the award that pays an accepted dispute.</summary>
    public static string AwardReason(long disputeId, string? note) =>
        string.IsNullOrEmpty(note) ? $"Dispute #{disputeId} accepted" : $"Dispute #{disputeId} accepted: {note}";
}
