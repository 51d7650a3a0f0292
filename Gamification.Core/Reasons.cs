namespace Gamification.Core;

/// <summary>
/// The reason an admin gives for a change an agent sees (points awarded or revoked, a badge by hand, a rejected
/// redemption, a stock adjustment): required, and at most a length once trimmed. The one check every such change runs.
/// </summary>
public static class Reasons
{
    /// <summary>The message for a missing reason on points awarded or revoked by hand.</summary>
    public const string ForPoints = "Give a reason; the agent sees it in their history.";

    /// <summary>The message for a missing reason on a badge awarded by hand.</summary>
    public const string ForBadge = "Give a reason; the agent sees it with the badge.";

    /// <summary>The message for a missing reason on a decision about rewards ("rejection", "stock adjustment").</summary>
    public static string For(string what) => $"Give a reason for the {what}.";

    public static bool IsMissing(string? reason) => string.IsNullOrWhiteSpace(reason);

    /// <summary>The reason, trimmed.</summary>
    /// <exception cref="DomainException">Validation (400) on <c>reason</c>: missing (<paramref name="missingMessage"/>) or longer than <paramref name="maxLength"/>.</exception>
    public static string Require(string? reason, string missingMessage, int maxLength)
    {
        if (IsMissing(reason))
        {
            throw DomainException.Invalid("reason", missingMessage);
        }
        var text = reason!.Trim();
        if (text.Length > maxLength)
        {
            throw DomainException.Invalid("reason", $"The reason is longer than {maxLength} characters.");
        }
        return text;
    }
}
