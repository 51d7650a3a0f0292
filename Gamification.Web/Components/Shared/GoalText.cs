using Microsoft.Extensions.Localization;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// What a badge requires and what a challenge aims at, in the reader's language: the badge editor's requirement table
/// and dialog, the challenge editor and its dialog. A requirement's sentence is Core's (<see cref="BadgeRules.Describe(BadgeRequirement, int)"/>,
/// in the reader's language); its name, value label and help, and the objectives, are the <c>Requirement.</c> and
/// <c>Objective.</c> texts, in English as the challenge dialog always wrote its objectives (figures in the current culture).
/// </summary>
public static class GoalText
{
    /// <summary>"Complete 50 calls", "Complete a call before 08:00 local time", "Awarded by an admin": Core's
    /// <see cref="BadgeRules.Describe(BadgeRequirement, int)"/> in the reader's language (one source of the wording).</summary>
    public static string Requirement(BadgeRequirement requirement, int value) => BadgeRules.Describe(requirement, value);

    /// <summary>The requirement's name in the editor's list: "Completed calls".</summary>
    public static string RequirementTitle(IStringLocalizer l, BadgeRequirement requirement) => Text(l, requirement, "Title");

    /// <summary>What the requirement's value is: "Calls", "Local hour"; empty for a manual badge, which has none.</summary>
    public static string RequirementValueLabel(IStringLocalizer l, BadgeRequirement requirement) =>
        requirement == BadgeRequirement.Manual ? "" : Text(l, requirement, "Value");

    /// <summary>What counts for the requirement, in a sentence.</summary>
    public static string RequirementHelp(IStringLocalizer l, BadgeRequirement requirement) => Text(l, requirement, "Help");

    /// <summary>The objective and target in words: "50 calls", "avg rating ≥ 4 over 10 rated calls".</summary>
    public static string Objective(IStringLocalizer l, ObjectiveType objective, int target, int minRatedCalls)
    {
        ArgumentNullException.ThrowIfNull(l);
        var culture = CultureInfo.CurrentCulture;
        return objective switch
        {
            ObjectiveType.AvgRating or ObjectiveType.SatisfactionRate =>
                l[$"Objective.{objective}", target.ToString(culture), Count(l, "Objective.RatedCalls", Math.Max(1, minRatedCalls))],
            ObjectiveType.LeaderboardRank => target == 1 ? l["Objective.LeaderboardRank.One"] : l["Objective.LeaderboardRank.Other", target.ToString("N0", culture)],
            _ => Count(l, $"Objective.{objective}", target),
        };
    }

    /// <summary>The objective's name in the dialog's list: "Completed calls".</summary>
    public static string ObjectiveTitle(IStringLocalizer l, ObjectiveType objective)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[$"Objective.{objective}.Title"];
    }

    /// <summary>What counts for the objective, in a sentence.</summary>
    public static string ObjectiveHelp(IStringLocalizer l, ObjectiveType objective)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[$"Objective.{objective}.Help"];
    }

    private static string Text(IStringLocalizer l, BadgeRequirement requirement, string part)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[$"Requirement.{requirement}.{part}"];
    }

    private static string Count(IStringLocalizer l, string key, int n) =>
        l[$"{key}.{(n == 1 ? "One" : "Other")}", n.ToString("N0", CultureInfo.CurrentCulture)];
}
