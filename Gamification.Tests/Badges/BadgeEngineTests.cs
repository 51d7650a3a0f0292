namespace Gamification.Tests.Badges;

/// <summary>Every badge requirement type (RULES.md, Badges), awarded inside the change that earns it, at most once.</summary>
public sealed class BadgeEngineTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static List<UserBadge> Earned(PointsFixture f, long badgeId, string? userId = null) =>
        f.All<UserBadge>().Where(b => b.BadgeId == badgeId && b.UserId == (userId ?? f.AgentId)).ToList();

    private static List<PointTransaction> Rewards(PointsFixture f, long badgeId, string? userId = null) =>
        f.Ledger().Where(t => t.Type == TransactionType.BadgeReward && t.SourceId == BadgeRules.RewardSource(badgeId) && t.UserId == (userId ?? f.AgentId)).ToList();

    [Fact]
    public async Task Total_calls_badge_is_awarded_on_the_call_that_reaches_it_with_its_reward_and_an_achievement()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.TotalCalls, 3, reward: 25);

        await f.CallAsync();
        await f.CallAsync();
        Assert.Empty(Earned(f, badge));

        var third = await f.CallAsync();
        Assert.Single(Earned(f, badge));
        var reward = Assert.Single(Rewards(f, badge));
        Assert.Equal(25, reward.Points);
        // The event's answer already carries the reward: 3 calls x 10 + 25.
        Assert.Equal(55, third.CurrentPoints);
        Assert.Equal(55, f.Points().CurrentPoints);
        Assert.Contains(f.All<AchievementEvent>(), a => a.Kind == AchievementKind.BadgeEarned && a.UserId == f.AgentId);
        var check = await f.Engine.CheckLedgerAsync(f.TenantId, None);
        Assert.Empty(check.Mismatches);

        await f.CallAsync();
        Assert.Single(Earned(f, badge));
        Assert.Single(Rewards(f, badge));
    }

    [Theory]
    [InlineData(BadgeRequirement.Conversions, ActivityType.LeadConverted, null)]
    [InlineData(BadgeRequirement.PerfectCalls, ActivityType.CallCompleted, 5)]
    [InlineData(BadgeRequirement.QualityReviews, ActivityType.QualityReview, null)]
    [InlineData(BadgeRequirement.FeedbackCount, ActivityType.CustomerFeedback, null)]
    public async Task Counting_badges_follow_their_own_event_type(BadgeRequirement requirement, ActivityType type, int? rating)
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(requirement, 2);

        // Other kinds of events do not move it.
        await f.RecordAsync(type == ActivityType.CallCompleted ? ActivityType.LeadConverted : ActivityType.CallCompleted, rating: 4);
        await f.RecordAsync(type == ActivityType.CallCompleted ? ActivityType.QualityReview : ActivityType.CallCompleted, rating: 3);
        await f.RecordAsync(type, rating);
        Assert.Empty(Earned(f, badge));

        await f.RecordAsync(type, rating);
        Assert.Single(Earned(f, badge));
    }

    [Fact]
    public async Task A_four_star_call_does_not_count_as_perfect()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.PerfectCalls, 1);
        await f.CallAsync(rating: 4);
        Assert.Empty(Earned(f, badge));
        await f.CallAsync(rating: 5);
        Assert.Single(Earned(f, badge));
    }

    [Fact]
    public async Task Lifetime_points_badge_counts_admin_awards_and_its_own_reward_can_cross_the_next()
    {
        using var f = PointsFixture.InMemory();
        var first = f.AddBadge(BadgeRequirement.LifetimePoints, 100, reward: 60);
        var second = f.AddBadge(BadgeRequirement.LifetimePoints, 150, reward: 0);

        await f.AwardAsync(f.AgentId, 100, "Great week");

        // 100 earns the first; its 60 points take lifetime to 160, which earns the second in the same change.
        Assert.Single(Earned(f, first));
        Assert.Single(Earned(f, second));
        Assert.Equal(160, f.Points().LifetimePoints);
    }

    [Fact]
    public async Task Streak_badge_is_awarded_on_the_day_the_streak_reaches_it()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.StreakDays, 2);
        await f.CallAsync();
        Assert.Empty(Earned(f, badge));
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.CallAsync();
        Assert.Single(Earned(f, badge));
    }

    [Fact]
    public async Task A_call_that_earns_a_badge_is_told_by_the_call_and_the_badge_by_its_notice()
    {
        using var f = PointsFixture.InMemory();
        f.AddBadge(BadgeRequirement.TotalCalls, 1, reward: 25);

        await f.CallAsync();

        var told = f.Notifications.Published[^1];
        // The change moved 10 + 25; it is told by the call's entry, the badge's 25 by its notice.
        Assert.Equal((TransactionType.Activity, 10L, "Completed call", 35L), (told.EntryType, told.EntryPoints, told.EntryReason, told.PointsDelta));
        Assert.Equal("Completed call: +10", told.Message);
        var notice = Assert.Single(told.Achievements!);
        Assert.Equal((AchievementKind.BadgeEarned, 25L), (notice.Kind, notice.Points));
    }

    [Fact]
    public async Task Level_badge_is_awarded_on_level_up()
    {
        using var f = PointsFixture.InMemory();
        var level2 = f.AddBadge(BadgeRequirement.Level, 2, reward: 25);
        var level3 = f.AddBadge(BadgeRequirement.Level, 3, reward: 25);

        await f.AwardAsync(f.AgentId, 990, "Opening");
        Assert.Empty(Earned(f, level2));

        await f.CallAsync();
        Assert.Equal(2, f.Level());
        Assert.Single(Earned(f, level2));
        Assert.Empty(Earned(f, level3));
        var notice = f.Notifications.Published[^1];
        Assert.Equal(2, notice.LevelUp);
        Assert.Contains(notice.Achievements!, a => a.Kind == AchievementKind.BadgeEarned && a.Title == "Level 2");
    }

    [Fact]
    public async Task Calls_in_one_day_counts_only_that_day()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.CallsInDay, 3);
        await f.CallAsync();
        await f.CallAsync();
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.CallAsync();
        await f.CallAsync();
        Assert.Empty(Earned(f, badge));
        await f.CallAsync();
        Assert.Single(Earned(f, badge));
    }

    [Fact]
    public async Task Early_bird_and_night_owl_use_the_tenant_local_hour_of_the_call()
    {
        // Berlin is UTC+1 in March 2026.
        using var f = PointsFixture.InMemory("Europe/Berlin");
        var early = f.AddBadge(BadgeRequirement.CallsBeforeHour, 8);
        var owl = f.AddBadge(BadgeRequirement.CallsAfterHour, 20);
        var day = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero);

        f.Clock.SetUtcNow(day.AddHours(7)); // 08:00 local: not before 8
        await f.CallAsync();
        f.Clock.SetUtcNow(day.AddHours(18).AddMinutes(59)); // 19:59 local: not at or after 20
        await f.CallAsync();
        Assert.Empty(Earned(f, early));
        Assert.Empty(Earned(f, owl));

        // A conversion at 06:30 local is not a call.
        f.Clock.SetUtcNow(day.AddDays(1).AddHours(5).AddMinutes(30));
        await f.ConversionAsync();
        Assert.Empty(Earned(f, early));

        await f.CallAsync(); // 06:30 local
        Assert.Single(Earned(f, early));
        f.Clock.SetUtcNow(day.AddDays(1).AddHours(19)); // 20:00 local
        await f.CallAsync();
        Assert.Single(Earned(f, owl));
    }

    [Fact]
    public async Task Challenges_completed_badge_follows_challenge_completions()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.ChallengesCompleted, 1);
        f.AddChallenge(Core.Challenges.ChallengeType.Daily, Core.Challenges.ObjectiveType.TotalCalls, 2);
        await f.CallAsync();
        Assert.Empty(Earned(f, badge));
        await f.CallAsync();
        Assert.Equal(1, f.Points().ChallengesCompleted);
        Assert.Single(Earned(f, badge));
    }

    [Fact]
    public async Task Weekly_rank_badges_go_to_the_top_of_a_closed_week_with_ties_sharing_a_rank()
    {
        using var f = PointsFixture.InMemory();
        var top = f.AddBadge(BadgeRequirement.WeeklyRank, 1, reward: 100);
        var podium = f.AddBadge(BadgeRequirement.WeeklyRank, 2, reward: 50);
        var second = f.AddAgent("agent-02");
        var third = f.AddAgent("agent-03");
        var idle = f.AddAgent("agent-04");

        // Week of Monday 2 March: agent-01 and agent-02 tie on 20, agent-03 has 10.
        await f.CallAsync();
        await f.CallAsync();
        await f.EventAsync(second, ActivityType.CallCompleted);
        await f.EventAsync(second, ActivityType.CallCompleted);
        await f.EventAsync(third, ActivityType.CallCompleted);

        f.Clock.Advance(TimeSpan.FromDays(7));
        var awarded = await f.BadgeAwards().AwardWeeklyRankBadgesAsync(f.TenantId, new DateOnly(2026, 3, 2), None);

        Assert.Equal(4, awarded);
        Assert.Single(Earned(f, top));
        Assert.Single(Earned(f, top, second));
        Assert.Single(Earned(f, podium));
        Assert.Single(Earned(f, podium, second));
        Assert.Empty(Earned(f, podium, third)); // rank 3 after a tie at 1
        Assert.DoesNotContain(f.All<UserBadge>(), b => b.UserId == idle);

        // Running it again awards nothing more.
        Assert.Equal(0, await f.BadgeAwards().AwardWeeklyRankBadgesAsync(f.TenantId, new DateOnly(2026, 3, 2), None));
        Assert.Single(Rewards(f, top));
    }

    [Fact]
    public async Task Manual_badges_are_never_automatic_and_an_admin_awards_each_once()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.Manual, 1, reward: 40);
        await f.CallAsync();
        Assert.Empty(Earned(f, badge));

        var result = await f.BadgeAwards().AwardBadgeAsync(f.TenantId, badge, f.AgentId, "Helped the new hires", "admin-1", None);
        Assert.Equal(40, result.PointsAwarded);
        var earned = Assert.Single(Earned(f, badge));
        Assert.Equal("Helped the new hires", earned.Reason);
        Assert.Equal("admin-1", earned.AwardedByUserId);

        var again = await Assert.ThrowsAsync<DomainException>(() => f.BadgeAwards().AwardBadgeAsync(f.TenantId, badge, f.AgentId, "Twice", "admin-1", None));
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
        var noReason = await Assert.ThrowsAsync<DomainException>(() => f.BadgeAwards().AwardBadgeAsync(f.TenantId, badge, f.AgentId, " ", "admin-1", None));
        Assert.Equal(DomainErrorKind.Validation, noReason.Kind);
        Assert.Single(Rewards(f, badge));
    }

    [Fact]
    public async Task Deactivated_badges_are_not_awarded_and_editing_or_deactivating_keeps_earned_ones()
    {
        using var f = PointsFixture.InMemory();
        var kept = f.AddBadge(BadgeRequirement.TotalCalls, 1, code: "kept");
        var inactive = f.AddBadge(BadgeRequirement.TotalCalls, 1, code: "inactive", active: false);
        await f.CallAsync();
        Assert.Single(Earned(f, kept));
        Assert.Empty(Earned(f, inactive));

        var service = f.BadgeService();
        var view = await service.GetAsync(kept);
        await service.UpdateAsync(kept, new BadgeInput(view.Code, "Renamed", view.Description, view.Category, view.Rarity,
            BadgeRequirement.TotalCalls, 500, 10, view.Icon));
        await service.SetActiveAsync(kept, active: false);

        var earned = Assert.Single(await service.EarnedAsync(f.AgentId));
        Assert.Equal("Renamed", earned.Name);
        Assert.Equal(1, (await service.GetAsync(kept)).EarnedCount);
        Assert.Contains(await service.AvailableAsync(f.AgentId), p => p.BadgeId == kept && p.Earned);
    }

    [Theory, EachDatabase]
    public async Task Two_concurrent_events_crossing_a_threshold_award_the_badge_once(TestDatabase database)
    {
        using var f = PointsFixture.Shared(database);
        var badge = f.AddBadge(BadgeRequirement.TotalCalls, 2, reward: 30);
        await f.CallAsync();

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => f.CallAsync())));
        }

        Assert.Single(Earned(f, badge));
        Assert.Single(Rewards(f, badge));
        Assert.Equal((13 * 10) + 30, f.Points().CurrentPoints);
        Assert.Empty((await f.Engine.CheckLedgerAsync(f.TenantId, None)).Mismatches);
    }

    [Fact]
    public async Task Progress_toward_locked_badges_says_what_is_needed()
    {
        using var f = PointsFixture.InMemory();
        var calls = f.AddBadge(BadgeRequirement.TotalCalls, 10);
        f.AddBadge(BadgeRequirement.Manual, 1, code: "helper");
        for (var i = 0; i < 4; i++)
        {
            await f.CallAsync();
        }

        var available = await f.BadgeService().AvailableAsync(f.AgentId);
        var progress = Assert.Single(available, p => p.BadgeId == calls);
        Assert.False(progress.Earned);
        Assert.Equal(4, progress.Progress);
        Assert.Equal(10, progress.Target);
        Assert.Equal(40, progress.ProgressPercent);
        Assert.Equal("6 more calls", progress.Needed);
        var manual = Assert.Single(available, p => p.Code == "helper");
        Assert.Equal("Awarded by an admin", manual.Needed);
    }

    [Fact]
    public async Task Badge_validation_reports_every_field_and_stores_nothing()
    {
        using var f = PointsFixture.InMemory();
        f.AddBadge(BadgeRequirement.TotalCalls, 1, code: "taken");
        var service = f.BadgeService();
        var before = f.All<Badge>().Count;

        var error = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(
            new BadgeInput("taken", "", null, BadgeCategory.Skill, BadgeRarity.Epic, BadgeRequirement.TotalCalls, 0, -5, "nope")));

        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        Assert.Equal(["code", "icon", "name", "points_reward", "requirement_value"], error.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, f.All<Badge>().Count);

        var unknown = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(
            new BadgeInput("fresh", "Fresh", null, BadgeCategory.Skill, BadgeRarity.Epic, (BadgeRequirement)99, 5, 5, "star")));
        Assert.Contains("requirement_type", unknown.Errors!.Keys);
        Assert.Equal(before, f.All<Badge>().Count);
    }

    [Fact]
    public async Task Uploaded_icons_are_checked_by_their_bytes_and_size()
    {
        using var f = PointsFixture.InMemory();
        var service = f.BadgeService();
        // A PNG's signature and header (IHDR, 1 x 1): the header is read for the image's size.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
        var icon = await service.SaveImageAsync(new MemoryStream(png));
        Assert.True(BadgeIcons.TryGetImageId(icon, out var id));
        Assert.Equal("image/png", (await service.GetImageAsync(id))!.ContentType);

        await Assert.ThrowsAsync<DomainException>(() => service.SaveImageAsync(new MemoryStream("<svg onload=alert(1)>"u8.ToArray())));
        await Assert.ThrowsAsync<DomainException>(() => service.SaveImageAsync(new MemoryStream([.. png, .. new byte[BadgeIcons.MaxImageBytes]])));
        Assert.Single(f.All<BadgeImage>());
    }

    [Theory]
    [InlineData("png", 1, 1)]
    [InlineData("png", 1024, 700)]
    [InlineData("png", 70000, 3)]
    [InlineData("gif", 640, 480)]
    [InlineData("jpeg", 1920, 1080)]
    [InlineData("jpeg", 16, 16)]
    [InlineData("webp-vp8", 800, 600)]
    [InlineData("webp-vp8l", 16383, 2)]
    [InlineData("webp-vp8x", 5000, 4000)]
    public void An_images_size_is_read_from_its_header(string format, int width, int height)
    {
        var image = TestImages.Of(format, width, height);

        var type = BadgeIcons.Sniff(image);

        Assert.NotNull(type);
        Assert.True(BadgeIcons.TryReadSize(image, type, out var w, out var h));
        Assert.Equal((width, height), ((int)w, (int)h));
        Assert.Equal(width > 1024 || height > 1024, BadgeIcons.SizeProblem(image, type) is not null);
    }

    [Fact]
    public async Task An_image_over_1024_pixels_a_side_or_without_a_readable_size_is_refused_and_not_stored()
    {
        using var f = PointsFixture.InMemory();
        var service = f.BadgeService();

        var wide = await Assert.ThrowsAsync<DomainException>(() => service.SaveImageAsync(new MemoryStream(TestImages.Of("png", 1025, 1))));
        var tall = await Assert.ThrowsAsync<DomainException>(() => service.SaveImageAsync(new MemoryStream(TestImages.Of("jpeg", 64, 4096))));
        var headless = await Assert.ThrowsAsync<DomainException>(() => service.SaveImageAsync(new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])));

        Assert.Equal("The image is 1025 × 1 pixels; a badge image is at most 1024 × 1024 pixels.", wide.Errors!["file"][0]);
        Assert.Equal("The image is 64 × 4096 pixels; a badge image is at most 1024 × 1024 pixels.", tall.Errors!["file"][0]);
        Assert.Equal("The image's header does not say its size; save it again as a PNG, JPEG, GIF or WebP image.", headless.Errors!["file"][0]);
        Assert.Empty(f.All<BadgeImage>());
        Assert.True(BadgeIcons.TryGetImageId(await service.SaveImageAsync(new MemoryStream(TestImages.Of("webp-vp8x", 1024, 1024))), out _));
        Assert.Single(f.All<BadgeImage>());
    }
}

/// <summary>The smallest files whose headers give a size, built byte by byte from each format's specification.</summary>
internal static class TestImages
{
    public static byte[] Of(string format, int width, int height) => format switch
    {
        "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, .. BigEndian32(width), .. BigEndian32(height), 8, 6, 0, 0, 0],
        "gif" => [.. "GIF89a"u8, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0, 0, 0],
        "jpeg" =>
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0, 16, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC0, 0, 17, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            0xFF, 0xD9,
        ],
        "webp-vp8" => Riff("VP8 "u8, [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8)]),
        "webp-vp8l" => Riff("VP8L"u8, [0x2F, .. LittleEndian32((width - 1) | ((height - 1) << 14))]),
        "webp-vp8x" => Riff("VP8X"u8, [0, 0, 0, 0, .. LittleEndian32(width - 1)[..3], .. LittleEndian32(height - 1)[..3]]),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static byte[] Riff(ReadOnlySpan<byte> chunk, byte[] data) =>
        [.. "RIFF"u8, .. LittleEndian32(4 + 8 + data.Length), .. "WEBP"u8, .. chunk, .. LittleEndian32(data.Length), .. data];

    private static byte[] BigEndian32(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] LittleEndian32(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
}
