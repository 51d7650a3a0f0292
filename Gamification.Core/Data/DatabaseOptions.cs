using Microsoft.Extensions.Configuration;

namespace Gamification.Core.Data;

/// <summary>Section "Database" of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";
    public const string PostgreSql = "PostgreSql";

    /// <summary>"Sqlite" (default, embedded), "SqlServer" or "PostgreSql", in any case.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// For SQLite, a connection string whose relative Data Source is resolved against <see cref="DataDirectory"/>; for the
    /// server providers (SQL Server, PostgreSQL), required.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file (relative to the app's content root when not absolute).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Apply pending migrations at start. On by default for SQLite; the server providers (SQL Server, PostgreSQL) use the
    /// scripted path of docs/deployment.md unless this is set.
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    public bool IsSqlServer => ProviderName == SqlServer;

    public bool IsPostgreSql => ProviderName == PostgreSql;

    /// <summary>A database server (SQL Server or PostgreSQL) rather than the embedded file: no data folder, migrations scripted by default.</summary>
    public bool IsServer => IsSqlServer || IsPostgreSql;

    /// <summary>Whether migrations apply at start: <see cref="MigrateOnStart"/> when set, else only for the embedded file.</summary>
    public bool MigratesOnStart => MigrateOnStart ?? !IsServer;

    /// <summary>The provider's name as documented ("Sqlite", "SqlServer", "PostgreSql"), whatever its case in the settings.</summary>
    /// <exception cref="InvalidOperationException">The setting names no provider the app has.</exception>
    public string ProviderName =>
        string.IsNullOrWhiteSpace(Provider) ? Sqlite
        : new[] { Sqlite, SqlServer, PostgreSql }.FirstOrDefault(p => string.Equals(p, Provider.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Database:Provider is '{Provider}'; use {Sqlite} (embedded), {SqlServer} or {PostgreSql}.");

    /// <summary>The "Database" section of <paramref name="configuration"/>, or the defaults when it is missing.</summary>
    public static DatabaseOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>The data folder: <see cref="DataDirectory"/> itself when absolute, else under <paramref name="contentRoot"/>.</summary>
    public string DataDirectoryUnder(string contentRoot) =>
        Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));
}
