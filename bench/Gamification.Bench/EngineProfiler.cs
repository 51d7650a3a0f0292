using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gamification.Bench;

/// <summary>
/// With --profile: where the engine's time goes inside SQLite, per statement (SQLite's own profile hook on every
/// connection the engine opens, so the engine's prepared inserts are seen too), against the engine's total time.
/// A query's figure runs from its first step to its reset, so it includes reading its rows into .NET.
/// </summary>
internal sealed partial class EngineProfiler
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (long Count, long Nanoseconds)> statements = new(StringComparer.Ordinal);
    private readonly int gen0 = GC.CollectionCount(0);
    private readonly int gen1 = GC.CollectionCount(1);
    private readonly int gen2 = GC.CollectionCount(2);

    private volatile bool stopped;

    public IInterceptor[] Interceptors => [new Hook(this)];

    /// <summary>Stops recording (the checks after the engine phase are not part of it).</summary>
    public void Stop() => stopped = true;

    public void Print(TimeSpan engineTime)
    {
        List<(string Sql, long Count, long Nanoseconds)> rows;
        lock (gate)
        {
            rows = statements.Select(s => (s.Key, s.Value.Count, s.Value.Nanoseconds)).OrderByDescending(s => s.Nanoseconds).ToList();
        }
        var total = TimeSpan.FromTicks(rows.Sum(r => r.Nanoseconds) / 100);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"  profile of the engine phase ({engineTime.TotalSeconds:F2} s): inside SQLite {total.TotalSeconds:F2} s ({total / engineTime:P0}), outside (EF Core, engine, ADO.NET) {(engineTime - total).TotalSeconds:F2} s; GCs gen0/1/2: {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}"));
        foreach (var (sql, count, ns) in rows.Take(14))
        {
            Console.WriteLine(string.Create(inv, $"    {ns / 1e9,6:F2} s {count,9:N0}x  {sql}"));
        }
    }

    private void Attach(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            // Re-attaching a pooled connection's handle just replaces the same callback.
            SQLitePCL.raw.sqlite3_profile(handle, (_, sql, ns) => Record(sql, ns), null);
        }
    }

    private void Record(string sql, long nanoseconds)
    {
        if (stopped)
        {
            return;
        }
        var key = Whitespace().Replace(sql, " ").Trim();
        key = key.Length > 110 ? key[..110] + "..." : key;
        lock (gate)
        {
            var (count, total) = statements.GetValueOrDefault(key);
            statements[key] = (count + 1, total + nanoseconds);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class Hook(EngineProfiler profiler) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => profiler.Attach(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            profiler.Attach(connection);
            return Task.CompletedTask;
        }
    }
}
