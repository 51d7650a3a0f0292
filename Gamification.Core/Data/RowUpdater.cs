using System.Data.Common;

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gamification.Core.Data;

/// <summary>
/// Writes rows of an entity back by key (every column but the key and the foreign keys) with one prepared UPDATE, inside the context's current transaction,
/// checked against the entity's concurrency token when it has one (the row must still hold the value read).
/// Columns and conversions come from the EF model. For the balance rows a unit of the points engine changes.
/// Where the dialect batches (<see cref="SqlDialect.BatchesCommands"/>), <see cref="UpdateAllAsync"/> sends a unit's
/// UPDATEs in one round trip and checks each one's row count.
/// </summary>
internal sealed class RowUpdater<T> : IAsyncDisposable
    where T : class
{
    private readonly DbCommand command;
    private readonly (IProperty Property, DbParameter Parameter, RelationalTypeMapping Mapping, Func<object?, object?>? Convert)[] columns;
    private readonly (DbParameter Parameter, RelationalTypeMapping Mapping, bool Nullable, Func<object?, object?>? Convert)? token;
    private readonly bool batches;
    private readonly string batchText;
    private bool prepared;
    private SqliteStatement? statement;

    /// <param name="only">The properties to write (the concurrency token always is): the rest keep what the database
    /// holds, so a writer can read just the columns it changes. Null: every column but the key and the foreign keys.</param>
    public RowUpdater(GamificationDbContext db, IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var dialect = SqlDialect.Of(db);
        batches = dialect.BatchesCommands;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindPrimaryKey()!.Properties.Single();
        // Owners (tenant, user) never change: foreign keys are not rewritten.
        var set = entity.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsForeignKey())
            .Where(p => only is null || only.Contains(p.Name) || p.IsConcurrencyToken).ToList();
        if (only is not null && only.Count(name => set.Any(p => p.Name == name)) != only.Count)
        {
            throw new ArgumentException($"Only columns of {typeof(T).Name} that are neither its key nor a foreign key are written.", nameof(only));
        }
        command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        var all = set.Append(key).ToList();
        columns = new (IProperty, DbParameter, RelationalTypeMapping, Func<object?, object?>?)[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            var mapping = (RelationalTypeMapping)all[i].GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName($"p{i}"), null, all[i].IsNullable);
            command.Parameters.Add(parameter);
            columns[i] = (all[i], parameter, mapping, mapping.Converter is { } c ? c.ConvertToProvider : null);
        }
        var concurrency = entity.GetProperties().SingleOrDefault(p => p.IsConcurrencyToken);
        if (concurrency is not null)
        {
            var mapping = (RelationalTypeMapping)concurrency.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName("original"), null, concurrency.IsNullable);
            command.Parameters.Add(parameter);
            token = (parameter, mapping, concurrency.IsNullable, mapping.Converter is { } c ? c.ConvertToProvider : null);
        }

        // The parameter at index i (the columns, the key, then the token) by its placeholder.
        string Text(Func<int, string> placeholder)
        {
            var assignments = set.Select((p, i) => $"{sql.DelimitIdentifier(p.GetColumnName(table)!)} = {placeholder(i)}");
            var where = $"{sql.DelimitIdentifier(key.GetColumnName(table)!)} = {placeholder(set.Count)}";
            if (concurrency is not null)
            {
                where += $" AND {sql.DelimitIdentifier(concurrency.GetColumnName(table)!)} = {placeholder(all.Count)}";
            }
            return $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {string.Join(", ", assignments)} WHERE {where}";
        }
        command.CommandText = Text(i => sql.GenerateParameterNamePlaceholder(i < all.Count ? $"p{i}" : "original"));
        batchText = batches ? Text(i => dialect.PositionalParameter(i + 1)) : command.CommandText;
    }

    /// <summary>The SQL of the UPDATE (for tests: provider SQL without a server).</summary>
    internal string CommandText => command.CommandText;

    /// <summary>The same UPDATE with positional parameters, as a batch sends it (for tests).</summary>
    internal string BatchText => batchText;

    /// <summary>
    /// Writes the rows, each with its concurrency token's value when it was read: one prepared UPDATE after another,
    /// or all in one batch where the dialect batches.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">A row changed (or vanished) since it was read.</exception>
    public async Task UpdateAllAsync(IReadOnlyCollection<(T Row, object? OriginalToken)> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!batches || rows.Count < 2)
        {
            foreach (var (row, originalToken) in rows)
            {
                await UpdateAsync(row, originalToken, ct);
            }
            return;
        }
        await using var batch = command.Connection!.CreateBatch();
        batch.Transaction = command.Transaction;
        foreach (var (row, originalToken) in rows)
        {
            var statement = batch.CreateBatchCommand();
            statement.CommandText = batchText;
            // Unnamed, in the order of the placeholders; the mapping converts the model's value as it makes the parameter.
            foreach (var (property, _, mapping, _) in columns)
            {
                statement.Parameters.Add(mapping.CreateParameter(command, "", property.GetGetter().GetClrValueUsingContainingEntity(row), property.IsNullable));
            }
            if (token is { } t)
            {
                statement.Parameters.Add(t.Mapping.CreateParameter(command, "", originalToken, t.Nullable));
            }
            batch.BatchCommands.Add(statement);
        }
        // The statement is prepared once per connection; later batches reuse it.
        await batch.PrepareAsync(ct);
        await batch.ExecuteNonQueryAsync(ct);
        if (batch.BatchCommands.Any(statement => statement.RecordsAffected != 1))
        {
            throw new DbUpdateConcurrencyException($"A {typeof(T).Name} row changed under this unit; it will be retried.");
        }
    }

    /// <summary>Writes the row; <paramref name="originalToken"/> is the concurrency token's value when it was read.</summary>
    /// <exception cref="DbUpdateConcurrencyException">The row changed (or vanished) since it was read.</exception>
    public async Task UpdateAsync(T row, object? originalToken, CancellationToken ct)
    {
        foreach (var (property, parameter, _, convert) in columns)
        {
            parameter.Value = Value(property, row, convert);
        }
        if (token is { } t)
        {
            t.Parameter.Value = Provider(originalToken, t.Convert);
        }
        if (!prepared)
        {
            // SQLite: the statement on SQLite's own interface; the servers: the prepared command.
            statement = SqliteStatement.For(command);
            if (statement is null)
            {
                await command.PrepareAsync(ct);
            }
            prepared = true;
        }
        if ((statement?.Execute() ?? await command.ExecuteNonQueryAsync(ct)) != 1)
        {
            throw new DbUpdateConcurrencyException($"A {typeof(T).Name} row changed under this unit; it will be retried.");
        }
    }

    private static object Value(IProperty property, T row, Func<object?, object?>? convert) =>
        Provider(property.GetGetter().GetClrValueUsingContainingEntity(row), convert);

    /// <summary>A value as the provider stores it (converted by the model's converter), DBNull for null.</summary>
    private static object Provider(object? value, Func<object?, object?>? convert) =>
        (value is not null && convert is not null ? convert(value) : value) ?? DBNull.Value;

    public ValueTask DisposeAsync()
    {
        statement?.Dispose();
        return command.DisposeAsync();
    }
}
