namespace Gamification.Core.Data;

/// <summary>Brings the database to the current schema at start (embedded default) and sets SQLite's WAL mode.</summary>
public sealed class DatabaseInitializer(GamificationDbContext db, DatabaseOptions options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var migrate = options.MigratesOnStart;
        if (migrate)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            }
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; it is a property of the file and persists.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (migrate)
        {
            await BuildLeaderboardScoresAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Databases from before live leaderboards have a ledger but no per-period scores: build them once from the ledger
    /// (the engine keeps them from then on). Skipped when any score exists.
    /// </summary>
    private async Task BuildLeaderboardScoresAsync(CancellationToken ct)
    {
        if (await db.LeaderboardScores.IgnoreQueryFilters().AnyAsync(ct) || !await db.PointTransactions.IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }
        var types = TransactionTypes.OnBoards;
        var days = await db.PointTransactions.IgnoreQueryFilters().AsNoTracking()
            .Where(t => EF.Parameter(types).Contains(t.Type))
            .GroupBy(t => new { t.TenantId, t.UserId, t.LocalDate })
            .Select(g => new { g.Key.TenantId, g.Key.UserId, g.Key.LocalDate, Points = g.Sum(t => t.Points) })
            .ToListAsync(ct);
        var teams = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.TenantId != null).ToDictionaryAsync(u => u.Id, u => u.TeamId, ct);
        var scores = days
            .SelectMany(d => Leaderboards.LeaderboardRules.Periods.Select(p => (d.TenantId, d.UserId, Period: p, Start: Leaderboards.LeaderboardRules.PeriodStart(p, d.LocalDate), d.Points)))
            .GroupBy(x => (x.TenantId, x.UserId, x.Period, x.Start))
            .Select(g => new Leaderboards.LeaderboardScore
            {
                TenantId = g.Key.TenantId,
                UserId = g.Key.UserId,
                TeamId = teams.GetValueOrDefault(g.Key.UserId),
                PeriodType = g.Key.Period,
                PeriodStart = g.Key.Start,
                Points = g.Sum(x => x.Points),
                Version = 1,
            })
            .ToList();
        db.LeaderboardScores.AddRange(scores);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Built {Count} leaderboard scores from the ledger", scores.Count);
    }
}
