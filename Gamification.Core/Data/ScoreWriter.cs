using System.Data.Common;

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gamification.Core.Data;

/// <summary>
/// Adds to a user's live leaderboard score for one period: one prepared UPDATE (points = points + delta) and, when
/// the row does not exist yet, an INSERT. Inside the unit's transaction, which holds the user's lock; a first row
/// inserted twice at once hits the unique index and the unit is retried. Names and conversions come from the EF model.
/// </summary>
internal sealed class ScoreWriter : IAsyncDisposable
{
    private readonly DbCommand update;
    private readonly (DbParameter Parameter, Func<object?, object?>? Convert) delta, team, tenant, period, start, user;
    private readonly RowInserter<LeaderboardScore> insert;
    private bool prepared;

    public ScoreWriter(GamificationDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(LeaderboardScore))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        update = db.Database.GetDbConnection().CreateCommand();
        update.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        (DbParameter, Func<object?, object?>?) Parameter(string property, string name)
        {
            var p = entity.FindProperty(property)!;
            var mapping = (RelationalTypeMapping)p.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(update, sql.GenerateParameterName(name), null, p.IsNullable);
            update.Parameters.Add(parameter);
            return (parameter, mapping.Converter is { } c ? c.ConvertToProvider : null);
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
    }

    /// <summary>The SQL of the UPDATE (for tests: provider SQL without a server).</summary>
    internal string CommandText => update.CommandText;

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
            await update.PrepareAsync(ct);
            prepared = true;
        }
        if (await update.ExecuteNonQueryAsync(ct) == 0)
        {
            await insert.InsertAllAsync(
                [new LeaderboardScore { TenantId = tenantId, UserId = userId, TeamId = teamId, PeriodType = periodType, PeriodStart = periodStart, Points = points, Version = 1 }],
                ct);
        }
    }

    private static void Set((DbParameter Parameter, Func<object?, object?>? Convert) p, object? value) =>
        p.Parameter.Value = (value is not null && p.Convert is not null ? p.Convert(value) : value) ?? DBNull.Value;

    public async ValueTask DisposeAsync()
    {
        await update.DisposeAsync();
        await insert.DisposeAsync();
    }
}
