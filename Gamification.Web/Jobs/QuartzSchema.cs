using System.Data.Common;
using System.Text.RegularExpressions;

using Microsoft.Data.SqlClient;

using Npgsql;

namespace Gamification.Web.Jobs;

/// <summary>
/// Creates Quartz's tables (QRTZ_*) for the clustered job store when they are missing, before the scheduler starts.
/// The statements are Quartz's own: Jobs/Schema/quartz_postgres.sql and quartz_sqlserver.sql are the scripts the
/// Quartz 4.7.3 package carries for its "create if missing" start (every statement creates only what is missing and
/// nothing is ever dropped), copied as they are; a test fails when the package's scripts differ from these copies.
/// They run in one transaction under a database-wide lock (a PostgreSQL advisory lock, SQL Server's
/// <c>sp_getapplock</c>), so instances starting together create the tables once and the others find them. When
/// every table is there already, nothing is locked or run: the app's account then needs no right to create tables.
/// </summary>
public sealed partial class QuartzSchema(JobStoreKind store, string connectionString, ILogger<QuartzSchema> logger)
{
    /// <summary>Quartz's default table prefix, which the app keeps.</summary>
    public const string TablePrefix = "QRTZ_";

    // Any number, the same on every instance: the key of the lock the instances take to create the tables.
    private const long PostgreSqlLockKey = 7_319_004_221_905_117_113;
    private const string SqlServerLockName = "Gamification.QuartzSchema";

    /// <summary>The script's statements for <paramref name="store"/>, the prefix filled in, in their order.</summary>
    public static IReadOnlyList<string> Statements(JobStoreKind store)
    {
        var prefix = store == JobStoreKind.PostgreSql ? TablePrefix.ToLowerInvariant() : TablePrefix;
        // {0} is the prefix, {1} the prefix without a schema qualifier (index and constraint names); the same here.
        return Script(store).Split("\n--;;\n")
            .Select(s => s.Replace("{0}", prefix, StringComparison.Ordinal).Replace("{1}", prefix, StringComparison.Ordinal).Trim())
            .Where(s => s.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>The tables the script creates, as Quartz names them (QRTZ_JOB_DETAILS, ...).</summary>
    public static IReadOnlyList<string> Tables(JobStoreKind store) =>
        Statements(store).Select(s => (store == JobStoreKind.PostgreSql ? PostgreSqlTable() : SqlServerTable()).Match(s))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value.ToUpperInvariant())
            .ToList();

    /// <summary>The script as shipped (Quartz's, with its <c>{0}</c> and <c>{1}</c> placeholders).</summary>
    public static string Script(JobStoreKind store)
    {
        var name = store switch
        {
            JobStoreKind.PostgreSql => "quartz_postgres.sql",
            JobStoreKind.SqlServer => "quartz_sqlserver.sql",
            _ => throw new ArgumentOutOfRangeException(nameof(store), store, "Only the persistent stores have tables."),
        };
        using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream($"Gamification.Web.Jobs.Schema.{name}")
            ?? throw new InvalidOperationException($"The Quartz schema script {name} is not embedded in the app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    /// <summary>Creates the missing tables; returns how many of the script's tables were missing (0: nothing done).</summary>
    public async Task<int> EnsureAsync(CancellationToken ct)
    {
        var tables = Tables(store);
        await using var connection = Connect();
        await connection.OpenAsync(ct);
        var missing = tables.Count - await CountExistingAsync(connection, null, tables, ct);
        if (missing == 0)
        {
            logger.LogDebug("Quartz's {Count} tables are there", tables.Count);
            return 0;
        }
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, ct);
        // Counted again under the lock: another instance may have created them while this one waited.
        missing = tables.Count - await CountExistingAsync(connection, transaction, tables, ct);
        if (missing > 0)
        {
            foreach (var statement in Statements(store))
            {
                await using var command = Command(connection, transaction, statement);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        await transaction.CommitAsync(ct);
        if (missing > 0)
        {
            logger.LogInformation("Created Quartz's tables for the clustered job store ({Missing} of {Count} were missing)", missing, tables.Count);
        }
        return missing;
    }

    private DbConnection Connect() => store switch
    {
        JobStoreKind.PostgreSql => new NpgsqlConnection(connectionString),
        JobStoreKind.SqlServer => new SqlConnection(connectionString),
        _ => throw new InvalidOperationException("Only the persistent stores have tables."),
    };

    private async Task<int> CountExistingAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<string> tables, CancellationToken ct)
    {
        // Found where Quartz's unqualified names are: PostgreSQL's search path, SQL Server's default schema. On
        // PostgreSQL the catalog is read as a table (the statement's snapshot), not through name lookups such as
        // to_regclass, which answer from the session's cache and miss tables another session created since.
        var sql = store == JobStoreKind.PostgreSql
            ? "SELECT count(DISTINCT c.relname) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ANY(current_schemas(false)) AND c.relkind IN ('r', 'p') AND c.relname = ANY(@tables)"
            : "SELECT COUNT(*) FROM STRING_SPLIT(@tables, N',') WHERE OBJECT_ID(value, N'U') IS NOT NULL";
        await using var command = Command(connection, transaction, sql);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tables";
        parameter.Value = store == JobStoreKind.PostgreSql
            ? tables.Select(t => t.ToLowerInvariant()).ToArray()
            : string.Join(',', tables);
        command.Parameters.Add(parameter);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The database-wide lock, held until the transaction ends.</summary>
    private async Task LockAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        if (store == JobStoreKind.PostgreSql)
        {
            await using var command = Command(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgreSqlLockKey})");
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var appLock = Command(connection, transaction,
            $"DECLARE @result int; EXEC @result = sp_getapplock @Resource = N'{SqlServerLockName}', @LockMode = N'Exclusive', "
            + "@LockOwner = N'Transaction', @LockTimeout = 60000; SELECT @result;");
        var result = Convert.ToInt32(await appLock.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        if (result < 0)
        {
            throw new InvalidOperationException($"Could not take the lock to create Quartz's tables (sp_getapplock returned {result}).");
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    [GeneratedRegex(@"^CREATE TABLE IF NOT EXISTS (\w+)", RegexOptions.Multiline)]
    private static partial Regex PostgreSqlTable();

    [GeneratedRegex(@"^IF OBJECT_ID\(N'(\w+)', N'U'\) IS NULL", RegexOptions.Multiline)]
    private static partial Regex SqlServerTable();
}
