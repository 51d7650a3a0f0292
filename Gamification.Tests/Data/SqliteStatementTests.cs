using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gamification.Tests.Data;

/// <summary>
/// The engine's writers run their SQLite statements on SQLite's own interface (<see cref="SqliteStatement"/>): every
/// column of every table they write must hold exactly what EF Core (through Microsoft.Data.Sqlite) stores for the same
/// entity, in type and in value, with every value set and with the optional ones empty.
/// </summary>
public sealed class SqliteStatementTests
{
    public static TheoryData<Type> Written =>
    [
        typeof(PointTransaction), typeof(ActivityEvent), typeof(AchievementEvent), typeof(UserBadge), typeof(UserChallenge),
        typeof(TeamChallenge), typeof(UserPoints), typeof(UserLevel), typeof(LeaderboardScore), typeof(AuditEntry),
    ];

    [Theory]
    [MemberData(nameof(Written))]
    public async Task A_row_written_on_sqlites_interface_is_stored_as_ef_core_stores_it(Type entity)
    {
        foreach (var withOptionalValues in new[] { true, false })
        {
            var (byEf, byStatement) = (await StoredAsync(entity, withOptionalValues, ef: true), await StoredAsync(entity, withOptionalValues, ef: false));
            Assert.Equal(byEf, byStatement);
            // The sample filled every column (an unexpected type fails in Sample).
            Assert.DoesNotContain(byEf, c => withOptionalValues && c.Value.StartsWith("null:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_unique_violation_is_a_write_conflict_and_a_bad_statement_falls_back_to_the_command()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)";
        await command.ExecuteNonQueryAsync();

        command.CommandText = "INSERT INTO t (name) VALUES (@name)";
        command.Parameters.AddWithValue("@name", "ana");
        using var statement = SqliteStatement.For(command)!;
        Assert.Equal(1, statement.Execute());
        var conflict = Assert.Throws<SqliteException>(() => statement.Execute());
        Assert.True(SqlDialect.IsWriteConflict(conflict));
        Assert.Equal((19, 2067), (conflict.SqliteErrorCode, conflict.SqliteExtendedErrorCode));
        // The statement is usable again after the error.
        command.Parameters["@name"].Value = "bo";
        Assert.Equal(1, statement.Execute());

        // Two statements in one command, or a parameter the text does not name: left to Microsoft.Data.Sqlite.
        command.CommandText = "INSERT INTO t (name) VALUES (@name); SELECT 1";
        Assert.Null(SqliteStatement.For(command));
        command.CommandText = "INSERT INTO t (name) VALUES ('cy')";
        Assert.Null(SqliteStatement.For(command));
    }

    /// <summary>Each column's stored type and value (SQLite's quote()), for one sample row written by EF Core or by the engine's writer.</summary>
    private static async Task<Dictionary<string, string>> StoredAsync(Type entity, bool withOptionalValues, bool ef)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connection).Options;
        await using var db = new SqliteGamificationDbContext(options, null);
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
        var type = db.Model.FindEntityType(entity)!;
        var row = Sample(type, withOptionalValues);
        if (ef)
        {
            db.Add(row);
            await db.SaveChangesAsync();
        }
        else
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await InsertAsync((dynamic)row, db);
            await tx.CommitAsync();
        }
        var table = type.GetTableName()!;
        var columns = type.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => p.GetColumnName()).ToList();
        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"typeof(\"{c}\") || ':' || quote(\"{c}\")"))} FROM \"{table}\"";
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return columns.Select((c, i) => (c, reader.GetString(i))).ToDictionary(c => c.c, c => c.Item2);
    }

    private static async Task InsertAsync<T>(T row, GamificationDbContext db)
        where T : class
    {
        await using var insert = new RowInserter<T>(db);
        await insert.InsertAllAsync([row], CancellationToken.None);
    }

    /// <summary>An entity with every mapped column set to a value of its type (the optional ones left empty unless asked).</summary>
    private static object Sample(IEntityType type, bool withOptionalValues)
    {
        var row = Activator.CreateInstance(type.ClrType)!;
        var n = 0;
        foreach (var property in type.GetProperties().Where(p => !p.IsPrimaryKey()))
        {
            n++;
            if (property.IsNullable && !withOptionalValues)
            {
                property.PropertyInfo!.SetValue(row, null);
                continue;
            }
            var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            object value = clr switch
            {
                _ when clr == typeof(string) => $"{property.Name}-{n} é✓",
                _ when clr == typeof(long) => 1_234_567_890_123L + n,
                _ when clr == typeof(int) => 40 + n,
                _ when clr == typeof(bool) => true,
                _ when clr == typeof(double) => 1.25 + n,
                _ when clr == typeof(decimal) => withOptionalValues ? 2m + n : 1.375m + n, // a whole number, and not
                _ when clr == typeof(DateTimeOffset) => new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddMinutes(n),
                _ when clr == typeof(DateOnly) => new DateOnly(2026, 3, 4).AddDays(n),
                _ when clr == typeof(Guid) => Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
                _ when clr.IsEnum => Enum.GetValues(clr).Cast<object>().Last(),
                _ => throw new InvalidOperationException($"{type.ClrType.Name}.{property.Name}: add a sample for {clr.Name}."),
            };
            property.PropertyInfo!.SetValue(row, value);
        }
        return row;
    }
}
