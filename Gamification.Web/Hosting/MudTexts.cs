using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Web.Hosting;

/// <summary>
/// MudBlazor's own texts in the reader's language: the names screen readers announce for a numeric field's increment
/// and decrement buttons, a dialog's, an alert's, a chip's and a snackbar's close buttons, the pagination's and the
/// pagers' buttons, a date picker's month and year buttons. They are the <c>Mud.&lt;key&gt;</c> texts of
/// SharedResource (MudBlazor's keys); MudBlazor keeps its built-in English for English readers and for a key with no text
/// here (docs/localization.md).
/// </summary>
internal sealed class MudTexts(IStringLocalizer<SharedResource> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => Find(key, []);

    public override LocalizedString this[string key, params object[] arguments] => Find(key, arguments);

    private LocalizedString Find(string key, object[] arguments)
    {
        var text = texts[$"Mud.{key}", arguments];
        return text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
    }
}
