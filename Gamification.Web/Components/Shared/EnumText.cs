using Microsoft.Extensions.Localization;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// Enum values that pages show as words, in the reader's language: one method per family, the <c>Enum.</c> texts
/// (English as the values always read: "Rare", "Easy", "Daily", "agent", "Moderate"). Families that already had their
/// words keep them: reward categories and redemption statuses are <c>Pages/Rewards/RewardText</c>, dispute statuses
/// <c>Pages/Disputes/DisputeText</c>, badge categories the badge gallery's <c>Badges.Category</c> texts. A value with no
/// text (a new one) reads as its name.
/// </summary>
public static class EnumText
{
    /// <summary>"Common", "Rare", "Legendary".</summary>
    public static string Rarity(IStringLocalizer l, BadgeRarity rarity) => Word(l, "Enum.Rarity", rarity);

    /// <summary>"Milestone", "Skill", "Behavior".</summary>
    public static string BadgeCategory(IStringLocalizer l, BadgeCategory category) => Word(l, "Badges.Category", category, separator: "");

    /// <summary>"Easy", "Medium", "Hard".</summary>
    public static string Difficulty(IStringLocalizer l, ChallengeDifficulty difficulty) => Word(l, "Enum.Difficulty", difficulty);

    /// <summary>"Daily", "Weekly", "Monthly", "Seasonal", "Special".</summary>
    public static string ChallengeType(IStringLocalizer l, ChallengeType type) => Word(l, "Enum.ChallengeType", type);

    /// <summary>"Ever", "Month", "Week": the period of a reward's limit per agent.</summary>
    public static string LimitPeriod(IStringLocalizer l, RewardLimitPeriod period) => Word(l, "Enum.LimitPeriod", period);

    /// <summary>A role as stored ("agent", "supervisor", "admin", "operator") in the reader's language.</summary>
    public static string Role(IStringLocalizer l, string role) => Named(l, "Enum.Role", role);

    /// <summary>Several roles, as the people list shows them: "agent, admin".</summary>
    public static string Roles(IStringLocalizer l, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return string.Join(", ", roles.Select(role => Role(l, role)));
    }

    /// <summary>"Aggressive", "Moderate", "Light": the preset a tenant was created with.</summary>
    public static string Preset(IStringLocalizer l, GamificationPreset preset) => Word(l, "Enum.Preset", preset);

    private static string Word<T>(IStringLocalizer l, string prefix, T value, string separator = ".")
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(l);
        return Enum.IsDefined(value) ? l[$"{prefix}{separator}{value}"] : value.ToString();
    }

    /// <summary>The text of a stored name, or the name itself when it has none.</summary>
    private static string Named(IStringLocalizer l, string prefix, string name)
    {
        ArgumentNullException.ThrowIfNull(l);
        var text = l[$"{prefix}.{name}"];
        return text.ResourceNotFound ? name : text.Value;
    }
}
