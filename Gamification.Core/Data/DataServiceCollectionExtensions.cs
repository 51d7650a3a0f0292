using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gamification.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider's DbContext, a scoped <see cref="IDbContextFactory{GamificationDbContext}"/>
    /// (a context per operation, scoped to the current tenant) and <see cref="CurrentTenant"/>.
    /// </summary>
    public static IServiceCollection AddGamificationData(this IServiceCollection services, DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddScoped<CurrentTenant>();
        services.AddSingleton(options);

        if (options.IsSqlServer)
        {
            var connectionString = ServerConnectionString(options);
            services.AddProviderContext<SqlServerGamificationDbContext>(
                o => o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
        }
        else if (options.IsPostgreSql)
        {
            var connectionString = ServerConnectionString(options);
            services.AddProviderContext<PostgreSqlGamificationDbContext>(
                o => o.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure()));
        }
        else
        {
            var connectionString = SqliteConnectionString(options, contentRoot);
            services.AddProviderContext<SqliteGamificationDbContext>(
                o => o.UseSqlite(connectionString)
                    // SQLite rebuilds a table to drop a column, outside the migration's transaction; on an embedded
                    // file that is expected and safe, so the start-up log does not warn about it.
                    .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning)));
        }
        return services;
    }

    /// <summary>
    /// The provider's context and its factory (scoped, so each context sees the scope's <see cref="CurrentTenant"/>),
    /// both also served as <see cref="GamificationDbContext"/>.
    /// </summary>
    private static void AddProviderContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : GamificationDbContext
    {
        services.AddDbContextFactory<TContext>(configure, ServiceLifetime.Scoped);
        services.AddScoped<GamificationDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IDbContextFactory<GamificationDbContext>>(sp =>
            new UpcastFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    /// <summary>A server provider's connection string, which the settings must give.</summary>
    private static string ServerConnectionString(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException($"Database:ConnectionString is required when Database:Provider is {options.ProviderName}.")
            : options.ConnectionString;

    /// <summary>The SQLite connection string with its file under the data folder, which is created if missing.</summary>
    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = options.DataDirectoryUnder(contentRoot);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? "Data Source=gamification.db");
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            Directory.CreateDirectory(dataDirectory);
            builder.DataSource = Path.Combine(dataDirectory, builder.DataSource);
        }
        builder.Pooling = true;
        return builder.ToString();
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<GamificationDbContext>
        where T : GamificationDbContext
    {
        public GamificationDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
