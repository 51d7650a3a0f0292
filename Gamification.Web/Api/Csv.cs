using System.Text;

namespace Gamification.Web.Api;

/// <summary>
/// Writes RFC 4180 CSV: a header row, then one row per item; CRLF line ends; a field with a comma, a quote, a
/// line break or leading/trailing space is quoted, quotes doubled. Values are written in the invariant culture
/// (numbers with a dot, dates as yyyy-MM-dd, instants as UTC ISO 8601, enums in snake_case), so a file reads the
/// same whatever the server's or the viewer's language. A text value that a spreadsheet would run as a formula
/// (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe; numbers are never changed.
/// </summary>
public static class Csv
{
    /// <summary>The media type of the files: text/csv in UTF-8.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The CSV for <paramref name="rows"/>, one column per (header, value) pair, in that order.</summary>
    public static string Write<T>(IEnumerable<T> rows, params (string Header, Func<T, object?> Value)[] columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var text = new StringBuilder();
        AppendRow(text, columns.Select(c => (object?)c.Header));
        foreach (var row in rows)
        {
            AppendRow(text, columns.Select(c => c.Value(row)));
        }
        return text.ToString();
    }

    /// <summary>One value as a CSV field (quoted when it must be).</summary>
    public static string Field(object? value)
    {
        var text = Format(value);
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        var quote = text.Length > 0 && (text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
        return quote ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static void AppendRow(StringBuilder text, IEnumerable<object?> values)
    {
        text.AppendJoin(',', values.Select(Field));
        text.Append("\r\n");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        float f => f.ToString("0.###", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.###", CultureInfo.InvariantCulture),
        Enum e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
