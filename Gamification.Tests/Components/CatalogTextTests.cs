using Gamification.Core.Badges;
using Gamification.Core.Challenges;
using Gamification.Web.Components.Shared;

namespace Gamification.Tests.Components;

/// <summary>
/// <see cref="CatalogText"/>: rows read by two queries (two tabs, or one tab before and after a live change) hold one
/// instance of each catalog text, and stay equal to what was read.
/// </summary>
public sealed class CatalogTextTests
{
    // A fresh instance each call, as each query materializes its own strings.
    private static string Fresh(string value) => new(value.AsSpan());

    private static BadgeProgress Badge() => new(7, Fresh("five_stars"), Fresh("Five Stars"), Fresh("Get a 5-star rating on 5 calls."), BadgeCategory.Skill,
        BadgeRarity.Rare, BadgeRequirement.PerfectCalls, 5, Fresh("star"), 50, false, null, 2, 5, 40, Fresh("3 more 5-star calls"));

    private static ChallengeProgressView Challenge() => new(3, Fresh("Quality week"), Fresh("Get 10 five-star calls this week."), ChallengeType.Weekly,
        ObjectiveType.PerfectCalls, ChallengeDifficulty.Medium, 4, 10, 0, 0, 40, false, null, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8),
        new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(2), 100, 7, Fresh("Five Stars"), true, 12, Fresh("Blue team"), 2m,
        Prize: Fresh("Team lunch"));

    [Fact]
    public void Two_reads_of_a_badge_share_each_text_and_stay_equal()
    {
        var (first, second) = (Badge(), Badge());
        Assert.NotSame(first.Description, second.Description);

        var (a, b) = (CatalogText.Share(first), CatalogText.Share(second));

        Assert.Equal(first, a);
        Assert.Equal(second, b);
        Assert.Same(a.Code, b.Code);
        Assert.Same(a.Name, b.Name);
        Assert.Same(a.Description, b.Description);
        Assert.Same(a.Icon, b.Icon);
        Assert.Same(a.Needed, b.Needed);
    }

    [Fact]
    public void Two_reads_of_a_challenge_share_each_text_and_stay_equal()
    {
        var (first, second) = (Challenge(), Challenge());

        var (a, b) = (CatalogText.Share(first), CatalogText.Share(second));

        Assert.Equal(first, a);
        Assert.Equal(second, b);
        Assert.Same(a.Name, b.Name);
        Assert.Same(a.Description, b.Description);
        Assert.Same(a.BadgeRewardName, b.BadgeRewardName);
        Assert.Same(a.TeamName, b.TeamName);
        Assert.Same(a.Prize, b.Prize);
        Assert.Null(CatalogText.Share(first with { TeamName = null, Prize = null, BadgeRewardName = null }).TeamName);
    }
}
