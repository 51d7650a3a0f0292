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

/// <summary>
/// The second server option: PostgreSQL (Npgsql). Migrations under Data/Migrations/PostgreSql. Times are stored as
/// <c>timestamp with time zone</c>, which Npgsql writes only from UTC values: every time is turned to UTC on its way in
/// (the app's clock gives UTC already; an integration's event time or the demo's local times may carry an offset).
/// </summary>
public sealed class PostgreSqlGamificationDbContext(DbContextOptions<PostgreSqlGamificationDbContext> options, CurrentTenant? currentTenant = null)
    : GamificationDbContext(options, currentTenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<ToUtcConverter>();
    }

    /// <summary>The same instant at offset zero (read back as it is: PostgreSQL returns UTC).</summary>
    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}

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

/// <summary>Lets `dotnet ef` build the PostgreSQL model and scripts offline: no server is contacted.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlGamificationDbContext>
{
    public PostgreSqlGamificationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlGamificationDbContext>()
            .UseNpgsql("Host=localhost;Database=gamification;Username=gamification")
            .Options);
}
