using System.Data;
using System.Globalization;

using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;

using Npgsql;

namespace Gamification.Core.Data;

/// <summary>
/// What the engine's hand-written SQL needs to know about the provider, in one place: how a unit locks the rows it
/// writes, how many rows one prepared INSERT carries, the one upsert it writes by hand, how to read a consistent
/// snapshot, and which errors mean "a second writer got there first". Names and quoting come from the EF model and the
/// provider's <c>ISqlGenerationHelper</c> (<see cref="RowInserter{T}"/>, <see cref="RowUpdater{T}"/>, <see cref="ScoreWriter"/>),
/// so only the differences live here. SQL Server and PostgreSQL share <see cref="ServerDialect"/>.
/// </summary>
internal abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();
    public static readonly SqlDialect PostgreSql = new PostgreSqlDialect();

    /// <summary>The dialect of the context's provider.</summary>
    public static SqlDialect Of(DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => Sqlite,
            "Microsoft.EntityFrameworkCore.SqlServer" => SqlServer,
            "Npgsql.EntityFrameworkCore.PostgreSQL" => PostgreSql,
            var other => throw new NotSupportedException($"The provider {other} has no SQL dialect here."),
        };
    }

    public static SqlDialect Of(GamificationDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Dialect;
    }

    /// <summary>
    /// Whether a unit takes its rows' write locks itself (a server: an UPDATE of the balance rows at the start of the
    /// transaction) rather than holding the whole database's write lock from BEGIN (SQLite).
    /// </summary>
    public abstract bool LocksRows { get; }

    /// <summary>How many rows one INSERT command carries for an entity of <paramref name="columns"/> columns.</summary>
    public abstract int RowsPerInsert(int columns);

    /// <summary>
    /// Raises a tenant's board versions by one (the people version by <paramref name="peopleStep"/>), creating the row on
    /// first use; two first bumps at once cannot both insert.
    /// </summary>
    public abstract FormattableString BumpBoardVersion(Guid tenantId, int peopleStep);

    /// <summary>
    /// Whether a unit sends its per-row statements (version-checked UPDATEs, score upserts) together in one
    /// <see cref="System.Data.Common.DbBatch"/>, one round trip, rather than one after another.
    /// </summary>
    public abstract bool BatchesCommands { get; }

    /// <summary>
    /// The placeholder of the <paramref name="position"/>th (from 1) unnamed parameter, for the statements of a batch:
    /// the driver then sends the SQL as it is, without rewriting named placeholders statement by statement.
    /// </summary>
    public virtual string PositionalParameter(int position) => throw new NotSupportedException("This provider's statements are not batched.");

    /// <summary>The isolation level under which two reads in one transaction see the same committed state, without blocking writers where the provider allows it.</summary>
    public abstract IsolationLevel SnapshotReads { get; }

    /// <summary>
    /// A second writer got there first (a unit is then retried on a fresh context): a stale version, a unique index hit,
    /// a deadlock victim, a serialization failure, or a busy SQLite file. Checks every provider's errors, so it needs no context.
    /// </summary>
    public static bool IsWriteConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                // SQLITE_BUSY / SQLITE_LOCKED; SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY.
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                case SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }:
                // Unique index / key violation; deadlock victim.
                case SqlException { Number: 2601 or 2627 or 1205 }:
                // unique_violation; serialization_failure; deadlock_detected.
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The upsert SQLite and PostgreSQL both write (INSERT ... ON CONFLICT DO UPDATE). The existing row's columns are
    /// named with the table's name: PostgreSQL finds a bare name ambiguous there.
    /// </summary>
    private static FormattableString OnConflictBump(Guid tenantId, int peopleStep) =>
        $"INSERT INTO leaderboard_version (tenant_id, version, people_version) VALUES ({tenantId}, 1, {peopleStep}) ON CONFLICT (tenant_id) DO UPDATE SET version = leaderboard_version.version + 1, people_version = leaderboard_version.people_version + {peopleStep}";

    private sealed class SqliteDialect : SqlDialect
    {
        // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the database write lock is held from BEGIN.
        public override bool LocksRows => false;

        // Microsoft.Data.Sqlite binds parameters by name, which slows down as a command's parameter count grows; a
        // prepared single-row INSERT is fastest (bench: -- bind).
        public override int RowsPerInsert(int columns) => 1;

        public override FormattableString BumpBoardVersion(Guid tenantId, int peopleStep) => OnConflictBump(tenantId, peopleStep);

        // In-process: a statement costs no round trip, and Microsoft.Data.Sqlite has no DbBatch.
        public override bool BatchesCommands => false;

        // One writer at a time and readers on their own snapshot (WAL): every transaction reads consistently.
        public override IsolationLevel SnapshotReads => IsolationLevel.Unspecified;
    }

    /// <summary>What the two server providers share: row locks taken by the unit, multi-row INSERTs under a parameter limit.</summary>
    private abstract class ServerDialect : SqlDialect
    {
        private const int MaxRowsPerInsert = 100;

        public override bool LocksRows => true;

        /// <summary>The most parameters one command may carry on this server (with a margin).</summary>
        protected abstract int MaxParameters { get; }

        // A round trip per row is what a server makes expensive: many rows per command.
        public override int RowsPerInsert(int columns) => Math.Clamp(MaxParameters / Math.Max(columns, 1), 1, MaxRowsPerInsert);
    }

    private sealed class SqlServerDialect : ServerDialect
    {
        // SQL Server takes at most 2,100 parameters per command.
        protected override int MaxParameters => 2000;

        // HOLDLOCK: two first bumps at once cannot both insert.
        public override FormattableString BumpBoardVersion(Guid tenantId, int peopleStep) =>
            $"MERGE leaderboard_version WITH (HOLDLOCK) AS v USING (SELECT {tenantId} AS tenant_id) AS s ON v.tenant_id = s.tenant_id WHEN MATCHED THEN UPDATE SET version = v.version + 1, people_version = v.people_version + {peopleStep} WHEN NOT MATCHED THEN INSERT (tenant_id, version, people_version) VALUES (s.tenant_id, 1, {peopleStep});";

        // SqlClient's DbBatch is not exercised here (no SQL Server to test against): statements go one after another, as before.
        public override bool BatchesCommands => false;

        // Snapshot isolation needs a database option SQL Server leaves off; read committed, and re-run a check that fails.
        public override IsolationLevel SnapshotReads => IsolationLevel.Unspecified;
    }

    private sealed class PostgreSqlDialect : ServerDialect
    {
        // The wire protocol counts parameters in 16 bits (65,535); the rows per command cap comes first anyway.
        protected override int MaxParameters => 65_000;

        public override FormattableString BumpBoardVersion(Guid tenantId, int peopleStep) => OnConflictBump(tenantId, peopleStep);

        // A round trip per row is what the engine's units pay on a server: Npgsql sends a DbBatch in one.
        public override bool BatchesCommands => true;

        public override string PositionalParameter(int position) => string.Create(CultureInfo.InvariantCulture, $"${position}");

        // PostgreSQL's repeatable read is a snapshot for the whole transaction and never blocks writers.
        public override IsolationLevel SnapshotReads => IsolationLevel.RepeatableRead;
    }
}
