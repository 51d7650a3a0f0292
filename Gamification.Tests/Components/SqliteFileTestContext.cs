using Bunit;

using Microsoft.Data.Sqlite;

namespace Gamification.Tests.Components;

/// <summary>A bUnit context with a SQLite file of its own in the temp folder, deleted when the test ends.</summary>
public abstract class SqliteFileTestContext(string name) : BunitContext, IAsyncLifetime
{
    /// <summary>The test's database file ("name-guid.db" in the temp folder).</summary>
    protected string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only: xunit 2's synchronous Dispose would fail.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(DatabasePath);
    }
}
