using System.Data.Common;

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gamification.Core.Data;

/// <summary>
/// Appends rows of an entity with prepared INSERTs (multi-row where the provider gains from it), inside the context's current transaction. Table,
/// columns and value conversions come from the EF model, so the rows are exactly what SaveChanges would write,
/// minus the change tracker's cost. Used for the append-only tables (ledger, events, achievements), where a
/// batch writes thousands of rows; generated keys are not read back.
/// </summary>
internal sealed class RowInserter<T> : IAsyncDisposable
    where T : class
{
    private readonly GamificationDbContext db;
    private readonly IProperty[] properties;
    private readonly Func<object?, object?>?[] converters;
    private readonly RelationalTypeMapping[] mappings;
    private readonly string head;
    private readonly int rowsPerCommand;
    private readonly ISqlGenerationHelper sql;
    private readonly Dictionary<int, (DbCommand Command, bool Prepared)> commands = [];
    private readonly Dictionary<int, SqliteStatement?> statements = [];

    public RowInserter(GamificationDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        this.db = db;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        sql = db.GetService<ISqlGenerationHelper>();

        properties = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToArray();
        mappings = properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        converters = mappings.Select(m => m.Converter is { } c ? c.ConvertToProvider : null).ToArray();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ";
        // SQLite: one row per prepared command; the servers: many, under their parameter limits (SqlDialect).
        rowsPerCommand = SqlDialect.Of(db).RowsPerInsert(properties.Length);
    }

    /// <summary>Inserts the rows in order: full chunks with one multi-row command, the rest with a smaller one.</summary>
    public async Task InsertAllAsync(IReadOnlyList<T> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var start = 0; start < rows.Count; start += rowsPerCommand)
        {
            var count = Math.Min(rowsPerCommand, rows.Count - start);
            var (command, prepared) = CommandFor(count);
            var p = 0;
            for (var r = start; r < start + count; r++)
            {
                var row = rows[r];
                for (var c = 0; c < properties.Length; c++)
                {
                    var value = properties[c].GetGetter().GetClrValueUsingContainingEntity(row);
                    if (value is not null && converters[c] is { } convert)
                    {
                        value = convert(value);
                    }
                    command.Parameters[p++].Value = value ?? DBNull.Value;
                }
            }
            if (Statement(count, command) is { } statement)
            {
                statement.Execute();
                continue;
            }
            if (!prepared)
            {
                await command.PrepareAsync(ct);
                commands[count] = (command, true);
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>SQLite: the command's statement on SQLite's own interface (made once per row count).</summary>
    private SqliteStatement? Statement(int rowCount, DbCommand command)
    {
        if (!statements.TryGetValue(rowCount, out var statement))
        {
            statement = SqliteStatement.For(command);
            statements[rowCount] = statement;
        }
        return statement;
    }

    /// <summary>How many rows one command carries on this provider.</summary>
    internal int RowsPerCommand => rowsPerCommand;

    /// <summary>The SQL of the command for <paramref name="rowCount"/> rows (for tests: provider SQL without a server).</summary>
    internal string CommandTextFor(int rowCount) => CommandFor(rowCount).Command.CommandText;

    private (DbCommand Command, bool Prepared) CommandFor(int rowCount)
    {
        if (commands.TryGetValue(rowCount, out var cached))
        {
            return cached;
        }
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new System.Text.StringBuilder(head);
        var p = 0;
        for (var r = 0; r < rowCount; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < properties.Length; c++)
            {
                var name = $"p{p++}";
                command.Parameters.Add(mappings[c].CreateParameter(command, sql.GenerateParameterName(name), null, properties[c].IsNullable));
                text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        commands[rowCount] = (command, false);
        return (command, false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in statements.Values)
        {
            statement?.Dispose();
        }
        foreach (var (command, _) in commands.Values)
        {
            await command.DisposeAsync();
        }
    }
}
