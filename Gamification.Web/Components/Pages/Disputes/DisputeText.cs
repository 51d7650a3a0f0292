using MudBlazor;

namespace Gamification.Web.Components.Pages.Disputes;

/// <summary>How disputes are worded and coloured: one place for the agent's list, the queue and the decision dialog.</summary>
public static class DisputeText
{
    public static string StatusLabel(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "Open",
        DisputeStatus.Escalated => "Escalated",
        DisputeStatus.Accepted => "Accepted",
        _ => "Rejected",
    };

    /// <summary>Waiting reads as a warning (open) or info (with the admins); the answers as success or error.</summary>
    public static Color StatusColour(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => Color.Warning,
        DisputeStatus.Escalated => Color.Info,
        DisputeStatus.Accepted => Color.Success,
        _ => Color.Error,
    };

    public static string StatusIcon(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => Icons.Material.Filled.HourglassTop,
        DisputeStatus.Escalated => Icons.Material.Filled.SupervisorAccount,
        DisputeStatus.Accepted => Icons.Material.Filled.CheckCircle,
        _ => Icons.Material.Filled.Cancel,
    };

    /// <summary>The lowercase status for <c>data-status</c> attributes.</summary>
    public static string StatusKey(DisputeStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>What the dispute is about: "Entry #12", "Missing credit for event “evt-9”" or "Missing credit".</summary>
    public static string Subject(long? transactionId, string? eventId) =>
        transactionId is { } id ? $"Entry #{id.ToString(CultureInfo.InvariantCulture)}"
        : eventId is { Length: > 0 } e ? $"Missing credit for event “{e}”"
        : "Missing credit";

    /// <summary>"+25 points" (what an accepted dispute paid).</summary>
    public static string Paid(long points) => points == 1 ? "+1 point" : $"+{points.ToString("N0", CultureInfo.CurrentCulture)} points";
}
