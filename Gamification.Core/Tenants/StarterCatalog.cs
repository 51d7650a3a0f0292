using System.Globalization;

using Gamification.Core.Badges;
using Gamification.Core.Challenges;
using Gamification.Core.Levels;
using Gamification.Core.Rewards;

namespace Gamification.Core.Tenants;

/// <summary>
/// The content a new tenant starts with (RULES.md: Levels, Badges, Challenges, Rewards), as unsaved
/// entities. Admins edit or deactivate any of it afterwards.
/// </summary>
public static class StarterCatalog
{
    public const int LevelCount = 10;
    public const long PointsPerLevel = 1000;

    /// <summary>Icon names the UI draws itself; a badge's icon is one of these or an uploaded image's URL.</summary>
    public static readonly IReadOnlyList<string> BuiltInIcons =
    [
        "phone", "star", "fire", "trophy", "medal", "rocket", "handshake", "sun", "moon", "clock",
        "target", "crown", "shield", "heart", "chat", "bolt", "chart", "calendar", "diamond", "users",
        "bronze", "silver", "gold",
    ];

    /// <summary>The tier of a level: Bronze (1-3), Silver (4-6), Gold (7-9), Legend (10).</summary>
    public static string TierOf(int levelNumber) => levelNumber switch
    {
        <= 3 => "Bronze",
        <= 6 => "Silver",
        <= 9 => "Gold",
        _ => "Legend",
    };

    private static string TierIcon(int levelNumber) => IconOfTier(TierOf(levelNumber));

    /// <summary>The level icon of a tier: bronze, silver, gold, crown for the four default tiers, else a plain medal.</summary>
    public static string IconOfTier(string tier) => tier.Trim().ToUpperInvariant() switch
    {
        "BRONZE" => "bronze",
        "SILVER" => "silver",
        "GOLD" => "gold",
        "LEGEND" => "crown",
        _ => "medal",
    };

    /// <summary>Ten levels; level N starts at (N - 1) x 1000 lifetime points.</summary>
    public static IReadOnlyList<PlayerLevel> Levels(Guid tenantId) =>
        Enumerable.Range(1, LevelCount).Select(n => new PlayerLevel
        {
            TenantId = tenantId,
            LevelNumber = n,
            Name = TierOf(n),
            Tier = TierOf(n),
            PointsRequired = n == 1 ? 0 : PointsPerLevel,
            PointsTotalRequired = (n - 1) * PointsPerLevel,
            Icon = TierIcon(n),
            UnlockPrivileges = Privileges(n),
        }).ToList();

    private static string Privileges(int n)
    {
        if (n == 1)
        {
            return "Bronze tier: the starting daily points cap and the rewards shop.";
        }

        // The default raise of 50 per level (GamificationConfig.DailyCapRaisePerLevel); admins edit the text if they change it.
        var cap = string.Create(CultureInfo.InvariantCulture, $"Daily points cap +{50 * (n - 1)} over level 1");
        return n switch
        {
            4 => cap + "; Silver tier and the silver level icon.",
            7 => cap + "; Gold tier and the gold level icon.",
            10 => cap + "; Legend tier and the crown level icon.",
            _ => cap + ".",
        };
    }

    public static IReadOnlyList<Badge> Badges(Guid tenantId, DateTimeOffset now)
    {
        Badge[] badges =
        [
            .. InCategory(BadgeCategory.Milestone,
                new() { Code = "first_call", Name = "Welcome", Description = "Complete your first call.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.TotalCalls, RequirementValue = 1, PointsReward = 10, Icon = "phone" },
                new() { Code = "10_calls_completed", Name = "Warming Up", Description = "Complete 10 calls.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.TotalCalls, RequirementValue = 10, PointsReward = 15, Icon = "phone" },
                new() { Code = "50_calls_completed", Name = "Half Century", Description = "Complete 50 calls.",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.TotalCalls, RequirementValue = 50, PointsReward = 50, Icon = "phone" },
                new() { Code = "100_calls_completed", Name = "Century Club", Description = "Complete 100 calls.",
                        Rarity = BadgeRarity.Epic, RequirementType = BadgeRequirement.TotalCalls, RequirementValue = 100, PointsReward = 250, Icon = "trophy" },
                new() { Code = "1000_calls_completed", Name = "Thousand Calls", Description = "Complete 1,000 calls.",
                        Rarity = BadgeRarity.Legendary, RequirementType = BadgeRequirement.TotalCalls, RequirementValue = 1000, PointsReward = 1000, Icon = "diamond" },
                new() { Code = "1000_lifetime_points", Name = "1,000 Lifetime Points", Description = "Earn 1,000 points in total (spending points does not count against you).",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.LifetimePoints, RequirementValue = 1000, PointsReward = 50, Icon = "chart" },
                new() { Code = "5000_lifetime_points", Name = "5,000 Lifetime Points", Description = "Earn 5,000 points in total (spending points does not count against you).",
                        Rarity = BadgeRarity.Rare, RequirementType = BadgeRequirement.LifetimePoints, RequirementValue = 5000, PointsReward = 100, Icon = "chart" },
                new() { Code = "streak_30", Name = "30-Day Streak", Description = "Earn points on 30 days in a row.",
                        Rarity = BadgeRarity.Legendary, RequirementType = BadgeRequirement.StreakDays, RequirementValue = 30, PointsReward = 500, Icon = "fire" }),

            .. InCategory(BadgeCategory.Skill,
                new() { Code = "first_conversion", Name = "First Close", Description = "Convert your first lead.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.Conversions, RequirementValue = 1, PointsReward = 15, Icon = "handshake" },
                new() { Code = "10_conversions", Name = "Deal Maker", Description = "Convert 10 leads.",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.Conversions, RequirementValue = 10, PointsReward = 50, Icon = "handshake" },
                new() { Code = "expert_closer", Name = "Expert Closer", Description = "Convert 50 leads.",
                        Rarity = BadgeRarity.Rare, RequirementType = BadgeRequirement.Conversions, RequirementValue = 50, PointsReward = 100, Icon = "target" },
                new() { Code = "master_closer", Name = "Master Closer", Description = "Convert 250 leads.",
                        Rarity = BadgeRarity.Epic, RequirementType = BadgeRequirement.Conversions, RequirementValue = 250, PointsReward = 250, Icon = "target" },
                new() { Code = "first_perfect_call", Name = "Five Stars", Description = "Get a 5-star customer rating on a call.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.PerfectCalls, RequirementValue = 1, PointsReward = 20, Icon = "star" },
                new() { Code = "10_perfect_calls", Name = "Perfectionist", Description = "Get a 5-star customer rating on 10 calls.",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.PerfectCalls, RequirementValue = 10, PointsReward = 50, Icon = "star" },
                new() { Code = "first_quality_review", Name = "Quality Check", Description = "Receive your first quality review.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.QualityReviews, RequirementValue = 1, PointsReward = 10, Icon = "shield" },
                new() { Code = "quality_champion", Name = "Quality Champion", Description = "Receive 25 quality reviews.",
                        Rarity = BadgeRarity.Rare, RequirementType = BadgeRequirement.QualityReviews, RequirementValue = 25, PointsReward = 100, Icon = "shield" },
                new() { Code = "speed_demon", Name = "Speed Demon", Description = "Complete 30 calls in one day.",
                        Rarity = BadgeRarity.Rare, RequirementType = BadgeRequirement.CallsInDay, RequirementValue = 30, PointsReward = 100, Icon = "bolt" },
                new() { Code = "team_player", Name = "Team Player", Description = "Complete 5 challenges (team challenges count).",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.ChallengesCompleted, RequirementValue = 5, PointsReward = 50, Icon = "users" }),

            .. InCategory(BadgeCategory.Behavior,
                new() { Code = "streak_3", Name = "On a Roll", Description = "Earn points on 3 days in a row.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.StreakDays, RequirementValue = 3, PointsReward = 20, Icon = "fire" },
                new() { Code = "streak_7", Name = "Week Warrior", Description = "Earn points on 7 days in a row.",
                        Rarity = BadgeRarity.Rare, RequirementType = BadgeRequirement.StreakDays, RequirementValue = 7, PointsReward = 100, Icon = "fire" },
                new() { Code = "consistency_king", Name = "Consistency King", Description = "Earn points on 14 days in a row.",
                        Rarity = BadgeRarity.Epic, RequirementType = BadgeRequirement.StreakDays, RequirementValue = 14, PointsReward = 250, Icon = "crown" },
                new() { Code = "early_bird", Name = "Early Bird", Description = "Complete a call before 08:00 local time.",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.CallsBeforeHour, RequirementValue = 8, PointsReward = 50, Icon = "sun" },
                new() { Code = "night_owl", Name = "Night Owl", Description = "Complete a call at or after 20:00 local time.",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.CallsAfterHour, RequirementValue = 20, PointsReward = 50, Icon = "moon" },
                new() { Code = "busy_bee", Name = "Busy Bee", Description = "Complete 15 calls in one day.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.CallsInDay, RequirementValue = 15, PointsReward = 25, Icon = "clock" },
                new() { Code = "marathon_runner", Name = "Marathon Runner", Description = "Complete 60 calls in one day.",
                        Rarity = BadgeRarity.Epic, RequirementType = BadgeRequirement.CallsInDay, RequirementValue = 60, PointsReward = 250, Icon = "clock" }),

            .. InCategory(BadgeCategory.Performance,
                new() { Code = "first_challenge", Name = "Challenge Accepted", Description = "Complete your first challenge.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.ChallengesCompleted, RequirementValue = 1, PointsReward = 15, Icon = "target" },
                new() { Code = "perfect_week", Name = "Perfect Week", Description = "Earn points on 5 days in a row, a full working week.",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.StreakDays, RequirementValue = 5, PointsReward = 50, Icon = "calendar" },
                new() { Code = "rising_star", Name = "Rising Star", Description = "Finish a week in the top 10 of the weekly leaderboard.",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.WeeklyRank, RequirementValue = 10, PointsReward = 50, Icon = "rocket" },
                new() { Code = "podium_finish", Name = "Podium Finish", Description = "Finish a week in the top 3 of the weekly leaderboard.",
                        Rarity = BadgeRarity.Rare, RequirementType = BadgeRequirement.WeeklyRank, RequirementValue = 3, PointsReward = 100, Icon = "medal" },
                new() { Code = "top_performer", Name = "Top Performer", Description = "Finish a week at rank 1 of the weekly leaderboard.",
                        Rarity = BadgeRarity.Epic, RequirementType = BadgeRequirement.WeeklyRank, RequirementValue = 1, PointsReward = 250, Icon = "trophy" },
                new() { Code = "challenge_master", Name = "Challenge Master", Description = "Complete 50 challenges.",
                        Rarity = BadgeRarity.Epic, RequirementType = BadgeRequirement.ChallengesCompleted, RequirementValue = 50, PointsReward = 250, Icon = "target" },
                new() { Code = "undefeated", Name = "Undefeated", Description = "Get a 5-star customer rating on 100 calls.",
                        Rarity = BadgeRarity.Legendary, RequirementType = BadgeRequirement.PerfectCalls, RequirementValue = 100, PointsReward = 500, Icon = "shield" }),

            .. InCategory(BadgeCategory.Social,
                new() { Code = "first_feedback", Name = "Customer Voice", Description = "Receive your first customer feedback.",
                        Rarity = BadgeRarity.Common, RequirementType = BadgeRequirement.FeedbackCount, RequirementValue = 1, PointsReward = 10, Icon = "chat" },
                new() { Code = "helpful_teammate", Name = "Helpful Teammate", Description = "Awarded by an admin to an agent who helped teammates.",
                        Rarity = BadgeRarity.Uncommon, RequirementType = BadgeRequirement.Manual, RequirementValue = 1, PointsReward = 50, Icon = "heart" },
                new() { Code = "social_butterfly", Name = "Social Butterfly", Description = "Receive 25 customer feedbacks.",
                        Rarity = BadgeRarity.Rare, RequirementType = BadgeRequirement.FeedbackCount, RequirementValue = 25, PointsReward = 100, Icon = "chat" },
                new() { Code = "mentor", Name = "Mentor", Description = "Awarded by an admin to an agent who coached a new colleague.",
                        Rarity = BadgeRarity.Rare, RequirementType = BadgeRequirement.Manual, RequirementValue = 1, PointsReward = 100, Icon = "users" },
                new() { Code = "community_champion", Name = "Community Champion", Description = "Complete 25 challenges (team challenges count).",
                        Rarity = BadgeRarity.Epic, RequirementType = BadgeRequirement.ChallengesCompleted, RequirementValue = 25, PointsReward = 250, Icon = "handshake" },
                new() { Code = "crowd_favorite", Name = "Crowd Favorite", Description = "Receive 100 customer feedbacks.",
                        Rarity = BadgeRarity.Epic, RequirementType = BadgeRequirement.FeedbackCount, RequirementValue = 100, PointsReward = 250, Icon = "heart" },
                new() { Code = "voice_of_the_customer", Name = "Voice of the Customer", Description = "Receive 250 customer feedbacks.",
                        Rarity = BadgeRarity.Legendary, RequirementType = BadgeRequirement.FeedbackCount, RequirementValue = 250, PointsReward = 500, Icon = "diamond" }),

            .. LevelBadges(),
        ];

        foreach (var badge in badges)
        {
            badge.TenantId = tenantId;
            badge.CreatedAt = now;
            badge.IsActive = true;
        }

        return badges;
    }

    private static Badge[] InCategory(BadgeCategory category, params Badge[] badges)
    {
        foreach (var badge in badges)
        {
            badge.Category = category;
        }

        return badges;
    }

    /// <summary>"That level's badge" (RULES.md, Levels) for levels 2 to 10.</summary>
    private static IEnumerable<Badge> LevelBadges() =>
        Enumerable.Range(2, LevelCount - 1).Select(n =>
        {
            var (rarity, reward) = n switch
            {
                <= 3 => (BadgeRarity.Common, 25),
                <= 5 => (BadgeRarity.Uncommon, 50),
                <= 7 => (BadgeRarity.Rare, 100),
                <= 9 => (BadgeRarity.Epic, 250),
                _ => (BadgeRarity.Legendary, 1000),
            };
            return new Badge
            {
                Code = string.Create(CultureInfo.InvariantCulture, $"level_{n}"),
                Name = string.Create(CultureInfo.InvariantCulture, $"Level {n} Reached"),
                Description = string.Create(CultureInfo.InvariantCulture,
                    $"Reach level {n} ({TierOf(n)}) by earning {(n - 1) * PointsPerLevel:N0} lifetime points."),
                Category = BadgeCategory.Milestone,
                Rarity = rarity,
                RequirementType = BadgeRequirement.Level,
                RequirementValue = n,
                PointsReward = reward,
                Icon = TierIcon(n),
            };
        });

    /// <summary>
    /// Starter challenges on the preset's cadence as <see cref="TenantPresets.Apply"/> sets it
    /// (moderate: daily, weekly, monthly; aggressive: daily, weekly; light: weekly), a weekly team
    /// challenge and a seasonal one whose points target follows the preset's points per call.
    /// </summary>
    public static IReadOnlyList<Challenge> Challenges(Guid tenantId, GamificationPreset preset, DateTimeOffset now)
    {
        var config = TenantPresets.Create(tenantId, preset, now);
        var challenges = new List<Challenge>();

        if (config.DailyChallenges)
        {
            challenges.AddRange(
            [
                new() { Name = "Daily Ten", Description = "Complete 10 calls today.",
                        ChallengeType = ChallengeType.Daily, ObjectiveType = ObjectiveType.TotalCalls, ObjectiveTarget = 10, PointsReward = 10, Difficulty = ChallengeDifficulty.Easy },
                new() { Name = "Closer of the Day", Description = "Convert 3 leads today.",
                        ChallengeType = ChallengeType.Daily, ObjectiveType = ObjectiveType.Conversions, ObjectiveTarget = 3, PointsReward = 25, Difficulty = ChallengeDifficulty.Easy },
                new() { Name = "Star of the Day", Description = "Get a 5-star customer rating on 3 calls today.",
                        ChallengeType = ChallengeType.Daily, ObjectiveType = ObjectiveType.PerfectCalls, ObjectiveTarget = 3, PointsReward = 20, Difficulty = ChallengeDifficulty.Easy },
            ]);
        }

        if (config.WeeklyChallenges)
        {
            challenges.AddRange(
            [
                new() { Name = "Call Blitz", Description = "Complete 50 calls this week (Monday to Sunday).",
                        ChallengeType = ChallengeType.Weekly, ObjectiveType = ObjectiveType.TotalCalls, ObjectiveTarget = 50, PointsReward = 100, Difficulty = ChallengeDifficulty.Medium },
                new() { Name = "Deal Week", Description = "Convert 10 leads this week.",
                        ChallengeType = ChallengeType.Weekly, ObjectiveType = ObjectiveType.Conversions, ObjectiveTarget = 10, PointsReward = 100, Difficulty = ChallengeDifficulty.Medium },
                new() { Name = "Five-Star Week", Description = "Get a 5-star customer rating on 10 calls this week.",
                        ChallengeType = ChallengeType.Weekly, ObjectiveType = ObjectiveType.PerfectCalls, ObjectiveTarget = 10, PointsReward = 75, Difficulty = ChallengeDifficulty.Medium },
                new() { Name = "Happy Customers", Description = "Keep an average customer rating of 4 or more over at least 10 rated calls this week.",
                        ChallengeType = ChallengeType.Weekly, ObjectiveType = ObjectiveType.AvgRating, ObjectiveTarget = 4, MinRatedCalls = 10, PointsReward = 50, Difficulty = ChallengeDifficulty.Medium },
                new() { Name = "Team Rally", Description = "Complete 250 calls this week together as a team; every member earns the reward.",
                        ChallengeType = ChallengeType.Weekly, ObjectiveType = ObjectiveType.TotalCalls, ObjectiveTarget = 250, PointsReward = 100, Difficulty = ChallengeDifficulty.Medium, IsTeamChallenge = true },
            ]);
        }

        if (config.MonthlyChallenges)
        {
            challenges.AddRange(
            [
                new() { Name = "Monthly Marathon", Description = "Complete 200 calls this month.",
                        ChallengeType = ChallengeType.Monthly, ObjectiveType = ObjectiveType.TotalCalls, ObjectiveTarget = 200, PointsReward = 300, Difficulty = ChallengeDifficulty.Hard },
                new() { Name = "Monthly Closer", Description = "Convert 50 leads this month.",
                        ChallengeType = ChallengeType.Monthly, ObjectiveType = ObjectiveType.Conversions, ObjectiveTarget = 50, PointsReward = 500, Difficulty = ChallengeDifficulty.Hard },
                new() { Name = "Quality Focus", Description = "Receive 20 quality reviews this month.",
                        ChallengeType = ChallengeType.Monthly, ObjectiveType = ObjectiveType.QualityReviews, ObjectiveTarget = 20, PointsReward = 200, Difficulty = ChallengeDifficulty.Hard },
            ]);
        }

        // About a thousand calls' worth of points per quarter, whatever the preset pays per call.
        var seasonTarget = config.PointsPerCall * 1000;
        challenges.Add(new()
        {
            Name = "Quarter Champion",
            Description = string.Create(CultureInfo.InvariantCulture, $"Earn {seasonTarget:N0} points this quarter."),
            ChallengeType = ChallengeType.Seasonal,
            ObjectiveType = ObjectiveType.PointsEarned,
            ObjectiveTarget = seasonTarget,
            PointsReward = 1000,
            Difficulty = ChallengeDifficulty.Hard,
        });

        foreach (var challenge in challenges)
        {
            challenge.TenantId = tenantId;
            challenge.StartDate = now;
            challenge.EndDate = null;
            challenge.IsActive = true;
            challenge.CreatedAt = now;
        }

        return challenges;
    }

    public static IReadOnlyList<RewardItem> Rewards(Guid tenantId, DateTimeOffset now)
    {
        RewardItem[] rewards =
        [
            new() { Name = "10% Company Swag Discount", Description = "Get 10% off company merchandise.",
                    Category = RewardCategory.Discount, PointsCost = 500, Featured = true, RedemptionDetails = "SWAG10-{code}" },
            new() { Name = "Free Cafeteria Lunch", Description = "One free lunch at the company cafeteria.",
                    Category = RewardCategory.Discount, PointsCost = 300, RedemptionDetails = "LUNCH-{code}", CodeValidityDays = 14, PerAgentLimit = 2, LimitPeriod = RewardLimitPeriod.Week },
            new() { Name = "Shift Swap Pass", Description = "Swap one shift with a colleague without the usual notice period.",
                    Category = RewardCategory.Digital, PointsCost = 400, RedemptionDetails = "Give code SWAP-{code} to your scheduler.", PerAgentLimit = 1, LimitPeriod = RewardLimitPeriod.Month },
            new() { Name = "E-Learning Course Credit", Description = "One course of your choice on the company e-learning platform.",
                    Category = RewardCategory.Digital, PointsCost = 800, RedemptionDetails = "LEARN-{code}", CodeValidityDays = 90, PerAgentLimit = 1, LimitPeriod = RewardLimitPeriod.Month },
            new() { Name = "Extra Break (15 min)", Description = "A 15-minute extra break, scheduled with your supervisor.",
                    Category = RewardCategory.Experience, PointsCost = 250, RequiresApproval = true, RedemptionDetails = "Show code BREAK-{code} to your supervisor to schedule the break.", CodeValidityDays = 14, PerAgentLimit = 2, LimitPeriod = RewardLimitPeriod.Week },
            new() { Name = "Training Workshop Seat", Description = "A seat at the next skills workshop, during working hours.",
                    Category = RewardCategory.Experience, PointsCost = 1500, Stock = 10, RequiresApproval = true, RedemptionDetails = "Enrol with code WORKSHOP-{code}.", CodeValidityDays = 60 },
            new() { Name = "Team Lunch", Description = "Lunch out for you and your team, paid by the company.",
                    Category = RewardCategory.Experience, PointsCost = 2000, RequiresApproval = true, Featured = true, RedemptionDetails = "Your admin books the lunch; reference TEAMLUNCH-{code}.", PerAgentLimit = 1, LimitPeriod = RewardLimitPeriod.Month },
            new() { Name = "Conference Ticket", Description = "A ticket to an industry conference of your choice (travel not included).",
                    Category = RewardCategory.Experience, PointsCost = 10000, Stock = 2, RequiresApproval = true, Featured = true, RedemptionDetails = "Your admin buys the ticket; reference CONF-{code}.", CodeValidityDays = 90 },
            new() { Name = "Company Hoodie", Description = "A hoodie with the company logo, in your size.",
                    Category = RewardCategory.Physical, PointsCost = 1200, Stock = 25, RequiresApproval = true, RedemptionDetails = "Collect it from the office with code HOODIE-{code}." },
            new() { Name = "Gift Card $25", Description = "A $25 gift card for a major online store.",
                    Category = RewardCategory.Physical, PointsCost = 2500, Stock = 20, RequiresApproval = true, RedemptionDetails = "Your admin sends the card; reference GIFT25-{code}.", CodeValidityDays = 60, PerAgentLimit = 1, LimitPeriod = RewardLimitPeriod.Month },
            new() { Name = "Premium Headset", Description = "A noise-cancelling headset for your calls.",
                    Category = RewardCategory.Physical, PointsCost = 5000, Stock = 5, RequiresApproval = true, Featured = true, RedemptionDetails = "Collect it from IT with code HEADSET-{code}." },
        ];

        foreach (var reward in rewards)
        {
            reward.TenantId = tenantId;
            reward.IsActive = true;
            reward.CreatedAt = now;
        }

        return rewards;
    }
}
