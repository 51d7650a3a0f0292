using Bunit;

using Gamification.Tests.Components;
using Gamification.Web.Hosting;

using Microsoft.Extensions.DependencyInjection;

using MudBlazor;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// MudBlazor's own texts (the names screen readers announce for its buttons) follow the reader's language: the app
/// registers <see cref="MudTexts"/>, and MudBlazor asks it for what its built-in English does not cover.
/// </summary>
public sealed class SpanishMudBlazorTextsTests : MudTestContext
{
    public SpanishMudBlazorTextsTests() => Services.AddTransient<MudLocalizer, MudTexts>();

    [Fact]
    public Task A_numeric_fields_buttons_are_named_in_Spanish_for_a_Spanish_reader() => InCultureAsync("es", () =>
    {
        var field = Render<MudNumericField<int>>(p => p.Add(f => f.Label, "Puntos"));

        Assert.NotNull(field.Find("button[aria-label='Aumentar']"));
        Assert.NotNull(field.Find("button[aria-label='Reducir']"));
        Assert.Empty(field.FindAll("button[aria-label='Increment']"));
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_date_pickers_button_is_named_in_Spanish_for_a_Spanish_reader() => InCultureAsync("es", () =>
    {
        var picker = Render<MudDatePicker>(p => p.Add(f => f.Label, "Desde"));

        var labels = picker.FindAll("[aria-label]").Select(e => e.GetAttribute("aria-label")).ToList();
        Assert.Contains("Abrir el selector de fecha", labels);
        return Task.CompletedTask;
    });

    [Fact]
    public Task An_English_reader_keeps_MudBlazors_own_English() => InCultureAsync("en", () =>
    {
        var field = Render<MudNumericField<int>>(p => p.Add(f => f.Label, "Points"));

        Assert.NotNull(field.Find("button[aria-label='Increment']"));
        return Task.CompletedTask;
    });

    [Fact]
    public Task The_app_registers_them_with_a_text_for_each_of_its_keys_and_the_same_placeholders() => InCultureAsync("es", () =>
    {
        using var app = new GamificationAppFactory();
        var localizer = app.Services.GetRequiredService<MudLocalizer>();

        Assert.IsType<MudTexts>(localizer);
        Assert.Equal("Aumentar", localizer["MudInput_Increment"].Value);
        Assert.Equal("Página 3", localizer["MudPagination_PageIndex", 3].Value);
        Assert.True(localizer["MudSomething_Unknown"].ResourceNotFound);
        return Task.CompletedTask;
    });
}
