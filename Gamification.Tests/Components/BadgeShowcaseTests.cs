using Bunit;

using Gamification.Web.Components.Shared;

using Microsoft.AspNetCore.Components;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The badge showcase and the badge icon, fed their data directly: earned badges in their rarity colours with the
/// earned date, locked ones greyed out with a progress bar and what is still needed, and the empty, loading and
/// error states.
/// </summary>
public sealed class BadgeShowcaseTests : MudTestContext
{
    private static readonly DateTimeOffset EarnedOn = new(2025, 3, 3, 10, 30, 0, TimeSpan.Zero);

    public BadgeShowcaseTests()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void An_earned_badge_shows_in_its_rarity_colour_with_the_date_it_was_earned()
    {
        var showcase = Render<BadgeShowcase>(p => p.Add(x => x.Badges, [CenturyClub(earned: true)]));

        var card = showcase.Find("[data-testid=badge-100]");
        Assert.Equal("true", card.GetAttribute("data-earned"));
        Assert.Equal("epic", card.GetAttribute("data-rarity"));
        Assert.Contains("rarity-epic", card.ClassList);
        var icon = card.QuerySelector(".badge-icon")!;
        Assert.Equal("false", icon.GetAttribute("data-locked"));
        Assert.Contains("#9333EA", icon.GetAttribute("style"), StringComparison.Ordinal); // epic purple
        Assert.Equal("Epic", showcase.Find("[data-testid=badge-rarity-100]").TextContent.Trim());
        Assert.Equal($"Earned {EarnedOn.ToString("d MMM yyyy", CultureInfo.CurrentCulture)}", showcase.Find("[data-testid=badge-earned-100]").TextContent.Trim());
        Assert.Equal("Complete 100 calls", showcase.Find("[data-testid=badge-requirement-100]").TextContent.Trim());
        Assert.Equal("+250 pts", showcase.Find("[data-testid=badge-reward-100]").TextContent.Trim());
        Assert.Empty(showcase.FindAll("[data-testid=badge-progress-100]"));
    }

    [Fact]
    public void A_locked_badge_is_greyed_out_with_its_progress_and_what_is_needed()
    {
        var showcase = Render<BadgeShowcase>(p => p.Add(x => x.Badges, [CenturyClub(earned: false)]));

        var card = showcase.Find("[data-testid=badge-100]");
        Assert.Equal("false", card.GetAttribute("data-earned"));
        var icon = card.QuerySelector(".badge-icon")!;
        Assert.Equal("true", icon.GetAttribute("data-locked"));
        Assert.DoesNotContain("#9333EA", icon.GetAttribute("style"), StringComparison.Ordinal);
        Assert.NotNull(icon.QuerySelector(".badge-icon-lock"));
        var progress = showcase.Find("[data-testid=badge-progress-100]");
        Assert.Equal("88", progress.GetAttribute("data-value"));
        Assert.Equal("88", progress.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Equal("12 more calls", showcase.Find("[data-testid=badge-needed-100]").TextContent.Trim());
        Assert.Contains("88 / 100", card.TextContent, StringComparison.Ordinal);
        Assert.Empty(showcase.FindAll("[data-testid=badge-earned-100]"));
    }

    [Fact]
    public void The_compact_showcase_lists_earned_medals_then_the_closest_locked_ones_and_links_to_all()
    {
        IReadOnlyList<BadgeProgress> badges =
        [
            Badge(1, "Welcome", BadgeRarity.Common, earned: true, earnedOn: EarnedOn.AddDays(-3)),
            Badge(2, "Five Stars", BadgeRarity.Common, earned: true, earnedOn: EarnedOn),
            Badge(3, "On a Roll", BadgeRarity.Uncommon, earned: true, earnedOn: EarnedOn.AddDays(-1)),
            Badge(4, "Half Century", BadgeRarity.Uncommon, progress: 40, target: 50, needed: "10 more calls"),
            Badge(5, "Thousand Calls", BadgeRarity.Legendary, progress: 40, target: 1000, needed: "960 more calls"),
            Badge(6, "Deal Maker", BadgeRarity.Uncommon, progress: 7, target: 10, needed: "3 more conversions"),
            Badge(7, "Mentor", BadgeRarity.Rare, requirement: BadgeRequirement.Manual, progress: 0, target: 1, needed: "Awarded by an admin"),
        ];

        var showcase = Render<BadgeShowcase>(p => p
            .Add(x => x.Badges, badges)
            .Add(x => x.Compact, true)
            .Add(x => x.MaxCount, 2)
            .Add(x => x.MaxLocked, 2));

        Assert.Equal("3 of 7 earned", showcase.Find("[data-testid=badge-showcase-count]").TextContent.Trim());
        // The newest two earned badges, then "+1 more".
        var earned = showcase.FindAll("[data-testid=badge-showcase-earned] [data-earned=true]");
        Assert.Equal(["badge-2", "badge-3"], earned.Select(e => e.GetAttribute("data-testid")));
        Assert.Contains("+1", showcase.Find("[data-testid=badge-showcase-more]").TextContent, StringComparison.Ordinal);
        Assert.Contains(EarnedOn.ToString("d MMM yyyy", CultureInfo.CurrentCulture), earned[0].GetAttribute("data-tip"), StringComparison.Ordinal);
        // Next up: closest first, never a badge only an admin awards.
        var next = showcase.FindAll("[data-testid=badge-showcase-next] [data-earned=false]");
        Assert.Equal(["badge-4", "badge-6"], next.Select(e => e.GetAttribute("data-testid")));
        Assert.Equal("80", showcase.Find("[data-testid=badge-progress-4]").GetAttribute("data-value"));
        Assert.Equal("10 more calls", showcase.Find("[data-testid=badge-needed-4]").TextContent.Trim());
        Assert.Equal("badges", showcase.Find("#showcase-see-all").GetAttribute("href"));
    }

    [Fact]
    public void Without_earned_badges_the_showcase_says_how_to_earn_the_first()
    {
        IReadOnlyList<BadgeProgress> badges =
        [
            Badge(4, "Half Century", BadgeRarity.Uncommon, progress: 0, target: 50, needed: "50 more calls"),
            Badge(1, "Welcome", BadgeRarity.Common, progress: 0, target: 1, needed: "1 more call"),
        ];

        var showcase = Render<BadgeShowcase>(p => p.Add(x => x.Badges, badges).Add(x => x.Compact, true));

        Assert.Equal("No badges yet — complete your first call to earn Welcome", showcase.Find("[data-testid=badge-showcase-empty]").TextContent.Trim());
        Assert.Equal("0", showcase.Find("[data-testid=badge-showcase]").GetAttribute("data-earned"));
    }

    [Fact]
    public void Loading_and_error_states_show_and_the_error_offers_a_retry()
    {
        var retried = 0;
        var showcase = Render<BadgeShowcase>(p => p.Add(x => x.Badges, null).Add(x => x.Compact, true));
        Assert.NotEmpty(showcase.FindAll("[data-testid=badge-showcase-loading]"));

        showcase.Render(p => p
            .Add(x => x.Error, "Your badges could not be loaded just now.")
            .Add(x => x.OnRetry, EventCallback.Factory.Create(this, () => retried++)));

        var error = showcase.Find("[data-testid=badge-showcase-error]");
        Assert.Contains("Your badges could not be loaded just now.", error.TextContent, StringComparison.Ordinal);
        error.QuerySelector("button")!.Click();
        Assert.Equal(1, retried);
    }

    [Fact]
    public void Every_built_in_icon_has_its_own_glyph_and_an_uploaded_image_is_shown_from_the_image_endpoint()
    {
        foreach (var name in StarterCatalog.BuiltInIcons)
        {
            Assert.NotEqual(BadgeIcon.FallbackGlyph, BadgeIcon.Glyph(name));
        }
        Assert.Equal(BadgeIcon.FallbackGlyph, BadgeIcon.Glyph("no-such-icon"));
        Assert.Equal(Icons.Material.Filled.Phone, BadgeIcon.Glyph("phone"));

        var image = Render<BadgeIcon>(p => p.Add(x => x.Icon, "image:12").Add(x => x.Rarity, BadgeRarity.Legendary).Add(x => x.Label, "Custom"));

        Assert.Equal("api/v1/gamification/badges/images/12", image.Find("img").GetAttribute("src"));
        Assert.Equal("legendary", image.Find(".badge-icon").GetAttribute("data-rarity"));
        Assert.Contains("#F59E0B", image.Find(".badge-icon").GetAttribute("style"), StringComparison.Ordinal); // legendary gold
    }

    [Theory]
    [InlineData(BadgeRarity.Common, "#6B7280")]
    [InlineData(BadgeRarity.Uncommon, "#16A34A")]
    [InlineData(BadgeRarity.Rare, "#2563EB")]
    [InlineData(BadgeRarity.Epic, "#9333EA")]
    [InlineData(BadgeRarity.Legendary, "#F59E0B")]
    public void Each_rarity_has_its_colour(BadgeRarity rarity, string colour)
    {
        Assert.Equal(colour, BadgeIcon.PaletteOf(rarity).Main);
    }

    [Theory]
    [InlineData(BadgeRequirement.CallsBeforeHour, 8, "A call before 08:00")]
    [InlineData(BadgeRequirement.CallsAfterHour, 20, "A call at or after 20:00")]
    [InlineData(BadgeRequirement.WeeklyRank, 3, "Finish a week in the top 3")]
    [InlineData(BadgeRequirement.WeeklyRank, 1, "Finish a week at rank 1")]
    [InlineData(BadgeRequirement.StreakDays, 7, "A 7-day streak")]
    [InlineData(BadgeRequirement.Level, 10, "Reach level 10")]
    [InlineData(BadgeRequirement.Manual, 1, "Awarded by an admin")]
    public void Requirements_read_as_plain_words(BadgeRequirement type, int value, string expected)
    {
        Assert.Equal(expected, BadgeShowcase.RequirementText(type, value));
    }

    [Fact]
    public void Badge_names_drawn_as_shared_markup_stay_text_earned_or_locked()
    {
        var showcase = Render<BadgeShowcase>(p => p.Add(x => x.Compact, true).Add(x => x.Badges,
        [
            Badge(61, "Gold <b>star</b> & co", BadgeRarity.Legendary, earned: true),
            Badge(62, "Next <i>one</i>", BadgeRarity.Rare, progress: 2, target: 10, needed: "8 to go"),
        ]));

        Assert.Empty(showcase.FindAll("[data-testid=badge-showcase] b, [data-testid=badge-showcase] i"));
        Assert.Equal("Gold <b>star</b> & co", showcase.Find("[data-testid=badge-61] .badge-name").TextContent);
        var next = showcase.Find("[data-testid=badge-62]");
        Assert.Equal("Next <i>one</i>", next.QuerySelector("span[title]")!.GetAttribute("title"));
        Assert.Contains("Next <i>one</i>", next.TextContent, StringComparison.Ordinal);
        Assert.Contains("+10 pts", next.TextContent, StringComparison.Ordinal);
    }

    private static BadgeProgress CenturyClub(bool earned) => new(
        100, "100_calls_completed", "Century Club", "Complete 100 calls.", BadgeCategory.Milestone, BadgeRarity.Epic,
        BadgeRequirement.TotalCalls, 100, "trophy", 250, earned, earned ? EarnedOn : null,
        earned ? 100 : 88, 100, earned ? 100 : 88, earned ? "" : "12 more calls");

    private static BadgeProgress Badge(long id, string name, BadgeRarity rarity, bool earned = false, DateTimeOffset? earnedOn = null,
        BadgeRequirement requirement = BadgeRequirement.TotalCalls, int progress = 1, int target = 1, string needed = "") =>
        new(id, $"code_{id}", name, name + ".", BadgeCategory.Milestone, rarity, requirement, target, "star", 10, earned,
            earned ? earnedOn ?? EarnedOn : null, progress, target, target == 0 ? 0 : 100 * progress / target, needed);
}
