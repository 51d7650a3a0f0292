namespace Gamification.Web.Components.Shared;

/// <summary>
/// Keeps what a page already holds when it loads its data again (a live change reloads the badges, challenges and
/// ledger page): the rows that are equal to the ones held (records compare by value) are kept as they were, and an
/// equal list is kept whole. A component's previous render tree keeps the values of its last render alive until the
/// next one, so without this every open tab would hold two copies of rows that did not change (docs/performance.md,
/// Memory per open dashboard); the same list also tells a component (the challenge tracker's animation) that nothing changed.
/// </summary>
public static class Unchanged
{
    /// <summary><paramref name="held"/> when <paramref name="loaded"/> equals it row by row; otherwise the loaded rows, each equal one replaced by the one held.</summary>
    /// <param name="same">What makes two rows the same (their value equality when null).</param>
    public static IReadOnlyList<T> Keep<T>(IReadOnlyList<T>? held, IReadOnlyList<T> loaded, IEqualityComparer<T>? same = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (held is null || held.Count == 0)
        {
            return loaded;
        }
        same ??= EqualityComparer<T>.Default;
        if (held.Count == loaded.Count && held.SequenceEqual(loaded, same))
        {
            return held;
        }
        var rows = new HashSet<T>(held, same);
        var kept = new List<T>(loaded.Count);
        foreach (var row in loaded)
        {
            kept.Add(rows.TryGetValue(row, out var heldRow) ? heldRow : row);
        }
        return kept;
    }
}
