using Microsoft.AspNetCore.Components;

using MudBlazor;

namespace Gamification.Web.Components.Shared;

/// <summary>One choice of a <see cref="Radios.Group{T}"/>: its value, the input's id, its text and the text's language.</summary>
public sealed record RadioOption<T>(T Value, string Id, string Label, string? Lang = null);

/// <summary>
/// A group of radio buttons drawn as <see cref="MudRadioGroup{T}"/> and <see cref="MudRadio{T}"/> draw them (native
/// <c>input type="radio"</c>s of one name in a <c>role="radiogroup"</c>, MudBlazor's classes and icons), as elements of
/// the component that shows them rather than components of their own. My preferences' three groups were about 40
/// components on every open dashboard, and every component costs its circuit memory for as long as the tab is open
/// (docs/performance.md, Memory per open dashboard). The browser moves between the choices with the arrow keys and
/// reports a change when one is chosen; <paramref name="onChange"/> runs on <paramref name="receiver"/>, which renders again.
/// </summary>
public static class Radios
{
    public static RenderFragment Group<T>(IHandleEvent receiver, string id, string labelledBy, T selected,
        IReadOnlyList<RadioOption<T>> options, Func<T, Task> onChange, bool disabled) => builder =>
    {
        ArgumentNullException.ThrowIfNull(options);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-input-control mud-input-control-boolean-input");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "role", "radiogroup");
        builder.AddAttribute(6, "aria-required", "false");
        builder.AddAttribute(8, "id", id);
        builder.AddAttribute(9, "aria-labelledby", labelledBy);
        builder.AddAttribute(10, "class", "mud-radio-group");
        foreach (var option in options)
        {
            var isChecked = EqualityComparer<T>.Default.Equals(option.Value, selected);
            builder.OpenElement(11, "div");
            builder.AddAttribute(12, "class", disabled
                ? "mud-input-control mud-input-control-boolean-input mud-disabled mud-input-with-content"
                : "mud-input-control mud-input-control-boolean-input mud-input-with-content");
            builder.OpenElement(13, "div");
            builder.AddAttribute(14, "class", "mud-input-control-input-container");
            builder.OpenElement(15, "label");
            builder.AddAttribute(16, "class", disabled ? "mud-radio mud-disabled mud-input-content-placement-end" : "mud-radio mud-input-content-placement-end");
            builder.OpenElement(17, "span");
            builder.AddAttribute(18, "class", IconClass(isChecked, disabled));
            builder.OpenElement(19, "input");
            builder.AddAttribute(20, "tabindex", disabled ? "-1" : "0");
            builder.AddAttribute(21, "id", option.Id);
            builder.AddAttribute(22, "lang", option.Lang);
            builder.AddAttribute(23, "type", "radio");
            builder.AddAttribute(24, "class", "mud-radio-input");
            builder.AddAttribute(25, "checked", isChecked);
            builder.AddAttribute(26, "name", id);
            builder.AddAttribute(27, "disabled", disabled);
            var value = option.Value;
            builder.AddAttribute(28, "onchange", EventCallback.Factory.Create<ChangeEventArgs>(receiver, _ => onChange(value)));
            builder.CloseElement();
            builder.AddContent(29, Svg.Icon(isChecked ? Icons.Material.Filled.RadioButtonChecked : Icons.Material.Filled.RadioButtonUnchecked));
            builder.CloseElement();
            builder.OpenElement(30, "span");
            builder.AddAttribute(31, "class", "mud-typography mud-typography-body1");
            builder.AddAttribute(32, "lang", option.Lang);
            builder.AddContent(33, option.Label);
            builder.CloseElement();
            builder.CloseElement();
            builder.CloseElement();
            builder.CloseElement();
        }
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    private static string IconClass(bool isChecked, bool disabled) => (isChecked, disabled) switch
    {
        (true, false) => "mud-button-root mud-icon-button mud-ripple mud-ripple-radio mud-primary-text hover:mud-primary-hover mud-checked",
        (false, false) => "mud-button-root mud-icon-button mud-ripple mud-ripple-radio mud-primary-text hover:mud-primary-hover",
        (true, true) => "mud-button-root mud-icon-button mud-disabled mud-checked",
        (false, true) => "mud-button-root mud-icon-button mud-disabled",
    };
}
