using AngleSharp.Dom;

using Bunit;

using Gamification.Web;
using Gamification.Web.Components.Pages.Admin;
using Gamification.Web.Components.Shared;

using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The admin badge editor and its dialogs over a real SQLite database and the real badge service: the server's
/// validation errors show by their fields and nothing is stored, uploads are checked before anything is sent, and
/// a valid form creates the badge.
/// </summary>
public sealed class BadgeEditorTests : PageTestContext
{
    /// <summary>The pages' texts, in the test's culture.</summary>
    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public async Task Saving_an_empty_badge_shows_the_errors_by_their_fields_and_keeps_the_dialog_open()
    {
        var before = Count<Badge>();
        var (providers, dialog) = await SaveEmptyDialogAsync<BadgeDialog>("badge");

        Assert.NotEmpty(FieldError(providers, "#badge-name"));
        Assert.NotEmpty(FieldError(providers, "#badge-code"));
        Assert.NotEmpty(FieldError(providers, "#badge-requirement-value"));
        Assert.Empty(FieldError(providers, "#badge-description"));
        Assert.NotEmpty(providers.FindAll("#badge-dialog"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(before, Count<Badge>());
    }

    [Fact]
    public async Task A_code_already_in_use_is_refused_by_the_code_field_and_nothing_is_stored()
    {
        await SeedBadgeAsync("century_club", "Century Club");
        var before = Count<Badge>();
        var (providers, dialog) = await OpenDialogAsync<BadgeDialog>();

        providers.Find("#badge-name").Change("Another Century");
        providers.Find("#badge-code").Change("century_club");
        providers.Find("#badge-requirement-value").Input("100");
        providers.Find("#badge-save").Click();

        providers.WaitForAssertion(() => Assert.Contains("was not created", providers.Find("#badge-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("century_club", FieldError(providers, "#badge-code"), StringComparison.Ordinal);
        Assert.Empty(FieldError(providers, "#badge-name"));
        Assert.Empty(FieldError(providers, "#badge-requirement-value"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(before, Count<Badge>());
    }

    [Fact]
    public async Task A_valid_badge_is_created_and_the_dialog_closes_with_it()
    {
        var (providers, dialog) = await OpenDialogAsync<BadgeDialog>();

        providers.Find("#badge-name").Change("Phone Hero");
        providers.Find("#badge-code").Change("phone_hero");
        providers.Find("#badge-description").Change("Complete 250 calls.");
        providers.Find("#badge-requirement-value").Input("250");
        providers.Find("#badge-points-reward").Input("75");
        providers.Find("#badge-icon-grid [data-icon=\"rocket\"]").Click();
        Assert.Contains("Complete 250 calls", providers.Find("#badge-requirement-preview").TextContent, StringComparison.Ordinal);
        providers.Find("#badge-save").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var saved = Assert.IsType<BadgeView>(result?.Data);
        Assert.Equal("phone_hero", saved.Code);
        var stored = Db(db => db.Badges.IgnoreQueryFilters().Single(b => b.Code == "phone_hero"));
        Assert.Equal((BadgeRequirement.TotalCalls, 250, 75, "rocket"), (stored.RequirementType, stored.RequirementValue, stored.PointsReward, stored.Icon));
    }

    [Fact]
    public async Task Every_requirement_type_is_offered_with_what_its_value_means()
    {
        Assert.Equal(Enum.GetValues<BadgeRequirement>().Length, BadgeDialog.RequirementsIn(L).Count);
        Assert.Equal(14, BadgeDialog.RequirementsIn(L).Count);
        Assert.Contains("before it", BadgeDialog.RequirementsIn(L)[BadgeRequirement.CallsBeforeHour].Explanation, StringComparison.Ordinal);
        Assert.Equal("calls_before_hour", BadgeDialog.SnakeCase(BadgeRequirement.CallsBeforeHour));

        var (providers, _) = await OpenDialogAsync<BadgeDialog>();
        Assert.NotEmpty(providers.FindAll("#badge-requirement-value"));
        Assert.Equal(StarterCatalog.BuiltInIcons.Count, providers.FindAll("#badge-icon-grid button").Count);
    }

    [Fact]
    public async Task An_image_over_256_KiB_is_refused_with_a_readable_message_before_anything_is_stored()
    {
        var big = new byte[BadgeIcons.MaxImageBytes + 1];
        Png.CopyTo(big, 0);

        var (providers, _) = await PickInAnEmptyDialogAsync(InputFileContent.CreateFromBinary(big, "huge.png", contentType: "image/png"));

        providers.WaitForAssertion(() => Assert.Contains("256 KiB", providers.Find("#badge-icon-help").TextContent, StringComparison.Ordinal));
        Assert.Contains("huge.png", providers.Find("#badge-icon-help").TextContent, StringComparison.Ordinal);
        Assert.Equal("star", providers.Find("#badge-icon-preview").GetAttribute("data-icon"));
        Assert.Equal(0, Count<BadgeImage>());
    }

    [Fact]
    public async Task An_image_over_1024_pixels_a_side_is_refused_when_picked()
    {
        var (providers, _) = await PickInAnEmptyDialogAsync(
            InputFileContent.CreateFromBinary(Gamification.Tests.Badges.TestImages.Of("png", 4000, 300), "poster.png", contentType: "image/png"));

        providers.WaitForAssertion(() => Assert.Equal(
            "“poster.png”: The image is 4000 × 300 pixels; a badge image is at most 1024 × 1024 pixels.",
            providers.Find("#badge-icon-help").TextContent.Trim()));
        Assert.Equal("star", providers.Find("#badge-icon-preview").GetAttribute("data-icon"));
        Assert.Equal(0, Count<BadgeImage>());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name()
    {
        var (providers, _) = await PickInAnEmptyDialogAsync(InputFileContent.CreateFromText("<svg onload=alert(1)>", "sneaky.png", contentType: "image/png"));

        providers.WaitForAssertion(() => Assert.Contains("not a PNG, JPEG, GIF or WebP", providers.Find("#badge-icon-help").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, Count<BadgeImage>());
    }

    [Fact]
    public async Task An_uploaded_image_is_previewed_and_stored_with_the_badge()
    {
        var (providers, dialog) = await PickInAnEmptyDialogAsync(InputFileContent.CreateFromBinary(Png, "logo.png", contentType: "image/png"));

        providers.WaitForAssertion(() => Assert.Equal("upload", providers.Find("#badge-icon-preview").GetAttribute("data-icon")));
        Assert.StartsWith("data:image/png;base64,", providers.Find("#badge-icon-preview img").GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(0, Count<BadgeImage>());

        providers.Find("#badge-name").Change("Our Logo");
        providers.Find("#badge-code").Change("our_logo");
        providers.Find("#badge-requirement-value").Input("5");
        providers.Find("#badge-save").Click();

        var saved = Assert.IsType<BadgeView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))?.Data);
        Assert.True(BadgeIcons.TryGetImageId(saved.Icon, out var imageId));
        Assert.Equal("image/png", Db(db => db.BadgeImages.IgnoreQueryFilters().Single(i => i.Id == imageId).ContentType));
    }

    [Fact]
    public async Task The_editor_lists_badges_with_their_requirement_in_words_and_filters_them()
    {
        await SeedBadgeAsync("century_club", "Century Club", rarity: BadgeRarity.Epic);
        await SeedBadgeAsync("night_owl", "Night Owl", BadgeRequirement.CallsAfterHour, 20, BadgeRarity.Uncommon);
        var inactive = await SeedBadgeAsync("retired", "Retired One");
        await RunAsync<BadgeService, BadgeView>(s => s.SetActiveAsync(inactive.Id, false));
        RenderProviders();

        var page = Render<BadgeEditor>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#badges-table tbody tr").Count));
        var century = Row(page, "Century Club");
        Assert.Contains("Complete 100 calls", century.TextContent, StringComparison.Ordinal);
        Assert.Contains("Epic", century.QuerySelector(".badge-rarity")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("+50", century.TextContent, StringComparison.Ordinal);
        Assert.Contains("Complete a call at or after 20:00", Row(page, "Night Owl").TextContent, StringComparison.Ordinal);
        Assert.Contains("Inactive", Row(page, "Retired One").TextContent, StringComparison.Ordinal);

        page.Find("#badge-search").Input("owl");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#badges-table tbody tr")));
        Assert.Contains("Night Owl", page.Find("#badges-table tbody").TextContent, StringComparison.Ordinal);

        page.Find("#badge-search").Input("nothing-like-this");
        page.WaitForAssertion(() => Assert.Contains("No badge matches", page.Find("#badges-empty").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Awarding_needs_a_reason_pays_the_reward_and_says_when_the_badge_was_already_earned()
    {
        var badge = await SeedBadgeAsync("helper", "Helpful Teammate", BadgeRequirement.Manual, 1);
        var (providers, dialog) = await OpenDialogAsync<BadgeAwardDialog>(new DialogParameters<BadgeAwardDialog> { { d => d.Badge, badge } });
        providers.WaitForAssertion(() => Assert.False(providers.Find("#award-submit").HasAttribute("disabled")));

        providers.Find("#award-submit").Click();

        providers.WaitForAssertion(() => Assert.Contains("Nothing was awarded", providers.Find("#award-error").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(FieldError(providers, "#award-person"));
        Assert.NotEmpty(FieldError(providers, "#award-reason"));

        ChoosePerson(providers, "Alex");
        providers.Find("#award-reason").Input("Helped the new starters");
        providers.Find("#award-submit").Click();

        providers.WaitForAssertion(() => Assert.Contains("+50 points paid", providers.Find("#award-result").TextContent, StringComparison.Ordinal));
        Assert.Contains("Alex Agent", providers.Find("#award-result").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, Count<UserBadge>());
        providers.Find("#award-done").Click();
        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));

        await ShowAsync<BadgeAwardDialog>(providers, new DialogParameters<BadgeAwardDialog> { { d => d.Badge, badge } });
        providers.WaitForAssertion(() => Assert.False(providers.Find("#award-submit").HasAttribute("disabled")));
        ChoosePerson(providers, "Alex");
        providers.Find("#award-reason").Input("Again");
        providers.Find("#award-submit").Click();

        providers.WaitForAssertion(() => Assert.Contains("already earned", providers.Find("#award-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, Count<UserBadge>());
    }

    /// <summary>Opens an empty badge dialog and picks <paramref name="file"/> as its image.</summary>
    private async Task<(IRenderedComponent<MudDialogProvider> Providers, IDialogReference Dialog)> PickInAnEmptyDialogAsync(InputFileContent file)
    {
        var opened = await OpenDialogAsync<BadgeDialog>();
        opened.Providers.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(file);
        return opened;
    }

    private void ChoosePerson(IRenderedComponent<MudDialogProvider> providers, string name)
    {
        providers.Find("#award-person").Input(name);
        Popovers.WaitForAssertion(() => Assert.NotEmpty(Popovers.FindAll(".mud-popover-open .mud-list-item")));
        Popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Contains(name, StringComparison.Ordinal)).Click();
    }

    private static IElement Row(IRenderedComponent<BadgeEditor> page, string name) =>
        page.FindAll("#badges-table tbody tr").Single(r => r.QuerySelector(".badge-name")?.TextContent.Trim() == name);

    private Task<BadgeView> SeedBadgeAsync(
        string code, string name, BadgeRequirement requirement = BadgeRequirement.TotalCalls, int value = 100, BadgeRarity rarity = BadgeRarity.Common) =>
        RunAsync<BadgeService, BadgeView>(s => s.CreateAsync(
            new BadgeInput(code, name, $"{name}.", BadgeCategory.Milestone, rarity, requirement, value, 50, "trophy")));

    /// <summary>The smallest PNG header: enough for the type check by bytes.</summary>
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
}
