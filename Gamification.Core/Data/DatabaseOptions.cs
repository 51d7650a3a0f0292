using Microsoft.Extensions.Configuration;

namespace Gamification.Core.Data;

/// <summary>Section "Database" of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (default, embedded) or "SqlServer".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For SQLite, a connection string whose relative Data Source is resolved against <see cref="DataDirectory"/>; for SQL Server, required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file (relative to the app's content root when not absolute).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start. On by default for SQLite; SQL Server uses the scripted path of docs/deployment.md.</summary>
    public bool? MigrateOnStart { get; set; }

    public bool IsSqlServer => string.Equals(Provider, "SqlServer", StringComparison.OrdinalIgnoreCase);

    /// <summary>The "Database" section of <paramref name="configuration"/>, or the defaults when it is missing.</summary>
    public static DatabaseOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>The data folder: <see cref="DataDirectory"/> itself when absolute, else under <paramref name="contentRoot"/>.</summary>
    public string DataDirectoryUnder(string contentRoot) =>
        Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));
}
