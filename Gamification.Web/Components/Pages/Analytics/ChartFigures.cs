using System.Globalization;

namespace Gamification.Web.Components.Pages.Analytics;

/// <summary>
/// A chart's figures as a table, its text alternative (<see cref="ChartCard"/>): the column headings, then one row per
/// bar, slice or day, each starting with what names the row.
/// </summary>
public sealed record ChartFigures(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>A two-column table: what each row names, and its number.</summary>
    public static ChartFigures Of<T>(string label, string value, IEnumerable<T> items, Func<T, string> name, Func<T, double> figure, string format = "N0") =>
        new([label, value], items.Select(i => (IReadOnlyList<string>)[name(i), figure(i).ToString(format, CultureInfo.CurrentCulture)]).ToList());

    /// <summary>A day's row label, as the charts' axes show days.</summary>
    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.CurrentCulture);
}
