using System.Data.Common;

using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gamification.Tests.Support;

/// <summary>Keeps the text of every query a context sends (the commands that return rows), for tests of what a unit reads.</summary>
internal sealed class CommandLog : DbCommandInterceptor
{
    private readonly List<string> texts = [];

    /// <summary>The commands sent so far, in order.</summary>
    public IReadOnlyList<string> Texts
    {
        get
        {
            lock (texts)
            {
                return [.. texts];
            }
        }
    }

    /// <summary>Forgets the commands sent so far.</summary>
    public void Clear()
    {
        lock (texts)
        {
            texts.Clear();
        }
    }

    /// <summary>How many commands sent since the last <see cref="Clear"/> read the table <paramref name="table"/> (a SELECT from it).</summary>
    public int Reads(string table) =>
        Texts.Count(t => t.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && (t.Contains($"FROM \"{table}\"", StringComparison.Ordinal) || t.Contains($"FROM [{table}]", StringComparison.Ordinal)));

    private void Add(DbCommand command)
    {
        lock (texts)
        {
            texts.Add(command.CommandText);
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add(command);
        return base.ReaderExecuting(command, eventData, result);
    }
}
