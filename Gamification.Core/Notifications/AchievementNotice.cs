namespace Gamification.Core.Notifications;

/// <summary>Something to celebrate in a committed change: a badge earned, a challenge completed, a level reached.</summary>
/// <param name="Title">"Century Club" / "Call Blitz" / "Level 4 (Silver)".</param>
/// <param name="Detail">A sentence for the celebration ("Badge unlocked: Complete 100 calls.").</param>
/// <param name="Points">The reward paid with it.</param>
/// <param name="Icon">The badge's icon, when it is a badge.</param>
/// <param name="Rarity">The badge's rarity, when it is a badge.</param>
public sealed record AchievementNotice(AchievementKind Kind, string Title, string Detail, long Points, string? Icon = null, BadgeRarity? Rarity = null);
