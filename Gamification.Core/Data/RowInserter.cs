using System.Data.Common;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gamification.Core.Data;

/// <summary>
/// Appends rows of an entity with one prepared INSERT, reused for every row, inside the context's current
/// transaction. Table, columns and value conversions come from the EF model, so the rows are exactly what
/// SaveChanges would write, minus the change tracker's cost. Used for the append-only tables (ledger, events),
/// where a batch writes thousands of rows; generated keys are not read back.
/// </summary>
internal sealed class RowInserter<T> : IAsyncDisposable
    where T : class
{
    private readonly DbCommand command;
    private readonly (IProperty Property, DbParameter Parameter, Func<object?, object?>? Convert)[] columns;
    private bool prepared;

    public RowInserter(GamificationDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();

        var properties = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToList();

        command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        columns = new (IProperty, DbParameter, Func<object?, object?>?)[properties.Count];
        var names = new List<string>(properties.Count);
        var parameters = new List<string>(properties.Count);
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var name = $"p{i}";
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName(name), null, property.IsNullable);
            command.Parameters.Add(parameter);
            var converter = mapping.Converter;
            columns[i] = (property, parameter, converter is null ? null : converter.ConvertToProvider);
            names.Add(sql.DelimitIdentifier(property.GetColumnName(table)!));
            parameters.Add(sql.GenerateParameterNamePlaceholder(name));
        }
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", parameters)})";
    }

    public async Task InsertAsync(T row, CancellationToken ct)
    {
        foreach (var (property, parameter, convert) in columns)
        {
            var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
            if (value is not null && convert is not null)
            {
                value = convert(value);
            }
            parameter.Value = value ?? DBNull.Value;
        }
        if (!prepared)
        {
            await command.PrepareAsync(ct);
            prepared = true;
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task InsertAllAsync(IEnumerable<T> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await InsertAsync(row, ct);
        }
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
