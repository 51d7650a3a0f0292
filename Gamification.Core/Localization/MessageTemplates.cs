using System.Collections;
using System.Collections.Concurrent;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;

namespace Gamification.Core.Localization;

/// <summary>
/// Domain messages built with figures ("The note is longer than 2000 characters."), translated through template keys of
/// Resources/Messages.&lt;lang&gt;.resx: a key that is the English message with numbered placeholders
/// ("The note is longer than {0} characters.") and a value that is the translation with the same placeholders. Each
/// template is compiled once per culture to an anchored pattern (placeholders match lazily, the rest literally); the
/// first match, templates with the most literal text first, fills the translated template with the captured figures:
/// a number written the invariant way ("1,000", "4.5") in the reader's culture ("1.000", "4,5"), a value that is itself
/// a message key (a status word: "approved") translated, anything else (names, ids, fields, lists of options) as it is.
/// </summary>
public static partial class MessageTemplates
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<Template>> ByCulture = new(StringComparer.Ordinal);

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>A template key: its English pattern and the translated text with the same numbered placeholders.</summary>
    public sealed record Template(string Key, string Value, Regex Pattern, IReadOnlyList<int> Placeholders)
    {
        /// <summary>How many characters of the key are literal text (not placeholders): more means more specific.</summary>
        public int LiteralLength { get; } = PlaceholderPattern().Replace(Key, "").Length;
    }

    [GeneratedRegex(@"\{(\d+)\}", RegexOptions.CultureInvariant)]
    internal static partial Regex PlaceholderPattern();

    /// <summary>A number as the English messages write it: digits, optionally grouped by commas, optionally a decimal point.</summary>
    [GeneratedRegex(@"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex InvariantNumber();

    /// <summary>Whether <paramref name="key"/> holds a numbered placeholder ("{0}").</summary>
    public static bool IsTemplate(string key) => PlaceholderPattern().IsMatch(key);

    /// <summary>
    /// The anchored pattern for a template key: each placeholder a lazy group named after its number (a placeholder used
    /// twice must match the same text), every other character literal.
    /// </summary>
    public static Regex Compile(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pattern = new StringBuilder("^");
        var seen = new HashSet<int>();
        var at = 0;
        foreach (Match placeholder in PlaceholderPattern().Matches(key))
        {
            pattern.Append(Regex.Escape(key[at..placeholder.Index]));
            var number = int.Parse(placeholder.Groups[1].Value, CultureInfo.InvariantCulture);
            pattern.Append(seen.Add(number)
                ? string.Create(CultureInfo.InvariantCulture, $"(?<p{number}>.+?)")
                : string.Create(CultureInfo.InvariantCulture, $"\\k<p{number}>"));
            at = placeholder.Index + placeholder.Length;
        }
        pattern.Append(Regex.Escape(key[at..])).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout);
    }

    /// <summary>The templates of <paramref name="culture"/>'s messages, most specific first (compiled once per culture).</summary>
    public static IReadOnlyList<Template> For(CultureInfo culture, ResourceManager messages)
    {
        ArgumentNullException.ThrowIfNull(culture);
        ArgumentNullException.ThrowIfNull(messages);
        return ByCulture.GetOrAdd(culture.Name, _ => Load(culture, messages));
    }

    private static List<Template> Load(CultureInfo culture, ResourceManager messages)
    {
        var templates = new List<Template>();
        // The culture's own set, else its parent's (es-MX reads es); the neutral set of Messages is empty.
        for (var c = culture; !c.Equals(CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (messages.GetResourceSet(c, createIfNotExists: true, tryParents: false) is not { } set)
            {
                continue;
            }
            foreach (DictionaryEntry entry in set)
            {
                if (entry.Key is string key && entry.Value is string value && IsTemplate(key)
                    && !templates.Exists(t => t.Key == key))
                {
                    var placeholders = PlaceholderPattern().Matches(key).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                        .Distinct().ToList();
                    templates.Add(new Template(key, value, Compile(key), placeholders));
                }
            }
        }
        return [.. templates.OrderByDescending(t => t.LiteralLength).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// <paramref name="english"/> through the first template it matches, in <paramref name="culture"/>; null when it
    /// matches none.
    /// </summary>
    public static string? Fill(string english, CultureInfo culture, ResourceManager messages)
    {
        ArgumentNullException.ThrowIfNull(english);
        foreach (var template in For(culture, messages))
        {
            Match match;
            try
            {
                match = template.Pattern.Match(english);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }
            if (!match.Success)
            {
                continue;
            }
            return PlaceholderPattern().Replace(template.Value, p =>
                match.Groups["p" + p.Groups[1].Value] is { Success: true } captured ? Value(captured.Value, culture) : p.Value);
        }
        return null;
    }

    /// <summary>
    /// A captured value in the reader's language: a number written the invariant way in the reader's culture (a plain
    /// whole number such as an id or a limit stays as written: its digits read the same), a message key translated,
    /// anything else as it is.
    /// </summary>
    public static string Value(string captured, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(captured);
        ArgumentNullException.ThrowIfNull(culture);
        if (InvariantNumber().IsMatch(captured))
        {
            var grouped = captured.Contains(',', StringComparison.Ordinal);
            var point = captured.IndexOf('.', StringComparison.Ordinal);
            if (!grouped && point < 0)
            {
                return captured;
            }
            var number = decimal.Parse(captured, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture);
            var decimals = point < 0 ? 0 : captured.Length - point - 1;
            var format = (grouped ? "N" : "F") + decimals.ToString(CultureInfo.InvariantCulture);
            return number.ToString(format, Languages.TextCulture(culture));
        }
        return CoreText.ExactMessage(captured, culture) ?? captured;
    }
}
