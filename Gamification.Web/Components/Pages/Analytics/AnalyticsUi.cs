using Microsoft.JSInterop;

namespace Gamification.Web.Components.Pages.Analytics;

/// <summary>Small pieces the supervisor dashboards share: axis labels and CSV downloads ("ago" is <see cref="Shared.UiText.Ago"/>).</summary>
internal static class AnalyticsUi
{
    /// <summary>The line charts label at most this many days on the axis (the tooltips still name every day).</summary>
    public const int MaxAxisLabels = 10;

    /// <summary>Day labels for a time axis: every day's name, thinned to about <see cref="MaxAxisLabels"/> visible ones.</summary>
    public static string[] DayLabels(IReadOnlyList<DateOnly> days)
    {
        var step = Math.Max(1, (int)Math.Ceiling(days.Count / (double)MaxAxisLabels));
        return days.Select((d, i) => i % step == 0 || i == days.Count - 1 && days.Count <= MaxAxisLabels
            ? d.ToString("MMM d", CultureInfo.CurrentCulture)
            : "").ToArray();
    }

    /// <summary>Saves <paramref name="content"/> as a file in the browser (wwwroot/js/analytics.js, loaded as a module).</summary>
    public static async Task<IJSObjectReference> DownloadAsync(IJSRuntime js, IJSObjectReference? module, string fileName, string content)
    {
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/analytics.js");
        await module.InvokeVoidAsync("downloadFile", fileName, content);
        return module;
    }
}
