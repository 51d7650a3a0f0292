using System.Collections.Concurrent;

namespace Gamification.Core.Points;

/// <summary>
/// What the units of this app instance remember of a user between units: rows an evaluator would otherwise read again
/// in every unit (a user's challenge rows of the open windows, the badges they earned). An entry is remembered after a
/// unit commits and recalled only while the user's balance row still has the version that commit left it with (on a
/// server, plus the next unit's own lock): every unit that records activity for a user writes that row, so a unit of
/// another instance, or anything that changed the user meanwhile, makes the entry stale and the rows are read again.
/// Nothing is trusted beyond that: the rows a unit writes are still checked by the database (version-checked updates,
/// unique indexes), so a remembered row that is stale all the same fails its unit, the runner forgets the tenant and
/// retries the unit with rows read from the database. Bounded: past <see cref="MaxEntries"/> entries it starts empty.
/// </summary>
public sealed class UnitMemory(int maxEntries = UnitMemory.DefaultMaxEntries)
{
    /// <summary>About 1 KB per entry (a user's open challenge rows), so at most a few tens of MB.</summary>
    public const int DefaultMaxEntries = 50_000;

    private readonly ConcurrentDictionary<(Type Kind, Guid TenantId, string UserId), Entry> entries = new();

    // About how many entries are held, for the bound: ConcurrentDictionary.Count takes every lock, and Remember runs per
    // user of every unit.
    private int held;

    /// <summary>How many entries are held (for tests and the benchmark).</summary>
    public int Count => entries.Count;

    /// <summary>The most entries held before the memory starts empty again.</summary>
    public int MaxEntries => maxEntries;

    /// <summary>
    /// What was remembered of kind <typeparamref name="T"/> for <paramref name="user"/>, if the balance row the unit read
    /// still has the version the last commit left (null: read the rows again).
    /// </summary>
    internal T? Recall<T>(IUnitLedger unit, UserState user)
        where T : class =>
        entries.TryGetValue((typeof(T), unit.TenantId, user.UserId), out var entry) && entry.Version == user.OriginalVersion
            ? (T)entry.Value
            : null;

    /// <summary>
    /// Remembers <paramref name="value"/> for <paramref name="user"/> after <paramref name="unit"/> committed: valid for
    /// the next unit that reads the balance row as this one left it.
    /// </summary>
    internal void Remember<T>(IUnitLedger unit, UserState user, T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Volatile.Read(ref held) >= maxEntries)
        {
            entries.Clear();
            Volatile.Write(ref held, 0);
        }
        // A server's unit first bumps the version to lock the row (SqlDialect.LocksRows): the next unit reads one more.
        var entry = new Entry(user.Points.Version + (SqlDialect.Of(unit.Db).LocksRows ? 1 : 0), value);
        var key = (typeof(T), unit.TenantId, user.UserId);
        if (entries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref held);
        }
        else
        {
            entries[key] = entry;
        }
    }

    /// <summary>Forgets what was remembered of kind <typeparamref name="T"/> for <paramref name="userId"/>.</summary>
    internal void Forget<T>(Guid tenantId, string userId) => Remove((typeof(T), tenantId, userId));

    private void Remove((Type Kind, Guid TenantId, string UserId) key)
    {
        if (entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref held);
        }
    }

    /// <summary>Forgets everything remembered for the tenant (a unit met a write conflict: something changed that was not seen).</summary>
    internal void ForgetTenant(Guid tenantId)
    {
        foreach (var key in entries.Keys)
        {
            if (key.TenantId == tenantId)
            {
                Remove(key);
            }
        }
    }

    private sealed record Entry(long Version, object Value);
}
