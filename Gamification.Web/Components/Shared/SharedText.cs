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

    // A tenant catalog's texts (badges' and challenges' names and descriptions): admins' words, more of them, a pool of
    // their own so that they never crowd out the strings above.
    private static readonly BoundedCache<string, string> CatalogTexts = new(16_384);

    /// <summary>The shared instance equal to <paramref name="value"/>.</summary>
    public static string Of(string value) => Intern(Strings, value);

    /// <summary>The shared instance equal to <paramref name="value"/>, a text of a tenant's catalog (see <see cref="CatalogText"/>).</summary>
    public static string OfCatalog(string value) => Intern(CatalogTexts, value);

    private static string Intern(BoundedCache<string, string> pool, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return pool.Get(value, 0, static (key, _) => key);
    }
}
