using System.Data.Common;

using Gamification.Core.Data;
using Gamification.Core.Levels;
using Gamification.Core.Tenants;

using Microsoft.Data.Sqlite;
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

/// <summary>The database every benchmark starts from.</summary>
internal static class BenchDatabase
{
    /// <summary>
    /// Runs <paramref name="run"/> in a fresh folder under the temp folder, then deletes the folder, unless
    /// <paramref name="keep"/> says to keep it (then it names <paramref name="keptFile"/>, when given).
    /// </summary>
    public static async Task<int> InTempFolderAsync(bool keep, Func<string, Task<int>> run, string? keptFile = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gamification-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            return await run(directory);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keep)
            {
                Directory.Delete(directory, recursive: true);
            }
            else if (keptFile is not null)
            {
                Console.WriteLine($"  kept    {Path.Combine(directory, keptFile)}");
            }
        }
    }

    /// <summary>
    /// Migrates a fresh file as the app does (WAL included) and adds, unsaved, the bench tenant with the moderate
    /// preset and ten levels 1000 points apart named by <paramref name="levelName"/>; the caller disposes the context.
    /// </summary>
    public static async Task<SqliteGamificationDbContext> CreateTenantAsync(
        string connectionString, Guid tenantId, DateTimeOffset created, Func<int, string> levelName)
    {
        var db = new SqliteGamificationDbContext(new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connectionString).Options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        AddTenant(db, tenantId, created, levelName);
        return db;
    }

    /// <summary>Adds, unsaved, the bench tenant with the moderate preset and ten levels 1000 points apart named by <paramref name="levelName"/>.</summary>
    public static void AddTenant(GamificationDbContext db, Guid tenantId, DateTimeOffset created, Func<int, string> levelName)
    {
        db.Tenants.Add(new Tenant { Id = tenantId, Name = "Bench Contact Center", TimeZoneId = "UTC", CreatedAt = created });
        db.GamificationConfigs.Add(TenantPresets.Create(tenantId, GamificationPreset.Moderate, created));
        db.PlayerLevels.AddRange(Enumerable.Range(1, 10).Select(n => new PlayerLevel
        {
            TenantId = tenantId,
            LevelNumber = n,
            Name = levelName(n),
            PointsRequired = n == 1 ? 0 : 1000,
            PointsTotalRequired = (n - 1) * 1000L,
        }));
    }
}
