using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gamification.Core.Data;

/// <summary>The embedded default: a SQLite file. Migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteGamificationDbContext(DbContextOptions<SqliteGamificationDbContext> options, CurrentTenant? currentTenant = null)
    : GamificationDbContext(options, currentTenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset text; all times are UTC, stored as sortable integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The production option: SQL Server. Migrations under Data/Migrations/SqlServer.</summary>
public sealed class SqlServerGamificationDbContext(DbContextOptions<SqlServerGamificationDbContext> options, CurrentTenant? currentTenant = null)
    : GamificationDbContext(options, currentTenant);

/// <summary>Lets `dotnet ef` build the SQLite model without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGamificationDbContext>
{
    public SqliteGamificationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGamificationDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(SqliteGamificationDbContext).Assembly.FullName))
            .Options);
}

/// <summary>Lets `dotnet ef` build the SQL Server model and scripts offline: no server is contacted.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerGamificationDbContext>
{
    public SqlServerGamificationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerGamificationDbContext>()
            .UseSqlServer("Server=(local);Database=Gamification;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);
}
