using System.Security.Cryptography;

using Microsoft.Data.Sqlite;

namespace Gamification.Tests.Security;

/// <summary>
/// A hash of every row of every table of a SQLite database, per table, read on a connection of its own: two equal
/// fingerprints mean no table's contents changed in between.
/// </summary>
internal sealed class DbFingerprint : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly List<(string Table, string Select)> tables = [];

    /// <param name="ignoredColumns">Columns left out, as "table.column": bookkeeping a request may touch without storing anything it sent.</param>
    public DbFingerprint(string connectionString, IReadOnlySet<string> ignoredColumns)
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
        using var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var names = new List<string>();
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }
        foreach (var name in names)
        {
            using var info = connection.CreateCommand();
            info.CommandText = $"SELECT name FROM pragma_table_info('{name}') ORDER BY cid";
            var columns = new List<string>();
            using (var reader = info.ExecuteReader())
            {
                while (reader.Read())
                {
                    var column = reader.GetString(0);
                    if (!ignoredColumns.Contains($"{name}.{column}"))
                    {
                        columns.Add($"\"{column}\"");
                    }
                }
            }
            tables.Add((name, $"SELECT {string.Join(", ", columns)} FROM \"{name}\" ORDER BY rowid"));
        }
    }

    private long dataVersion = -1;

    /// <summary>
    /// Whether another connection committed anything since the last call (SQLite's data_version): cheap, so the rows
    /// are hashed only when something was written.
    /// </summary>
    public bool CommittedSinceLastCheck()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        var version = (long)command.ExecuteScalar()!;
        var changed = version != dataVersion;
        dataVersion = version;
        return changed;
    }

    /// <summary>The tables, each with the hash of its rows.</summary>
    public IReadOnlyDictionary<string, string> Take()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (table, select) in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = select;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var reader = command.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "\u0001null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    hash.AppendData(Encoding.UTF8.GetBytes(value));
                    hash.AppendData([0]);
                }
                hash.AppendData([0xFF]);
            }
            result[table] = $"{rows}:{Convert.ToHexString(hash.GetHashAndReset())}";
        }
        return result;
    }

    /// <summary>The tables whose contents differ between two fingerprints.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order(StringComparer.Ordinal).ToList();

    public void Dispose() => connection.Dispose();
}
