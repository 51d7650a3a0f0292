using System.Diagnostics;
using System.Globalization;

using Microsoft.Data.Sqlite;

namespace Gamification.Bench;

/// <summary>
/// How the rows per INSERT command change Microsoft.Data.Sqlite's cost: 100,000 rows of 19 integer columns into an
/// in-memory table (no I/O), one transaction, a prepared command with 1, 10 or 100 rows of named parameters.
/// </summary>
public static class BindBenchmark
{
    private const int Columns = 19;
    private const int Rows = 100_000;

    public static int Run()
    {
        Console.WriteLine($"INSERT of {Rows:N0} rows x {Columns} columns into an in-memory SQLite table, by rows per prepared command:");
        foreach (var perCommand in new[] { 1, 10, 100 })
        {
            var elapsed = Measure(perCommand);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {perCommand,3} rows/command ({perCommand * Columns,5} parameters): {elapsed.TotalSeconds,5:F2} s"));
        }
        return 0;
    }

    private static TimeSpan Measure(int perCommand)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var columns = string.Join(", ", Enumerable.Range(0, Columns).Select(c => $"c{c}"));
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE t (id INTEGER PRIMARY KEY, {string.Join(", ", Enumerable.Range(0, Columns).Select(c => $"c{c} INTEGER"))})";
            create.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        var rows = Enumerable.Range(0, perCommand)
            .Select(r => "(" + string.Join(", ", Enumerable.Range(0, Columns).Select(c => $"@p{(r * Columns) + c}")) + ")");
        insert.CommandText = $"INSERT INTO t ({columns}) VALUES {string.Join(", ", rows)}";
        var parameters = Enumerable.Range(0, perCommand * Columns).Select(i => insert.Parameters.Add(new SqliteParameter($"@p{i}", 0L))).ToArray();
        using var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        insert.Prepare();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < Rows / perCommand; n++)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = (long)(n + i);
            }
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return clock.Elapsed;
    }
}
