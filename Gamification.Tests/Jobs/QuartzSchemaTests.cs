using Gamification.Web.Jobs;

using Microsoft.Extensions.Logging.Abstractions;

using Npgsql;

namespace Gamification.Tests.Jobs;

/// <summary>
/// Quartz's tables for the clustered store (Jobs:Store=PostgreSql or SqlServer): the shipped scripts are the Quartz
/// package's own, and on PostgreSQL their creation is idempotent, also from several instances at once.
/// </summary>
public sealed class QuartzSchemaTests
{
    /// <summary>The tables of Quartz 4.7.3's schema, as its scripts name them (written out here, not read from them).</summary>
    private static readonly string[] QuartzTables =
    [
        "QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS",
        "QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_PAUSED_JOB_GRPS", "QRTZ_FIRED_TRIGGERS",
        "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS", "QRTZ_EXECUTION_HISTORY", "QRTZ_MISFIRE_HISTORY", "QRTZ_JOB_STATUS",
    ];

    private static readonly int[] OneCreatesAllTwoFindThem = [0, 0, 15];

    [Theory]
    [InlineData(JobStoreKind.PostgreSql, "create_postgres.sql")]
    [InlineData(JobStoreKind.SqlServer, "create_sqlServer.sql")]
    public void The_shipped_script_is_the_one_the_Quartz_package_runs_for_its_own_schema(JobStoreKind store, string packaged)
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream($"Quartz.Impl.AdoJobStore.Schema.{packaged}");
        Assert.True(stream is not null, $"The Quartz package no longer carries {packaged}: compare Gamification.Web/Jobs/Schema with its schema.");
        using var reader = new StreamReader(stream);
        var quartz = reader.ReadToEnd().ReplaceLineEndings("\n");

        // On a Quartz upgrade: copy the package's script over Jobs/Schema (its tables must match the store's check).
        Assert.Equal(quartz, QuartzSchema.Script(store));
    }

    [Theory]
    [InlineData(JobStoreKind.PostgreSql, 30)]
    [InlineData(JobStoreKind.SqlServer, 30)]
    public void The_script_is_read_as_its_statements_with_the_table_prefix_filled_in(JobStoreKind store, int statements)
    {
        var all = QuartzSchema.Statements(store);

        // 15 tables and 15 indexes, each its own command; the header (comments only) is not sent.
        Assert.Equal(statements, all.Count);
        Assert.Equal(QuartzTables, QuartzSchema.Tables(store));
        Assert.All(all, s => Assert.DoesNotContain("{0}", s, StringComparison.Ordinal));
        Assert.All(all, s => Assert.DoesNotContain("{1}", s, StringComparison.Ordinal));
        Assert.All(all, s => Assert.DoesNotContain("--;;", s, StringComparison.Ordinal));
        Assert.All(all, s => Assert.DoesNotContain("DROP", s, StringComparison.OrdinalIgnoreCase));
        var first = store == JobStoreKind.PostgreSql ? "CREATE TABLE IF NOT EXISTS qrtz_job_details (" : "IF OBJECT_ID(N'QRTZ_JOB_DETAILS', N'U') IS NULL";
        Assert.Contains(first, all[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_PostgreSql_three_instances_at_once_then_a_fourth_create_the_tables_once_and_a_lost_table_is_put_back()
    {
        using var database = new PostgreSqlTestDatabase();
        QuartzSchema Instance() => new(JobStoreKind.PostgreSql, database.ConnectionString, NullLogger<QuartzSchema>.Instance);
        Assert.Empty(await QuartzTablesAsync(database));

        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Instance().EnsureAsync(default))));
        var again = await Instance().EnsureAsync(default);

        // One instance created all 15 tables under the lock; the two that waited for it found them.
        Assert.Equal(OneCreatesAllTwoFindThem, together.Order());
        Assert.Equal(0, again);
        Assert.Equal(QuartzTables.Select(t => t.ToLowerInvariant()).Order(), await QuartzTablesAsync(database));
        Assert.Equal(15, await CountAsync(database, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'idx\\_qrtz\\_%'"));

        await ExecuteAsync(database, "DROP TABLE qrtz_job_status");
        var repaired = await Instance().EnsureAsync(default);

        Assert.Equal(1, repaired);
        Assert.Equal(QuartzTables.Length, (await QuartzTablesAsync(database)).Count);
    }

    private static async Task<List<string>> QuartzTablesAsync(PostgreSqlTestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz\\_%' ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<long> CountAsync(PostgreSqlTestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(PostgreSqlTestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
