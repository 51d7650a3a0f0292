using System.Data.Common;

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gamification.Core.Data;

/// <summary>
/// Adds to a user's live leaderboard score for one period: one prepared UPDATE (points = points + delta) and, when
/// the row does not exist yet, an INSERT. Inside the unit's transaction, which holds the user's lock; a first row
/// inserted twice at once hits the unique index and the unit is retried. Names and conversions come from the EF model.
/// Where the dialect batches (<see cref="SqlDialect.BatchesCommands"/>), a unit's scores go in one round trip as
/// upserts (INSERT ... ON CONFLICT DO UPDATE: a batch cannot branch on an UPDATE's row count).
/// </summary>
internal sealed class ScoreWriter : IAsyncDisposable
{
    /// <summary>Points to add to a user's score of the period starting on <paramref name="PeriodStart"/>.</summary>
    public sealed record Delta(string UserId, long? TeamId, LeaderboardPeriod Period, DateOnly PeriodStart, long Points);

    private readonly DbCommand update;
    private readonly Bound delta, team, tenant, period, start, user;
    private readonly RowInserter<LeaderboardScore> insert;
    private readonly string upsert;
    private readonly bool batches;
    private bool prepared;
    private SqliteStatement? statement;

    public ScoreWriter(GamificationDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var dialect = SqlDialect.Of(db);
        batches = dialect.BatchesCommands;
        var entity = db.Model.FindEntityType(typeof(LeaderboardScore))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        update = db.Database.GetDbConnection().CreateCommand();
        update.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        Bound Parameter(string property, string name)
        {
            var p = entity.FindProperty(property)!;
            var mapping = (RelationalTypeMapping)p.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(update, sql.GenerateParameterName(name), null, p.IsNullable);
            update.Parameters.Add(parameter);
            return new Bound(parameter, mapping, p.IsNullable, mapping.Converter is { } c ? c.ConvertToProvider : null);
        }
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        string Placeholder(string name) => sql.GenerateParameterNamePlaceholder(name);

        delta = Parameter(nameof(LeaderboardScore.Points), "delta");
        team = Parameter(nameof(LeaderboardScore.TeamId), "team");
        tenant = Parameter(nameof(LeaderboardScore.TenantId), "tenant");
        period = Parameter(nameof(LeaderboardScore.PeriodType), "period");
        start = Parameter(nameof(LeaderboardScore.PeriodStart), "start");
        user = Parameter(nameof(LeaderboardScore.UserId), "user");
        var points = Column(nameof(LeaderboardScore.Points));
        var version = Column(nameof(LeaderboardScore.Version));
        update.CommandText =
            $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {points} = {points} + {Placeholder("delta")}, "
            + $"{Column(nameof(LeaderboardScore.TeamId))} = {Placeholder("team")}, {version} = {version} + 1 "
            + $"WHERE {Column(nameof(LeaderboardScore.TenantId))} = {Placeholder("tenant")} AND {Column(nameof(LeaderboardScore.PeriodType))} = {Placeholder("period")} "
            + $"AND {Column(nameof(LeaderboardScore.PeriodStart))} = {Placeholder("start")} AND {Column(nameof(LeaderboardScore.UserId))} = {Placeholder("user")}";
        insert = new RowInserter<LeaderboardScore>(db);

        // The existing row is named by its table: PostgreSQL finds a bare column name ambiguous in DO UPDATE. A batch's
        // parameters are unnamed, in the UPDATE's order (delta, team, tenant, period, start, user).
        string[] order = ["delta", "team", "tenant", "period", "start", "user"];
        string Positional(string parameter) => batches ? dialect.PositionalParameter(Array.IndexOf(order, parameter) + 1) : Placeholder(parameter);
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        string[] key = [Column(nameof(LeaderboardScore.TenantId)), Column(nameof(LeaderboardScore.PeriodType)),
            Column(nameof(LeaderboardScore.PeriodStart)), Column(nameof(LeaderboardScore.UserId))];
        upsert = $"INSERT INTO {name} ({string.Join(", ", key)}, {Column(nameof(LeaderboardScore.TeamId))}, {points}, {version}) "
            + $"VALUES ({Positional("tenant")}, {Positional("period")}, {Positional("start")}, {Positional("user")}, {Positional("team")}, {Positional("delta")}, 1) "
            + $"ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {points} = {name}.{points} + excluded.{points}, "
            + $"{Column(nameof(LeaderboardScore.TeamId))} = excluded.{Column(nameof(LeaderboardScore.TeamId))}, {version} = {name}.{version} + 1";
    }

    /// <summary>The SQL of the UPDATE (for tests: provider SQL without a server).</summary>
    internal string CommandText => update.CommandText;

    /// <summary>The SQL of the upsert a batching dialect sends (for tests).</summary>
    internal string UpsertText => upsert;

    /// <summary>Adds every delta of a unit: one after another, or in one batch of upserts where the dialect batches.</summary>
    public async Task AddAllAsync(Guid tenantId, IReadOnlyCollection<Delta> deltas, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (!batches)
        {
            foreach (var d in deltas)
            {
                await AddAsync(tenantId, d.UserId, d.TeamId, d.Period, d.PeriodStart, d.Points, ct);
            }
            return;
        }
        if (deltas.Count == 0)
        {
            return;
        }
        await using var batch = update.Connection!.CreateBatch();
        batch.Transaction = update.Transaction;
        foreach (var d in deltas)
        {
            var statement = batch.CreateBatchCommand();
            statement.CommandText = upsert;
            foreach (var (p, value) in new[] { (delta, (object?)d.Points), (team, d.TeamId), (tenant, tenantId), (period, d.Period), (start, d.PeriodStart), (user, d.UserId) })
            {
                // The mapping converts the model's value (an enum to its name) as it makes the parameter.
                statement.Parameters.Add(p.Mapping.CreateParameter(update, "", value, p.Nullable));
            }
            batch.BatchCommands.Add(statement);
        }
        await batch.PrepareAsync(ct);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task AddAsync(Guid tenantId, string userId, long? teamId, LeaderboardPeriod periodType, DateOnly periodStart, long points, CancellationToken ct)
    {
        Set(delta, points);
        Set(team, teamId);
        Set(tenant, tenantId);
        Set(period, periodType);
        Set(start, periodStart);
        Set(user, userId);
        if (!prepared)
        {
            // SQLite: the statement on SQLite's own interface; the servers: the prepared command.
            statement = SqliteStatement.For(update);
            if (statement is null)
            {
                await update.PrepareAsync(ct);
            }
            prepared = true;
        }
        if ((statement?.Execute() ?? await update.ExecuteNonQueryAsync(ct)) == 0)
        {
            await insert.InsertAllAsync(
                [new LeaderboardScore { TenantId = tenantId, UserId = userId, TeamId = teamId, PeriodType = periodType, PeriodStart = periodStart, Points = points, Version = 1 }],
                ct);
        }
    }

    private static void Set(Bound p, object? value) => p.Parameter.Value = Provider(p, value);

    private static object Provider(Bound p, object? value) =>
        (value is not null && p.Convert is not null ? p.Convert(value) : value) ?? DBNull.Value;

    /// <summary>A parameter of the UPDATE with what it takes to make the same parameter for a batch.</summary>
    private sealed record Bound(DbParameter Parameter, RelationalTypeMapping Mapping, bool Nullable, Func<object?, object?>? Convert);

    public async ValueTask DisposeAsync()
    {
        statement?.Dispose();
        await update.DisposeAsync();
        await insert.DisposeAsync();
    }
}
