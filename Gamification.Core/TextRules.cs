namespace Gamification.Core;

/// <summary>
/// What typed text may hold. A name (of a person, team, badge, challenge, reward, tenant or integration key) is one line
/// shown in lists and notifications: no control characters (C0, DEL, C1), no line or paragraph separators, no direction
/// overrides, embeddings or isolates (U+202A-202E, U+2066-2069) or direction marks (U+200E, U+200F, U+061C), which can
/// make a name read as another, and no unpaired surrogates. Free text (descriptions, delivery details) may also hold
/// tabs, line breaks and direction marks.
/// </summary>
public static class TextRules
{
    public const string NameMessage =
        "The name holds a control character, a line break or a text-direction override (such as U+202E): type it without them.";

    public const string TextMessage =
        "The text holds a control character or a text-direction override (such as U+202E): type it without them (tabs and line breaks are fine).";

    public static bool IsCleanName(string text) => IsClean(text, freeText: false);

    public static bool IsCleanText(string text) => IsClean(text, freeText: true);

    private static bool IsClean(string text, bool freeText)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            var allowed = c switch
            {
                _ when char.IsSurrogate(c) => false,
                '\t' or '\n' or '\r' => freeText,
                < '\u0020' or (>= '\u007F' and <= '\u009F') => false,
                '\u2028' or '\u2029' => false,
                (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => false,
                '\u200E' or '\u200F' or '\u061C' => freeText,
                _ => true,
            };
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }
}
