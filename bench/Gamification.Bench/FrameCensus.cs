using System.Collections;
using System.Reflection;

using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Gamification.Bench;

/// <summary>
/// What the open circuits' components hold in render trees, read through the renderer's private state (reflection:
/// Blazor exposes none of it). Per component type: how many per circuit, the frames its last render used, and the
/// frame arrays it keeps (its current and previous tree, each a pooled array of a power of two frames, and the
/// snapshot of direct parameters kept by a component with a changing cascading value). A bench-only diagnostic
/// (<c>-- circuits --census</c>): the numbers say which component to trim.
/// </summary>
internal static class FrameCensus
{
    /// <summary>A render-tree frame's size on 64 bits.</summary>
    internal const int FrameBytes = 40;
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static void Print(IReadOnlyCollection<Circuit> circuits)
    {
        var rows = new Dictionary<string, Row>();
        var batch = new Dictionary<string, long>();
        var counted = 0;
        foreach (var circuit in circuits)
        {
            if (Renderer(circuit) is not { } renderer)
            {
                continue;
            }
            counted++;
            // The renderer's batch builder keeps its buffers at the size of the largest batch it has built.
            if (Field(renderer, "_batchBuilder") is { } batchBuilder)
            {
                foreach (var field in AllFields(batchBuilder.GetType()))
                {
                    if (field.GetValue(batchBuilder) is { } buffer && buffer.GetType().Name.StartsWith("ArrayBuilder", StringComparison.Ordinal)
                        && Field(buffer, "_items") is Array items)
                    {
                        var element = items.GetType().GetElementType()!;
                        var size = element.IsValueType
                            ? (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod("SizeOf")!.MakeGenericMethod(element).Invoke(null, null)!
                            : IntPtr.Size;
                        var bytes = (long)items.Length * size;
                        batch[field.Name] = batch.GetValueOrDefault(field.Name) + bytes;
                    }
                }
            }
            var states = (IDictionary)Field(renderer, "_componentStateById")!;
            foreach (var state in states.Values)
            {
                var component = state!.GetType().GetProperty("Component", Instance)!.GetValue(state)!;
                var name = component.GetType().Name;
                if (!rows.TryGetValue(name, out var row))
                {
                    rows[name] = row = new Row();
                }
                row.Count++;
                foreach (var field in AllFields(state.GetType()))
                {
                    var value = field.GetValue(state);
                    if (value is null)
                    {
                        continue;
                    }
                    if (value.GetType().Name == "RenderTreeBuilder")
                    {
                        var (used, capacity) = Builder(value);
                        row.Capacity += capacity;
                        if (field.Name.Contains("Current", StringComparison.Ordinal))
                        {
                            row.Used += used;
                        }
                    }
                    else if (value.GetType().Name.StartsWith("ArrayBuilder", StringComparison.Ordinal))
                    {
                        row.Capacity += ArrayCapacity(value);
                    }
                }
            }
        }
        if (counted == 0)
        {
            Console.WriteLine("  census: no circuit's renderer could be read");
            return;
        }
        Console.WriteLine($"  render-tree census over {counted} circuits, per circuit (frames of {FrameBytes} bytes):");
        Console.WriteLine($"  {"component",-34} {"count",6} {"frames used",12} {"frames held",12} {"KB held",8}");
        long totalHeld = 0;
        double totalCount = 0;
        foreach (var (name, row) in rows.OrderByDescending(r => r.Value.Capacity))
        {
            totalHeld += row.Capacity;
            totalCount += row.Count;
            Console.WriteLine($"  {name,-34} {row.Count / (double)counted,6:N1} {row.Used / (double)counted,12:N0} {row.Capacity / (double)counted,12:N0} {row.Capacity / (double)counted * FrameBytes / 1024,8:N1}");
        }
        foreach (var (name, bytes) in batch.OrderByDescending(b => b.Value))
        {
            Console.WriteLine($"  renderer's batch buffer {name,-24} {bytes / (double)counted / 1024,8:N1} KB per circuit");
        }
        Console.WriteLine($"  {"total",-34} {totalCount / counted,6:N1} {"",12} {totalHeld / (double)counted,12:N0} {totalHeld / (double)counted * FrameBytes / 1024,8:N1}");
    }

    private static object? Renderer(Circuit circuit)
    {
        var host = AllFields(circuit.GetType()).Select(f => f.GetValue(circuit)).FirstOrDefault(v => v?.GetType().Name == "CircuitHost");
        return host?.GetType().GetProperty("Renderer", Instance)?.GetValue(host) as Renderer;
    }

    private static (int Used, int Capacity) Builder(object builder)
    {
        var entries = Field(builder, "_entries")!;
        var used = (int)entries.GetType().GetProperty("Count", Instance)!.GetValue(entries)!;
        return (used, ArrayCapacity(entries));
    }

    private static int ArrayCapacity(object arrayBuilder) =>
        Field(arrayBuilder, "_items") is Array items ? items.Length : 0;

    /// <summary>A field of <paramref name="target"/> by name, declared on its type or a base type, public or not.</summary>
    internal static object? Field(object target, string name) =>
        AllFields(target.GetType()).FirstOrDefault(f => f.Name == name)?.GetValue(target);

    private static IEnumerable<FieldInfo> AllFields(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(Instance | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    private sealed class Row
    {
        public int Count;
        public long Used;
        public long Capacity;
    }
}
