namespace Gamification.Tests.Tenants;

public class StarterCatalogTests
{
    private static readonly Guid TenantId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<Badge> Badges => StarterCatalog.Badges(TenantId, Now);

    [Fact]
    public void Starter_catalog_has_at_least_40_badges()
    {
        Assert.True(Badges.Count >= 40, $"only {Badges.Count} badges");
    }

    [Fact]
    public void Starter_badges_cover_all_five_categories_and_rarities()
    {
        Assert.Equal(Enum.GetValues<BadgeCategory>().ToHashSet(), Badges.Select(b => b.Category).ToHashSet());
        Assert.Equal(Enum.GetValues<BadgeRarity>().ToHashSet(), Badges.Select(b => b.Rarity).ToHashSet());
    }

    [Fact]
    public void Badge_codes_are_unique_snake_case()
    {
        var codes = Badges.Select(b => b.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", code));
    }

    [Fact]
    public void Every_requirement_type_is_used_at_least_once()
    {
        var used = Badges.Select(b => b.RequirementType).ToHashSet();

        Assert.All(Enum.GetValues<BadgeRequirement>(), type => Assert.Contains(type, used));
    }

    [Fact]
    public void Measured_badges_have_a_positive_requirement_and_manual_ones_use_one()
    {
        Assert.All(Badges.Where(b => b.RequirementType != BadgeRequirement.Manual), b => Assert.True(b.RequirementValue > 0, b.Code));
        Assert.All(Badges.Where(b => b.RequirementType == BadgeRequirement.Manual), b => Assert.Equal(1, b.RequirementValue));
    }

    [Fact]
    public void At_most_four_badges_need_an_admin_to_award_them()
    {
        Assert.InRange(Badges.Count(b => b.RequirementType == BadgeRequirement.Manual), 1, 4);
    }

    [Fact]
    public void Requirements_are_reachable()
    {
        Assert.All(Badges, b =>
        {
            switch (b.RequirementType)
            {
                case BadgeRequirement.Level: Assert.InRange(b.RequirementValue, 2, StarterCatalog.LevelCount); break;
                case BadgeRequirement.CallsBeforeHour: Assert.InRange(b.RequirementValue, 1, 23); break;
                case BadgeRequirement.CallsAfterHour: Assert.InRange(b.RequirementValue, 1, 23); break;
                case BadgeRequirement.WeeklyRank: Assert.InRange(b.RequirementValue, 1, 100); break;
                case BadgeRequirement.CallsInDay: Assert.InRange(b.RequirementValue, 1, 100); break;
            }
        });
    }

    [Fact]
    public void Each_level_from_two_to_ten_has_its_level_badge()
    {
        var levelBadges = Badges.Where(b => b.RequirementType == BadgeRequirement.Level).ToList();

        Assert.Equal(Enumerable.Range(2, 9), levelBadges.Select(b => b.RequirementValue).Order());
        Assert.Contains(levelBadges, b => b.RequirementValue == 10 && b.Name == "Level 10 Reached");
    }

    [Theory]
    [InlineData("first_call", BadgeRequirement.TotalCalls, 1)]
    [InlineData("100_calls_completed", BadgeRequirement.TotalCalls, 100)]
    [InlineData("streak_7", BadgeRequirement.StreakDays, 7)]
    [InlineData("1000_lifetime_points", BadgeRequirement.LifetimePoints, 1000)]
    [InlineData("streak_30", BadgeRequirement.StreakDays, 30)]
    [InlineData("level_10", BadgeRequirement.Level, 10)]
    [InlineData("early_bird", BadgeRequirement.CallsBeforeHour, 8)]
    [InlineData("night_owl", BadgeRequirement.CallsAfterHour, 20)]
    [InlineData("marathon_runner", BadgeRequirement.CallsInDay, 60)]
    [InlineData("top_performer", BadgeRequirement.WeeklyRank, 1)]
    public void Guide_examples_are_in_the_catalog(string code, BadgeRequirement type, int value)
    {
        var badge = Assert.Single(Badges, b => b.Code == code);

        Assert.Equal(type, badge.RequirementType);
        Assert.Equal(value, badge.RequirementValue);
    }

    [Fact]
    public void Century_club_is_an_epic_badge_worth_250_points()
    {
        var badge = Assert.Single(Badges, b => b.Code == "100_calls_completed");

        Assert.Equal(("Century Club", BadgeCategory.Milestone, BadgeRarity.Epic, 250),
            (badge.Name, badge.Category, badge.Rarity, badge.PointsReward));
    }

    [Fact]
    public void Badge_rewards_grow_with_rarity()
    {
        Assert.All(Badges, b =>
        {
            var (min, max) = b.Rarity switch
            {
                BadgeRarity.Common => (10, 25),
                BadgeRarity.Uncommon => (50, 50),
                BadgeRarity.Rare => (100, 100),
                BadgeRarity.Epic => (250, 250),
                _ => (500, 1000),
            };
            Assert.InRange(b.PointsReward, min, max);
        });
    }

    [Fact]
    public void Badges_use_built_in_icons_belong_to_the_tenant_and_fit_the_schema()
    {
        Assert.All(Badges, b =>
        {
            Assert.Contains(b.Icon, StarterCatalog.BuiltInIcons);
            Assert.Equal(TenantId, b.TenantId);
            Assert.Equal(Now, b.CreatedAt);
            Assert.True(b.IsActive);
            Assert.InRange(b.Code.Length, 1, 64);
            Assert.InRange(b.Name.Length, 1, 100);
            Assert.InRange(b.Description.Length, 1, 500);
        });
    }

    [Fact]
    public void Ten_levels_start_every_thousand_lifetime_points()
    {
        var levels = StarterCatalog.Levels(TenantId);

        Assert.Equal(Enumerable.Range(1, 10), levels.Select(l => l.LevelNumber));
        Assert.All(levels, l =>
        {
            Assert.Equal((l.LevelNumber - 1) * 1000L, l.PointsTotalRequired);
            Assert.Equal(l.LevelNumber == 1 ? 0 : 1000, l.PointsRequired);
            Assert.Equal(TenantId, l.TenantId);
            Assert.Contains(l.Icon, StarterCatalog.BuiltInIcons);
            Assert.False(string.IsNullOrWhiteSpace(l.UnlockPrivileges));
        });
    }

    [Fact]
    public void Levels_are_grouped_into_bronze_silver_gold_and_legend_tiers()
    {
        var tiers = StarterCatalog.Levels(TenantId).Select(l => l.Name);

        Assert.Equal(
            ["Bronze", "Bronze", "Bronze", "Silver", "Silver", "Silver", "Gold", "Gold", "Gold", "Legend"],
            tiers);
    }

    [Theory]
    [InlineData(GamificationPreset.Moderate, new[] { ChallengeType.Daily, ChallengeType.Weekly, ChallengeType.Monthly, ChallengeType.Seasonal })]
    [InlineData(GamificationPreset.Aggressive, new[] { ChallengeType.Daily, ChallengeType.Weekly, ChallengeType.Seasonal })]
    [InlineData(GamificationPreset.Light, new[] { ChallengeType.Weekly, ChallengeType.Seasonal })]
    public void Challenges_follow_the_preset_cadence(GamificationPreset preset, ChallengeType[] expected)
    {
        var types = StarterCatalog.Challenges(TenantId, preset, Now).Select(c => c.ChallengeType).ToHashSet();

        Assert.Equal(expected.ToHashSet(), types);
    }

    [Fact]
    public void Light_preset_has_no_daily_challenges()
    {
        Assert.DoesNotContain(StarterCatalog.Challenges(TenantId, GamificationPreset.Light, Now),
            c => c.ChallengeType == ChallengeType.Daily);
    }

    [Theory]
    [InlineData(GamificationPreset.Aggressive)]
    [InlineData(GamificationPreset.Moderate)]
    [InlineData(GamificationPreset.Light)]
    public void Every_preset_gets_a_seasonal_points_and_a_seasonal_rank_challenge_and_a_weekly_team_challenge(GamificationPreset preset)
    {
        var challenges = StarterCatalog.Challenges(TenantId, preset, Now);

        Assert.Equal(
            [ObjectiveType.PointsEarned, ObjectiveType.LeaderboardRank],
            challenges.Where(c => c.ChallengeType == ChallengeType.Seasonal).Select(c => c.ObjectiveType));
        Assert.Contains(challenges, c => c.IsTeamChallenge && c.ChallengeType == ChallengeType.Weekly);
    }

    [Theory]
    [InlineData(GamificationPreset.Aggressive)]
    [InlineData(GamificationPreset.Moderate)]
    [InlineData(GamificationPreset.Light)]
    public void Challenge_rewards_and_difficulty_match_their_type(GamificationPreset preset)
    {
        Assert.All(StarterCatalog.Challenges(TenantId, preset, Now), c =>
        {
            var (min, max, difficulty) = c.ChallengeType switch
            {
                ChallengeType.Daily => (10, 25, ChallengeDifficulty.Easy),
                ChallengeType.Weekly => (50, 100, ChallengeDifficulty.Medium),
                ChallengeType.Monthly => (200, 500, ChallengeDifficulty.Hard),
                _ => (1000, int.MaxValue, ChallengeDifficulty.Hard),
            };
            Assert.InRange(c.PointsReward, min, max);
            Assert.Equal(difficulty, c.Difficulty);
            Assert.True(c.ObjectiveTarget > 0, c.Name);
            Assert.Equal(TenantId, c.TenantId);
            Assert.Equal(Now, c.StartDate);
            Assert.Null(c.EndDate);
            Assert.True(c.IsActive);
        });
    }

    [Fact]
    public void Rating_challenges_need_a_minimum_of_rated_calls()
    {
        var challenges = StarterCatalog.Challenges(TenantId, GamificationPreset.Moderate, Now);

        var avgRating = Assert.Single(challenges, c => c.ObjectiveType == ObjectiveType.AvgRating);
        Assert.InRange(avgRating.ObjectiveTarget, 1, 5);
        Assert.True(avgRating.MinRatedCalls >= 10);
        var satisfaction = Assert.Single(challenges, c => c.ObjectiveType == ObjectiveType.SatisfactionRate);
        Assert.Equal((90, 20, ChallengeType.Monthly), (satisfaction.ObjectiveTarget, satisfaction.MinRatedCalls, satisfaction.ChallengeType));
        Assert.All(challenges.Where(c => !ChallengeRules.UsesRatings(c.ObjectiveType)), c => Assert.Equal(0, c.MinRatedCalls));
    }

    [Fact]
    public void Moderate_challenges_use_every_objective_type()
    {
        var used = StarterCatalog.Challenges(TenantId, GamificationPreset.Moderate, Now).Select(c => c.ObjectiveType).ToHashSet();

        Assert.Equal(Enum.GetValues<ObjectiveType>().ToHashSet(), used);
    }

    [Fact]
    public void Starter_rewards_cover_all_four_categories()
    {
        var rewards = StarterCatalog.Rewards(TenantId, Now);

        Assert.InRange(rewards.Count, 8, 12);
        Assert.Equal(Enum.GetValues<RewardCategory>().ToHashSet(), rewards.Select(r => r.Category).ToHashSet());
        Assert.Contains(rewards, r => r.Featured);
    }

    [Fact]
    public void Starter_rewards_are_priced_stocked_and_deliverable()
    {
        Assert.All(StarterCatalog.Rewards(TenantId, Now), r =>
        {
            Assert.True(r.PointsCost > 0, r.Name);
            Assert.True(r.Stock == -1 || r.Stock > 0, r.Name);
            Assert.True(r.CodeValidityDays > 0, r.Name);
            Assert.Contains("{code}", r.RedemptionDetails, StringComparison.Ordinal);
            Assert.Equal(TenantId, r.TenantId);
            Assert.Equal(Now, r.CreatedAt);
            Assert.True(r.IsActive);
        });
    }

    [Fact]
    public void Gift_card_needs_approval_and_is_limited_to_one_a_month()
    {
        var giftCard = Assert.Single(StarterCatalog.Rewards(TenantId, Now), r => r.Name == "Gift Card $25");

        Assert.True(giftCard.RequiresApproval);
        Assert.Equal(20, giftCard.Stock);
        Assert.Equal((1, RewardLimitPeriod.Month), (giftCard.PerAgentLimit, giftCard.LimitPeriod));
    }
}
