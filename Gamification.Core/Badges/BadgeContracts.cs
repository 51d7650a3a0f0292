namespace Gamification.Core.Badges;

/// <summary>A badge of the tenant's catalog as admins see it, with how many people earned it.</summary>
public sealed record BadgeView(
    long Id,
    string Code,
    string Name,
    string Description,
    BadgeCategory Category,
    BadgeRarity Rarity,
    BadgeRequirement RequirementType,
    int RequirementValue,
    int PointsReward,
    string Icon,
    bool IsActive,
    int EarnedCount,
    DateTimeOffset CreatedAt);

/// <summary>A badge a user earned, with when and why.</summary>
public sealed record EarnedBadge(
    long BadgeId,
    string Code,
    string Name,
    string Description,
    BadgeCategory Category,
    BadgeRarity Rarity,
    string Icon,
    int PointsReward,
    DateTimeOffset EarnedDate,
    string? Reason)
{
    /// <summary>The badge's id under the guide's name (the same as <see cref="BadgeId"/>).</summary>
    public long Id => BadgeId;
}

/// <summary>
/// A user's way to a badge: earned (with the date), or locked with progress toward the requirement and a plain
/// sentence saying what is still needed ("12 more calls").
/// </summary>
/// <param name="Progress">The user's counter for the requirement (capped at <paramref name="Target"/>).</param>
/// <param name="Target">The requirement value (1 for badges that are awarded or not, like Early Bird).</param>
public sealed record BadgeProgress(
    long BadgeId,
    string Code,
    string Name,
    string Description,
    BadgeCategory Category,
    BadgeRarity Rarity,
    BadgeRequirement RequirementType,
    int RequirementValue,
    string Icon,
    int PointsReward,
    bool Earned,
    DateTimeOffset? EarnedDate,
    int Progress,
    int Target,
    int ProgressPercent,
    string Needed)
{
    /// <summary>The badge's id under the guide's name (the same as <see cref="BadgeId"/>).</summary>
    public long Id => BadgeId;

    /// <summary>What the badge asks, in a sentence ("Complete 100 calls"), as the guide's badge list shows it.</summary>
    public string Requirement => BadgeRules.Describe(RequirementType, RequirementValue);
}

/// <summary>Filters for the admin badge list; all optional.</summary>
public sealed record BadgeFilter(string? Search = null, BadgeCategory? Category = null, BadgeRarity? Rarity = null, bool IncludeInactive = true);

/// <summary>What an admin sends to create or edit a badge. Missing values are reported as validation errors.</summary>
/// <param name="Icon">A built-in icon name (<see cref="Tenants.StarterCatalog.BuiltInIcons"/>) or an uploaded image (<c>image:{id}</c>).</param>
public sealed record BadgeInput(
    string? Code,
    string? Name,
    string? Description,
    BadgeCategory? Category,
    BadgeRarity? Rarity,
    BadgeRequirement? RequirementType,
    int? RequirementValue,
    int? PointsReward,
    string? Icon,
    bool? IsActive = null);

/// <summary>The answer to a manual award.</summary>
public sealed record BadgeAwardResult(string UserId, long BadgeId, string BadgeName, DateTimeOffset EarnedAt, long PointsAwarded, long CurrentPoints);

/// <summary>An uploaded badge image as stored.</summary>
public sealed record BadgeImageData(long Id, string ContentType, byte[] Content);
