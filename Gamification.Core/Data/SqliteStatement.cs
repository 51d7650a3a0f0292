using System.Data.Common;

using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Gamification.Core.Data;

/// <summary>
/// SQLite: a prepared command's statement run on SQLite's own interface, its parameters bound by position. The engine's
/// writers (<see cref="RowInserter{T}"/>, <see cref="RowUpdater{T}"/>, <see cref="ScoreWriter"/>) run a statement
/// hundreds of thousands of times a day; Microsoft.Data.Sqlite looks every parameter up by name and makes a data reader
/// on each run, which cost more than SQLite's own work for a one-row write. The command stays the source of truth: its
/// text and its parameters' values (set as before, converted by the EF model) are what is run, in the connection's
/// current transaction. Values are stored as Microsoft.Data.Sqlite stores them (a test compares every column of every
/// table written so with what EF Core writes). Errors surface as <see cref="SqliteException"/> with SQLite's codes, so a
/// unique violation is still a write conflict (<see cref="SqlDialect.IsWriteConflict"/>).
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly DbParameter[] parameters;
    private readonly int[] indexes;
    private readonly bool[] guidAsBlob;

    private SqliteStatement(sqlite3 db, sqlite3_stmt statement, DbParameter[] parameters, int[] indexes, bool[] guidAsBlob)
    {
        this.db = db;
        this.statement = statement;
        this.parameters = parameters;
        this.indexes = indexes;
        this.guidAsBlob = guidAsBlob;
    }

    /// <summary>The command's statement on SQLite's interface, or null when the command is not an open SQLite connection's single statement.</summary>
    public static SqliteStatement? For(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is not SqliteCommand { Connection: { State: System.Data.ConnectionState.Open, Handle: { } db } })
        {
            return null;
        }
        var rc = raw.sqlite3_prepare_v2(db, command.CommandText, out var statement, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(db, rc);
        }
        if (!string.IsNullOrWhiteSpace(tail) || raw.sqlite3_bind_parameter_count(statement) != command.Parameters.Count)
        {
            statement.Dispose();
            return null;
        }
        var all = command.Parameters.Cast<SqliteParameter>().ToArray();
        var indexes = new int[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(statement, all[i].ParameterName);
            if (indexes[i] == 0)
            {
                statement.Dispose();
                return null;
            }
        }
        return new SqliteStatement(db, statement, all, indexes, [.. all.Select(p => p.SqliteType == SqliteType.Blob)]);
    }

    /// <summary>Runs the statement with the command's current parameter values; returns the rows it changed.</summary>
    public int Execute()
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            Bind(indexes[i], parameters[i].Value, guidAsBlob[i]);
        }
        var rc = raw.sqlite3_step(statement);
        try
        {
            if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw Error(db, rc);
            }
            return raw.sqlite3_changes(db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private void Bind(int index, object? value, bool blobGuid)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            short number => raw.sqlite3_bind_int64(statement, index, number),
            byte number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double real => raw.sqlite3_bind_double(statement, index, real),
            float real => raw.sqlite3_bind_double(statement, index, real),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            // As Microsoft.Data.Sqlite stores them: a date as ISO text, a decimal as text, a Guid as upper-case text unless the column is a blob.
            DateOnly date => raw.sqlite3_bind_text(statement, index, date.ToString("yyyy\\-MM\\-dd", CultureInfo.InvariantCulture)),
            decimal number => raw.sqlite3_bind_text(statement, index, number.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            Guid guid when blobGuid => raw.sqlite3_bind_blob(statement, index, guid.ToByteArray()),
            Guid guid => raw.sqlite3_bind_text(statement, index, guid.ToString().ToUpperInvariant()),
            _ => throw new NotSupportedException($"A {value.GetType().Name} parameter is not bound by {nameof(SqliteStatement)}."),
        };
        if (rc != raw.SQLITE_OK)
        {
            throw Error(db, rc);
        }
    }

    // The primary code as Microsoft.Data.Sqlite reports it (busy, locked, constraint...), the extended one beside it.
    private static SqliteException Error(sqlite3 db, int rc) =>
        new(raw.sqlite3_errmsg(db).utf8_to_string() ?? $"SQLite error {rc}", rc & 0xFF, raw.sqlite3_extended_errcode(db));

    public void Dispose() => statement.Dispose();
}
