using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Web.Components.Pages.Disputes;

/// <summary>How disputes are worded and coloured: one place for the agent's list, the queue and the decision dialog.</summary>
public static class DisputeText
{
    public static string StatusLabel(IStringLocalizer l, DisputeStatus status)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[$"DisputeText.Status{status}"];
    }

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
    public static string Subject(IStringLocalizer l, long? transactionId, string? eventId)
    {
        ArgumentNullException.ThrowIfNull(l);
        return transactionId is { } id ? l["DisputeText.Entry", id.ToString(CultureInfo.InvariantCulture)]
            : eventId is { Length: > 0 } e ? l["DisputeText.MissingForEvent", e]
            : l["DisputeText.Missing"];
    }

    /// <summary>"+25 points" (what an accepted dispute paid).</summary>
    public static string Paid(IStringLocalizer l, long points)
    {
        ArgumentNullException.ThrowIfNull(l);
        return points == 1 ? l["DisputeText.PaidOne"] : l["DisputeText.PaidOther", points.ToString("N0", CultureInfo.CurrentCulture)];
    }
}
