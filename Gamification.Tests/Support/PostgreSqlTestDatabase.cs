using Npgsql;

namespace Gamification.Tests.Support;

/// <summary>
/// A database of its own, with a random name, on the PostgreSQL server named by <see cref="Variable"/> (./test.sh starts
/// one with scripts/services.sh and sets it); dropped on dispose. When the variable is unset or the server does not
/// answer, the test fails here, saying so: a PostgreSQL test never passes or skips without PostgreSQL.
/// </summary>
internal sealed class PostgreSqlTestDatabase : IDisposable
{
    public const string Variable = "GAMIFICATION_TEST_POSTGRES";

    private const string HowToStart = "Run ./test.sh, which starts one, or start it by hand: eval \"$(scripts/services.sh start)\" "
        + "(and scripts/services.sh stop afterwards)";

    private readonly string server;
    private readonly string name = $"gamification_test_{Guid.NewGuid():N}";

    public PostgreSqlTestDatabase()
    {
        server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The PostgreSQL tests need a server and {Variable} is not set. {HowToStart}.");
        try
        {
            Execute($"CREATE DATABASE \"{name}\"");
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL server of {Variable} ({Describe(server)}) did not answer ({ex.Message}). {HowToStart}.", ex);
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Connects to this test's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The database's name (random, so test classes running at once never share one).</summary>
    public string Name => name;

    public void Dispose()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        // FORCE: connections a failed test left open do not keep the database alive.
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        // The maintenance database of the server's connection string, without pooling: these connections are one-offs.
        var builder = new NpgsqlConnectionStringBuilder(server) { Pooling = false, Timeout = 10 };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"host {builder.Host}, port {builder.Port}, user {builder.Username}";
        }
        catch (ArgumentException)
        {
            return "an unreadable connection string";
        }
    }
}
