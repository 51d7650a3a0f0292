using System.Collections.Concurrent;

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
    private const int MaxShared = 8192;
    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);
    private static int count;

    /// <summary>The shared instance equal to <paramref name="value"/>.</summary>
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Strings.TryGetValue(value, out var shared))
        {
            return shared;
        }
        if (Volatile.Read(ref count) >= MaxShared)
        {
            return value;
        }
        shared = Strings.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
        {
            Interlocked.Increment(ref count);
        }
        return shared;
    }
}
