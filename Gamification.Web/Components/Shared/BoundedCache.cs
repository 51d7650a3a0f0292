using System.Collections.Concurrent;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// Values every open tab shares (icons and medals as markup, class and style strings): built once per key and kept, up
/// to a bound, past which a value is built for its caller and not kept (keys that come from tenants' data cannot grow
/// it forever). The count is kept apart: <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every lock.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int maxEntries) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> items = new();
    private int count;

    /// <summary>The value kept for <paramref name="key"/>, if there is one.</summary>
    public bool TryGet(TKey key, out TValue value) => items.TryGetValue(key, out value!);

    /// <summary>The value kept for <paramref name="key"/>, or the one <paramref name="build"/> makes for it (kept if there is room).</summary>
    public TValue Get<TState>(TKey key, TState state, Func<TKey, TState, TValue> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (items.TryGetValue(key, out var value))
        {
            return value;
        }
        value = build(key, state);
        if (Volatile.Read(ref count) >= maxEntries)
        {
            return value;
        }
        if (items.TryAdd(key, value))
        {
            Interlocked.Increment(ref count);
            return value;
        }
        return items.TryGetValue(key, out var kept) ? kept : value;
    }
}
