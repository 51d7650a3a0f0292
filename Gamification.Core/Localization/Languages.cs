using System.Resources;

namespace Gamification.Core.Localization;

/// <summary>
/// The languages the app speaks (docs/localization.md adds one): a person's own choice, else their tenant's, else the
/// browser's Accept-Language, else English (docs/rules.md, Language).
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";
    public const string Default = English;

    /// <summary>Every supported language, as the two-letter codes stored and sent by the API.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, Spanish];

    /// <summary>The supported code for <paramref name="code"/> ("es", "ES", "es-MX" give "es"); null when it is none of ours.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var language = code.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(language, StringComparer.Ordinal) ? language : null;
    }

    /// <summary>Whether <paramref name="code"/> is exactly one of the supported codes (what the API accepts).</summary>
    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code, StringComparer.Ordinal);

    /// <summary>
    /// The culture Core writes a text in for a reader in <paramref name="culture"/>: the invariant culture for English (and
    /// for a language the app does not speak, which reads English), so English reads exactly as Core stores it whatever the
    /// machine's culture; the reader's own culture otherwise (Spanish "1.500", "sáb 12 dic").
    /// </summary>
    public static CultureInfo TextCulture(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Normalize(culture.Name) is null or English ? CultureInfo.InvariantCulture : culture;
    }

    /// <summary>The language's own name, for pickers: "English", "Español".</summary>
    public static string NativeName(string code) => code switch
    {
        Spanish => "Español",
        _ => "English",
    };
}

/// <summary>
/// Core's texts that reach people (validation messages, starter content), from Resources/CoreText.resx and its
/// translations (CoreText.es.resx), in the current UI culture.
/// </summary>
public static class CoreText
{
    private static readonly ResourceManager Texts = new("Gamification.Core.Resources.CoreText", typeof(CoreText).Assembly);
    private static readonly ResourceManager Messages = new("Gamification.Core.Resources.Messages", typeof(CoreText).Assembly);

    /// <summary>The text named <paramref name="name"/> in the current UI culture (the name itself when missing).</summary>
    public static string Get(string name) => Texts.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>The text named <paramref name="name"/> in <paramref name="culture"/>.</summary>
    public static string Get(string name, CultureInfo culture) => Texts.GetString(name, culture) ?? name;

    /// <summary>The text named <paramref name="name"/> in <paramref name="culture"/>, or null when it has none.</summary>
    public static string? Find(string name, CultureInfo culture) => Texts.GetString(name, culture);

    /// <summary>The text named <paramref name="name"/> with its placeholders filled in the current culture.</summary>
    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);

    /// <summary>Whether <see cref="Translate"/> can change a text for the current UI culture (false for English).</summary>
    public static bool Translates => Languages.Normalize(CultureInfo.CurrentUICulture.Name) is { } code && code != Languages.English;

    /// <summary>
    /// A message written in English (a domain failure's) in the current UI culture. Resources/Messages.&lt;lang&gt;.resx is keyed
    /// by the English text: first the exact text, else a template key with numbered placeholders ("The note is longer than
    /// {0} characters.") whose figures fill the translated template (<see cref="MessageTemplates"/>). A message with no
    /// translation, and every message for an English reader, stays exactly as it is.
    /// </summary>
    public static string Translate(string english)
    {
        if (string.IsNullOrEmpty(english) || !Translates)
        {
            return english;
        }
        var culture = CultureInfo.CurrentUICulture;
        return Messages.GetString(english, culture) ?? MessageTemplates.Fill(english, culture, Messages) ?? english;
    }

    /// <summary>The translation of <paramref name="english"/> when it is exactly a key of Messages, else null.</summary>
    internal static string? ExactMessage(string english, CultureInfo culture) => Messages.GetString(english, culture);
}
