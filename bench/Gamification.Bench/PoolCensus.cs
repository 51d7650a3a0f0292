using System.Buffers;
using System.Collections;

using Microsoft.AspNetCore.Components.RenderTree;

namespace Gamification.Bench;

/// <summary>
/// What <c>ArrayPool&lt;RenderTreeFrame&gt;.Shared</c> keeps between rentals, read through its private state (reflection:
/// the runtime exposes none of it). Render trees rent their frame arrays from it and give them back when a component or
/// circuit goes; the pool keeps up to 32 arrays of each size per core (and one per thread) for the next tabs, and lets
/// go of them a few at a time at full collections once unused for a minute. A bench-only diagnostic: the
/// <c>-- circuits</c> leak check counts what the pool keeps apart from what the app keeps.
/// </summary>
internal static class PoolCensus
{
    /// <summary>The bytes of frame arrays the shared pool holds now, or null when its state cannot be read.</summary>
    public static long? FrameArrayBytes()
    {
        var pool = ArrayPool<RenderTreeFrame>.Shared;
        var buckets = FrameCensus.Field(pool, "_buckets") as Array;
        var threadLocals = FrameCensus.Field(pool, "_allTlsBuckets") as IEnumerable;
        if (buckets is null || threadLocals is null)
        {
            return null;
        }
        long frames = 0;
        foreach (var partitions in buckets)
        {
            if (partitions is null || FrameCensus.Field(partitions, "_partitions") is not Array parts)
            {
                continue;
            }
            foreach (var partition in parts)
            {
                if (partition is not null && FrameCensus.Field(partition, "_arrays") is Array arrays)
                {
                    frames += arrays.Cast<Array?>().Sum(a => (long)(a?.Length ?? 0));
                }
            }
        }
        // Each thread's one array per size (a ConditionalWeakTable of the threads' slots).
        foreach (var entry in threadLocals)
        {
            if (entry?.GetType().GetProperty("Key")?.GetValue(entry) is Array slots)
            {
                foreach (var slot in slots)
                {
                    if (slot is not null && FrameCensus.Field(slot, "Array") is Array array)
                    {
                        frames += array.Length;
                    }
                }
            }
        }
        return frames * FrameCensus.FrameBytes;
    }
}
