using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

using MudBlazor;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// An on/off switch drawn as <see cref="MudSwitch{T}"/> draws it (a native <c>input type="checkbox"</c> with
/// <c>role="switch"</c> inside MudBlazor's label, track and thumb, with its classes and states), as elements of the
/// component that shows it rather than a component of its own. MudSwitch also connected a key interceptor through JS
/// interop on every open dashboard (My preferences' reminder switch), whose options Blazor serialized with metadata
/// built again in each circuit (docs/performance.md, Memory per open dashboard). The keys are MudSwitch's, as plain
/// events: Space toggles (the browser's own checkbox), ArrowRight, Enter and NumpadEnter turn it on, ArrowLeft and Delete
/// turn it off. <paramref name="onChange"/> runs on <paramref name="receiver"/>, which renders again.
/// </summary>
public static class Switch
{
    public static RenderFragment Draw(IHandleEvent receiver, string id, bool value, string label, Func<bool, Task> onChange,
        bool disabled, string? cssClass = null) => builder =>
    {
        ArgumentNullException.ThrowIfNull(onChange);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", string.IsNullOrEmpty(cssClass)
            ? "mud-input-control mud-input-control-boolean-input"
            : $"mud-input-control mud-input-control-boolean-input {cssClass}");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "label");
        builder.AddAttribute(5, "class", disabled ? "mud-switch mud-disabled mud-input-content-placement-end" : "mud-switch mud-input-content-placement-end");
        builder.AddAttribute(6, "onkeydown", EventCallback.Factory.Create<KeyboardEventArgs>(receiver, e => OnKeyDownAsync(e, value, disabled, onChange)));
        builder.OpenElement(7, "span");
        builder.AddAttribute(8, "class", "mud-switch-span mud-switch-span-medium");
        builder.OpenElement(9, "span");
        builder.AddAttribute(10, "class", BaseClass(value, disabled));
        builder.OpenElement(11, "span");
        builder.AddAttribute(12, "class", "mud-switch-button");
        builder.OpenElement(13, "input");
        builder.AddAttribute(14, "tabindex", disabled ? "-1" : "0");
        builder.AddAttribute(15, "id", id);
        builder.AddAttribute(16, "aria-readonly", "false");
        builder.AddAttribute(17, "role", "switch");
        builder.AddAttribute(18, "aria-checked", value ? "true" : "false");
        builder.AddAttribute(19, "type", "checkbox");
        builder.AddAttribute(20, "class", "mud-switch-input");
        builder.AddAttribute(21, "checked", value);
        builder.AddAttribute(22, "onchange", EventCallback.Factory.Create<ChangeEventArgs>(receiver, e => onChange(e.Value is true)));
        builder.AddAttribute(23, "disabled", disabled);
        builder.CloseElement();
        builder.OpenElement(24, "span");
        builder.AddAttribute(25, "class", "mud-switch-thumb-medium d-flex align-center justify-center");
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(26, "span");
        builder.AddAttribute(27, "class", value ? "mud-switch-track mud-primary" : "mud-switch-track mud-default");
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(28, "span");
        builder.AddAttribute(29, "class", "mud-typography mud-typography-body1");
        builder.AddContent(30, label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>MudSwitch's keys beside Space: on with ArrowRight or Enter, off with ArrowLeft or Delete.</summary>
    private static Task OnKeyDownAsync(KeyboardEventArgs e, bool value, bool disabled, Func<bool, Task> onChange) =>
        (disabled, e.Key, value) switch
        {
            (false, "ArrowRight" or "Enter" or "NumpadEnter", false) => onChange(true),
            (false, "ArrowLeft" or "Delete", true) => onChange(false),
            _ => Task.CompletedTask,
        };

    private static string BaseClass(bool value, bool disabled) => (value, disabled) switch
    {
        (true, false) => "mud-button-root mud-icon-button mud-switch-base mud-ripple mud-ripple-switch mud-primary-text hover:mud-primary-hover mud-checked mud-switch-base-medium",
        (false, false) => "mud-button-root mud-icon-button mud-switch-base mud-ripple mud-ripple-switch mud-default-text hover:mud-default-hover mud-switch-base-medium",
        (true, true) => "mud-button-root mud-icon-button mud-switch-base mud-switch-disabled mud-checked mud-switch-base-medium",
        (false, true) => "mud-button-root mud-icon-button mud-switch-base mud-switch-disabled mud-switch-base-medium",
    };
}
