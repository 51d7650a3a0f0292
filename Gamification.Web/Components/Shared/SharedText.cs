namespace Gamification.Web.Components.Shared;

/// <summary>
/// One shared instance of each class, style or attribute string a page builds from a few inputs (a rarity, a
/// difficulty, a transaction type, a pulse): an open tab's render trees keep the strings of their last two renders, so a
/// string built afresh on every render is held by every tab, twice. Through here, every tab holds the same instance
/// (docs/performance.md, Memory per open dashboard). Only for strings from a small set, never a person's text; bounded
/// all the same (past the bound a string is returned as it came).
/// </summary>
public static class SharedText
{
    private static readonly BoundedCache<string, string> Strings = new(8192);

    /// <summary>The shared instance equal to <paramref name="value"/>.</summary>
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Strings.Get(value, 0, static (key, _) => key);
    }
}
