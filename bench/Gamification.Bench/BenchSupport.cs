using System.Data.Common;

using Gamification.Core.Data;
using Gamification.Core.Tenants;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gamification.Bench;

/// <summary>
/// A prepared single-row INSERT of an entity's mapped columns (the generated key left out), with each
/// parameter and value conversion taken from the EF model: the row is stored as SaveChanges would store it.
/// </summary>
internal sealed class ModelInserter<T> : IDisposable
    where T : class
{
    private readonly DbCommand command;
    private readonly (IProperty Property, Func<object?, object?>? Convert, DbParameter Parameter)[] columns;
    private DbTransaction? transaction;

    public ModelInserter(GamificationDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        command = db.Database.GetDbConnection().CreateCommand();
        var properties = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToArray();
        columns = properties.Select((p, i) =>
        {
            var mapping = (RelationalTypeMapping)p.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName($"p{i}"), null, p.IsNullable);
            command.Parameters.Add(parameter);
            return (p, mapping.Converter is { } c ? c.ConvertToProvider : null, parameter);
        }).ToArray();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")))})";
    }

    public void Insert(T row, DbTransaction current)
    {
        if (!ReferenceEquals(transaction, current))
        {
            transaction = current;
            command.Transaction = current;
            command.Prepare();
        }
        foreach (var (property, convert, parameter) in columns)
        {
            var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
            if (value is not null && convert is not null)
            {
                value = convert(value);
            }
            parameter.Value = value ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}

/// <summary>Contexts that act as the tenant (its query filter on), as a request would.</summary>
internal sealed class TenantFactory(DbContextOptions<SqliteGamificationDbContext> options, Guid tenantId) : IDbContextFactory<GamificationDbContext>
{
    private readonly CurrentTenant current = Tenant(tenantId);

    public GamificationDbContext CreateDbContext() => new SqliteGamificationDbContext(options, current);

    private static CurrentTenant Tenant(Guid tenantId)
    {
        var current = new CurrentTenant();
        current.Set(tenantId, null);
        return current;
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
