using Bunit;

using Gamification.Core.Badges;
using Gamification.Web;
using Gamification.Web.Components.Shared;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Gamification.Tests.Components;

/// <summary>
/// <see cref="BadgeIcon.Draw"/>, the medal as one piece of markup shared by every tab: the markup the component drew
/// before (kept here as it rendered), the tenant's names encoded, and the component itself drawing the same.
/// </summary>
public sealed class BadgeIconDrawTests : MudTestContext
{
    // What BadgeIcon rendered as a component with its own tree (captured from it before it drew through Draw).
    private const string LockedGold = """
<span class="badge-icon rarity-legendary badge-icon-locked" data-rarity="legendary" data-icon="gold" data-locked="true" role="img" aria-label="Gold <b>&amp;&quot;x&quot; (Legendary, locked)" style="position:relative;display:inline-flex;align-items:center;justify-content:center;flex:0 0 auto;width:40px;height:40px;border-radius:50%;background:radial-gradient(circle at 30% 30%, #F9FAFB, #D1D5DB);box-shadow:inset 0 0 0 2px #D1D5DB;"><svg class="mud-icon-root mud-svg-icon mud-icon-size-medium" style="font-size:22.4px;color:#9CA3AF;" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img"><rect fill="none" height="24" width="24"/><path d="M9.68,13.69L12,11.93l2.31,1.76l-0.88-2.85L15.75,9h-2.84L12,6.19L11.09,9H8.25l2.31,1.84L9.68,13.69z M20,10 c0-4.42-3.58-8-8-8s-8,3.58-8,8c0,2.03,0.76,3.87,2,5.28V23l6-2l6,2v-7.72C19.24,13.87,20,12.03,20,10z M12,4c3.31,0,6,2.69,6,6 s-2.69,6-6,6s-6-2.69-6-6S8.69,4,12,4z"/></svg><span class="badge-icon-lock" aria-hidden="true" style="position:absolute;right:-2px;bottom:-2px;width:14.4px;height:14.4px;border-radius:50%;background:#fff;display:flex;align-items:center;justify-content:center;box-shadow:0 1px 3px rgba(0,0,0,.25);"><svg class="mud-icon-root mud-svg-icon mud-icon-size-medium" style="font-size:10px;color: var(--mud-palette-text-secondary)" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img"><path d="M0 0h24v24H0z" fill="none"/><path d="M18 8h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm-6 9c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2zm3.1-9H8.9V6c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2z"/></svg></span></span>
""";

    private const string ImageWithoutName = """
<span class="badge-icon rarity-rare" data-rarity="rare" data-icon="image:12" data-locked="false" role="img" aria-label="Badge (Rare)" style="position:relative;display:inline-flex;align-items:center;justify-content:center;flex:0 0 auto;width:56px;height:56px;border-radius:50%;background:radial-gradient(circle at 30% 30%, #BFDBFE, #2563EB 55%, #1E40AF);box-shadow:0 0 0 3.5px rgba(37,99,235,.25), 0 3px 10px rgba(37,99,235,.25);"><img src="api/v1/gamification/badges/images/12" alt loading="lazy" class="badge-icon-image" style="width:100%;height:100%;object-fit:cover;border-radius:50%;" /></span>
""";

    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public void A_locked_built_in_medal_is_drawn_as_the_component_drew_it_and_its_name_stays_text()
    {
        var drawn = Render(b => b.AddContent(0, BadgeIcon.Draw(L, "gold", BadgeRarity.Legendary, 40, true, "Gold <b>&\"x\"")));

        drawn.MarkupMatches(LockedGold);
        Assert.Empty(drawn.FindAll("b"));
        Assert.Equal("Gold <b>&\"x\" (Legendary, locked)", drawn.Find(".badge-icon").GetAttribute("aria-label"));
    }

    [Fact]
    public void An_uploaded_image_without_a_name_is_drawn_as_the_component_drew_it()
    {
        var drawn = Render(b => b.AddContent(0, BadgeIcon.Draw(L, "image:12", BadgeRarity.Rare, 56, false, null)));

        drawn.MarkupMatches(ImageWithoutName);
    }

    [Theory]
    [InlineData("phone", BadgeRarity.Epic, 52, false, "Century club")]
    [InlineData("gold", BadgeRarity.Legendary, 40, true, "Gold")]
    [InlineData("image:12", BadgeRarity.Rare, 56, true, "Custom")]
    [InlineData(null, BadgeRarity.Common, 48, false, "x")]
    [InlineData("/img/a.png?x=1&y=2", BadgeRarity.Uncommon, 36, false, "Url")]
    public void The_component_draws_the_same_markup(string? icon, BadgeRarity rarity, int size, bool locked, string? label)
    {
        var component = Render<BadgeIcon>(p => p.Add(x => x.Icon, icon).Add(x => x.Rarity, rarity).Add(x => x.Size, size).Add(x => x.Locked, locked).Add(x => x.Label, label));

        var drawn = Render(b => b.AddContent(0, BadgeIcon.Draw(L, icon, rarity, size, locked, label)));

        drawn.MarkupMatches(component.Markup);
    }

    [Fact]
    public void The_same_medal_in_the_same_language_is_one_shared_string()
    {
        var first = BadgeIcon.Draw(L, "star", BadgeRarity.Rare, 44, false, "Shared star");
        var second = BadgeIcon.Draw(L, "star", BadgeRarity.Rare, 44, false, "Shared star");

        Assert.Same(first.Value, second.Value);
    }
}
