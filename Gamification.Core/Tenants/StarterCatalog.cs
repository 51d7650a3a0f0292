using System.Text.RegularExpressions;

namespace Gamification.Core.Tenants;

/// <summary>
/// The content a new tenant starts with (RULES.md: Levels, Badges, Challenges, Rewards), as unsaved
/// entities, in the tenant's language: the English is written here, other languages come from CoreText's
/// <c>Starter.*</c> entries (an entry missing there stays English). Admins edit or deactivate any of it afterwards.
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

    /// <summary>
    /// Which of the four default tiers <paramref name="tier"/> names, in any language the app speaks ("Gold", "Oro"):
    /// "bronze", "silver", "gold" or "legend"; null for a tier an admin named otherwise.
    /// </summary>
    public static string? TierKey(string? tier) => tier?.Trim().ToUpperInvariant() switch
    {
        "BRONZE" or "BRONCE" => "bronze",
        "SILVER" or "PLATA" => "silver",
        "GOLD" or "ORO" => "gold",
        "LEGEND" or "LEYENDA" => "legend",
        _ => null,
    };

    /// <summary>The level icon of a tier: bronze, silver, gold, crown for the four default tiers, else a plain medal.</summary>
    public static string IconOfTier(string tier) => TierKey(tier) switch
    {
        "legend" => "crown",
        { } key => key,
        null => "medal",
    };

    /// <summary>The starter texts in one language: <see cref="Of"/> gives the entry for a key, or the English given.</summary>
    private sealed class Words(string? language)
    {
        private readonly CultureInfo? culture =
            Languages.Normalize(language) is { } code && code != Languages.English ? CultureInfo.GetCultureInfo(code) : null;

        public CultureInfo Culture => culture ?? CultureInfo.InvariantCulture;

        public string Of(string key, string english) => culture is null ? english : CoreText.Find($"Starter.{key}", culture) ?? english;

        public string Format(string key, string english, params object[] args) => string.Format(Culture, Of(key, english), args);
    }

    /// <summary>"Closer of the Day" gives "CloserOfTheDay", "Extra Break (15 min)" gives "ExtraBreak15Min": the key of a starter text.</summary>
    internal static string KeyOf(string englishName) =>
        string.Concat(Regex.Split(englishName, "[^A-Za-z0-9]+").Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>Ten levels; level N starts at (N - 1) x 1000 lifetime points. Names and tiers in the tenant's language.</summary>
    public static IReadOnlyList<PlayerLevel> Levels(Guid tenantId, string? language = null)
    {
        var words = new Words(language);
        return Enumerable.Range(1, LevelCount).Select(n => new PlayerLevel
        {
            TenantId = tenantId,
            LevelNumber = n,
            Name = TierName(words, n),
            Tier = TierName(words, n),
            PointsRequired = n == 1 ? 0 : PointsPerLevel,
            PointsTotalRequired = (n - 1) * PointsPerLevel,
            Icon = TierIcon(n),
            UnlockPrivileges = Privileges(words, n),
        }).ToList();
    }

    private static string TierName(Words words, int n) => words.Of($"Tier.{TierOf(n)}", TierOf(n));

    private static string Privileges(Words words, int n)
    {
        if (n == 1)
        {
            return words.Of("Privileges.First", "Bronze tier: the starting daily points cap and the rewards shop.");
        }

        // The default raise of 50 per level (GamificationConfig.DailyCapRaisePerLevel); admins edit the text if they change it.
        var cap = words.Format("Privileges.Cap", "Daily points cap +{0} over level 1", 50 * (n - 1));
        return n switch
        {
            4 => cap + words.Of("Privileges.Silver", "; Silver tier and the silver level icon."),
            7 => cap + words.Of("Privileges.Gold", "; Gold tier and the gold level icon."),
            10 => cap + words.Of("Privileges.Legend", "; Legend tier and the crown level icon."),
            _ => cap + ".",
        };
    }

    /// <summary>The starter badges (names and descriptions in the tenant's language; codes stay as they are).</summary>
    public static IReadOnlyList<Badge> Badges(Guid tenantId, DateTimeOffset now, string? language = null)
    {
        var words = new Words(language);
        Badge[] badges =
        [
            Row(BadgeCategory.Milestone, "first_call", "Welcome", BadgeRarity.Common, BadgeRequirement.TotalCalls, 1, 10, "phone", "Complete your first call."),
            Row(BadgeCategory.Milestone, "10_calls_completed", "Warming Up", BadgeRarity.Common, BadgeRequirement.TotalCalls, 10, 15, "phone", "Complete 10 calls."),
            Row(BadgeCategory.Milestone, "50_calls_completed", "Half Century", BadgeRarity.Uncommon, BadgeRequirement.TotalCalls, 50, 50, "phone", "Complete 50 calls."),
            Row(BadgeCategory.Milestone, "100_calls_completed", "Century Club", BadgeRarity.Epic, BadgeRequirement.TotalCalls, 100, 250, "trophy", "Complete 100 calls."),
            Row(BadgeCategory.Milestone, "1000_calls_completed", "Thousand Calls", BadgeRarity.Legendary, BadgeRequirement.TotalCalls, 1000, 1000, "diamond", "Complete 1,000 calls."),
            Row(BadgeCategory.Milestone, "1000_lifetime_points", "1,000 Lifetime Points", BadgeRarity.Uncommon, BadgeRequirement.LifetimePoints, 1000, 50, "chart", "Earn 1,000 points in total (spending points does not count against you)."),
            Row(BadgeCategory.Milestone, "5000_lifetime_points", "5,000 Lifetime Points", BadgeRarity.Rare, BadgeRequirement.LifetimePoints, 5000, 100, "chart", "Earn 5,000 points in total (spending points does not count against you)."),
            Row(BadgeCategory.Milestone, "streak_30", "30-Day Streak", BadgeRarity.Legendary, BadgeRequirement.StreakDays, 30, 500, "fire", "Earn points on 30 days in a row."),
            Row(BadgeCategory.Skill, "first_conversion", "First Close", BadgeRarity.Common, BadgeRequirement.Conversions, 1, 15, "handshake", "Convert your first lead."),
            Row(BadgeCategory.Skill, "10_conversions", "Deal Maker", BadgeRarity.Uncommon, BadgeRequirement.Conversions, 10, 50, "handshake", "Convert 10 leads."),
            Row(BadgeCategory.Skill, "expert_closer", "Expert Closer", BadgeRarity.Rare, BadgeRequirement.Conversions, 50, 100, "target", "Convert 50 leads."),
            Row(BadgeCategory.Skill, "master_closer", "Master Closer", BadgeRarity.Epic, BadgeRequirement.Conversions, 250, 250, "target", "Convert 250 leads."),
            Row(BadgeCategory.Skill, "first_perfect_call", "Five Stars", BadgeRarity.Common, BadgeRequirement.PerfectCalls, 1, 20, "star", "Get a 5-star customer rating on a call."),
            Row(BadgeCategory.Skill, "10_perfect_calls", "Perfectionist", BadgeRarity.Uncommon, BadgeRequirement.PerfectCalls, 10, 50, "star", "Get a 5-star customer rating on 10 calls."),
            Row(BadgeCategory.Skill, "first_quality_review", "Quality Check", BadgeRarity.Common, BadgeRequirement.QualityReviews, 1, 10, "shield", "Receive your first quality review."),
            Row(BadgeCategory.Skill, "quality_champion", "Quality Champion", BadgeRarity.Rare, BadgeRequirement.QualityReviews, 25, 100, "shield", "Receive 25 quality reviews."),
            Row(BadgeCategory.Skill, "speed_demon", "Speed Demon", BadgeRarity.Rare, BadgeRequirement.CallsInDay, 30, 100, "bolt", "Complete 30 calls in one day."),
            Row(BadgeCategory.Skill, "team_player", "Team Player", BadgeRarity.Uncommon, BadgeRequirement.ChallengesCompleted, 5, 50, "users", "Complete 5 challenges (team challenges count)."),
            Row(BadgeCategory.Behavior, "streak_3", "On a Roll", BadgeRarity.Common, BadgeRequirement.StreakDays, 3, 20, "fire", "Earn points on 3 days in a row."),
            Row(BadgeCategory.Behavior, "streak_7", "Week Warrior", BadgeRarity.Rare, BadgeRequirement.StreakDays, 7, 100, "fire", "Earn points on 7 days in a row."),
            Row(BadgeCategory.Behavior, "consistency_king", "Consistency King", BadgeRarity.Epic, BadgeRequirement.StreakDays, 14, 250, "crown", "Earn points on 14 days in a row."),
            Row(BadgeCategory.Behavior, "early_bird", "Early Bird", BadgeRarity.Uncommon, BadgeRequirement.CallsBeforeHour, 8, 50, "sun", "Complete a call before 08:00 local time."),
            Row(BadgeCategory.Behavior, "night_owl", "Night Owl", BadgeRarity.Uncommon, BadgeRequirement.CallsAfterHour, 20, 50, "moon", "Complete a call at or after 20:00 local time."),
            Row(BadgeCategory.Behavior, "busy_bee", "Busy Bee", BadgeRarity.Common, BadgeRequirement.CallsInDay, 15, 25, "clock", "Complete 15 calls in one day."),
            Row(BadgeCategory.Behavior, "marathon_runner", "Marathon Runner", BadgeRarity.Epic, BadgeRequirement.CallsInDay, 60, 250, "clock", "Complete 60 calls in one day."),
            Row(BadgeCategory.Performance, "first_challenge", "Challenge Accepted", BadgeRarity.Common, BadgeRequirement.ChallengesCompleted, 1, 15, "target", "Complete your first challenge."),
            Row(BadgeCategory.Performance, "perfect_week", "Perfect Week", BadgeRarity.Uncommon, BadgeRequirement.StreakDays, 5, 50, "calendar", "Earn points on 5 days in a row, a full working week."),
            Row(BadgeCategory.Performance, "rising_star", "Rising Star", BadgeRarity.Uncommon, BadgeRequirement.WeeklyRank, 10, 50, "rocket", "Finish a week in the top 10 of the weekly leaderboard."),
            Row(BadgeCategory.Performance, "podium_finish", "Podium Finish", BadgeRarity.Rare, BadgeRequirement.WeeklyRank, 3, 100, "medal", "Finish a week in the top 3 of the weekly leaderboard."),
            Row(BadgeCategory.Performance, "top_performer", "Top Performer", BadgeRarity.Epic, BadgeRequirement.WeeklyRank, 1, 250, "trophy", "Finish a week at rank 1 of the weekly leaderboard."),
            Row(BadgeCategory.Performance, "challenge_master", "Challenge Master", BadgeRarity.Epic, BadgeRequirement.ChallengesCompleted, 50, 250, "target", "Complete 50 challenges."),
            Row(BadgeCategory.Performance, "undefeated", "Undefeated", BadgeRarity.Legendary, BadgeRequirement.PerfectCalls, 100, 500, "shield", "Get a 5-star customer rating on 100 calls."),
            Row(BadgeCategory.Social, "first_feedback", "Customer Voice", BadgeRarity.Common, BadgeRequirement.FeedbackCount, 1, 10, "chat", "Receive your first customer feedback."),
            Row(BadgeCategory.Social, "helpful_teammate", "Helpful Teammate", BadgeRarity.Uncommon, BadgeRequirement.Manual, 1, 50, "heart", "Awarded by an admin to an agent who helped teammates."),
            Row(BadgeCategory.Social, "social_butterfly", "Social Butterfly", BadgeRarity.Rare, BadgeRequirement.FeedbackCount, 25, 100, "chat", "Receive 25 customer feedbacks."),
            Row(BadgeCategory.Social, "mentor", "Mentor", BadgeRarity.Rare, BadgeRequirement.Manual, 1, 100, "users", "Awarded by an admin to an agent who coached a new colleague."),
            Row(BadgeCategory.Social, "community_champion", "Community Champion", BadgeRarity.Epic, BadgeRequirement.ChallengesCompleted, 25, 250, "handshake", "Complete 25 challenges (team challenges count)."),
            Row(BadgeCategory.Social, "crowd_favorite", "Crowd Favorite", BadgeRarity.Epic, BadgeRequirement.FeedbackCount, 100, 250, "heart", "Receive 100 customer feedbacks."),
            Row(BadgeCategory.Social, "voice_of_the_customer", "Voice of the Customer", BadgeRarity.Legendary, BadgeRequirement.FeedbackCount, 250, 500, "diamond", "Receive 250 customer feedbacks."),

            .. LevelBadges(words),
        ];

        foreach (var badge in badges)
        {
            if (!badge.Code.StartsWith("level_", StringComparison.Ordinal))
            {
                badge.Name = words.Of($"Badge.{badge.Code}.Name", badge.Name);
                badge.Description = words.Of($"Badge.{badge.Code}.Description", badge.Description);
            }
            badge.TenantId = tenantId;
            badge.CreatedAt = now;
            badge.IsActive = true;
        }

        return badges;
    }

    /// <summary>One row of the starter badge table: category, code, name, rarity, requirement and its value, reward, icon, description.</summary>
    private static Badge Row(
        BadgeCategory category, string code, string name, BadgeRarity rarity, BadgeRequirement requirement, int value, int reward, string icon, string description) =>
        new()
        {
            Category = category,
            Code = code,
            Name = name,
            Description = description,
            Rarity = rarity,
            RequirementType = requirement,
            RequirementValue = value,
            PointsReward = reward,
            Icon = icon,
        };

    /// <summary>"That level's badge" (RULES.md, Levels) for levels 2 to 10.</summary>
    private static IEnumerable<Badge> LevelBadges(Words words) =>
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
                Name = words.Format("LevelBadge.Name", "Level {0} Reached", n),
                Description = words.Format("LevelBadge.Description", "Reach level {0} ({1}) by earning {2:N0} lifetime points.",
                    n, TierName(words, n), (n - 1) * PointsPerLevel),
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
    /// challenge, a seasonal one whose points target follows the preset's points per call, and a seasonal top 3.
    /// </summary>
    public static IReadOnlyList<Challenge> Challenges(Guid tenantId, GamificationPreset preset, DateTimeOffset now, string? language = null)
    {
        var words = new Words(language);
        var config = TenantPresets.Create(tenantId, preset, now);
        var challenges = new List<Challenge>
        {
            Row(ChallengeType.Daily, ObjectiveType.TotalCalls, 10, 10, ChallengeDifficulty.Easy, "Daily Ten", "Complete 10 calls today."),
            Row(ChallengeType.Daily, ObjectiveType.Conversions, 3, 25, ChallengeDifficulty.Easy, "Closer of the Day", "Convert 3 leads today."),
            Row(ChallengeType.Daily, ObjectiveType.PerfectCalls, 3, 20, ChallengeDifficulty.Easy, "Star of the Day", "Get a 5-star customer rating on 3 calls today."),
            Row(ChallengeType.Weekly, ObjectiveType.TotalCalls, 50, 100, ChallengeDifficulty.Medium, "Call Blitz", "Complete 50 calls this week (Monday to Sunday)."),
            Row(ChallengeType.Weekly, ObjectiveType.Conversions, 10, 100, ChallengeDifficulty.Medium, "Deal Week", "Convert 10 leads this week."),
            Row(ChallengeType.Weekly, ObjectiveType.PerfectCalls, 10, 75, ChallengeDifficulty.Medium, "Five-Star Week", "Get a 5-star customer rating on 10 calls this week."),
            Row(ChallengeType.Weekly, ObjectiveType.AvgRating, 4, 50, ChallengeDifficulty.Medium, "Happy Customers", "Keep an average customer rating of 4 or more over at least 10 rated calls this week.", minRatedCalls: 10),
            Row(ChallengeType.Weekly, ObjectiveType.TotalCalls, 250, 100, ChallengeDifficulty.Medium, "Team Rally", "Complete 250 calls this week together as a team; every member earns the reward.", team: true),
            Row(ChallengeType.Monthly, ObjectiveType.TotalCalls, 200, 300, ChallengeDifficulty.Hard, "Monthly Marathon", "Complete 200 calls this month."),
            Row(ChallengeType.Monthly, ObjectiveType.Conversions, 50, 500, ChallengeDifficulty.Hard, "Monthly Closer", "Convert 50 leads this month."),
            Row(ChallengeType.Monthly, ObjectiveType.QualityReviews, 20, 200, ChallengeDifficulty.Hard, "Quality Focus", "Receive 20 quality reviews this month."),
            Row(ChallengeType.Monthly, ObjectiveType.SatisfactionRate, 90, 300, ChallengeDifficulty.Hard, "90% Satisfaction", "Get 4 or 5 stars on at least 90% of your rated calls this month (at least 20 rated calls).", minRatedCalls: 20),
        };
        challenges.RemoveAll(c => c.ChallengeType switch
        {
            ChallengeType.Daily => !config.DailyChallenges,
            ChallengeType.Weekly => !config.WeeklyChallenges,
            ChallengeType.Monthly => !config.MonthlyChallenges,
            _ => false,
        });

        // About a thousand calls' worth of points per quarter, whatever the preset pays per call.
        var seasonTarget = config.PointsPerCall * 1000;
        challenges.Add(new()
        {
            Name = "Quarter Champion",
            Description = words.Format("Challenge.QuarterChampion.Description", "Earn {0:N0} points this quarter.", seasonTarget),
            ChallengeType = ChallengeType.Seasonal,
            ObjectiveType = ObjectiveType.PointsEarned,
            ObjectiveTarget = seasonTarget,
            PointsReward = 1000,
            Difficulty = ChallengeDifficulty.Hard,
        });
        // The guide's "Q1 Top Performer": the quarter's top 3 on the leaderboard, paid once the quarter's ranks are final.
        challenges.Add(Row(ChallengeType.Seasonal, ObjectiveType.LeaderboardRank, 3, 1000, ChallengeDifficulty.Hard, "Top Performer of the Quarter",
            "Finish the quarter in the top 3 of the leaderboard; paid two days after the quarter ends."));

        foreach (var challenge in challenges)
        {
            var key = KeyOf(challenge.Name);
            challenge.Name = words.Of($"Challenge.{key}.Name", challenge.Name);
            if (challenge.ObjectiveType != ObjectiveType.PointsEarned)
            {
                // The quarter champion's description has its figure in it: written in the language above.
                challenge.Description = words.Of($"Challenge.{key}.Description", challenge.Description);
            }
            challenge.TenantId = tenantId;
            challenge.StartDate = now;
            challenge.EndDate = null;
            challenge.IsActive = true;
            challenge.CreatedAt = now;
        }

        return challenges;
    }

    /// <summary>One row of the starter challenge table: cadence, objective and target, reward, difficulty, name, description.</summary>
    private static Challenge Row(
        ChallengeType type, ObjectiveType objective, int target, int reward, ChallengeDifficulty difficulty, string name, string description,
        int minRatedCalls = 0, bool team = false) =>
        new()
        {
            Name = name,
            Description = description,
            ChallengeType = type,
            ObjectiveType = objective,
            ObjectiveTarget = target,
            MinRatedCalls = minRatedCalls,
            PointsReward = reward,
            Difficulty = difficulty,
            IsTeamChallenge = team,
        };

    /// <summary>The starter rewards (names, descriptions and what the agent is told in the tenant's language; codes stay).</summary>
    public static IReadOnlyList<RewardItem> Rewards(Guid tenantId, DateTimeOffset now, string? language = null)
    {
        var words = new Words(language);
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
            var key = KeyOf(reward.Name);
            reward.Name = words.Of($"Reward.{key}.Name", reward.Name);
            reward.Description = words.Of($"Reward.{key}.Description", reward.Description);
            if (reward.RedemptionDetails is { } details)
            {
                reward.RedemptionDetails = words.Of($"Reward.{key}.RedemptionDetails", details);
            }
            reward.TenantId = tenantId;
            reward.IsActive = true;
            reward.CreatedAt = now;
        }

        return rewards;
    }
}
