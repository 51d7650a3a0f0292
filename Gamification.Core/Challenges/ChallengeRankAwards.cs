namespace Gamification.Core.Challenges;

/// <summary>What one run of the rank job did for a tenant: windows settled and people paid.</summary>
public sealed record RankSettlement(int Windows, int Paid);

/// <summary>
/// Pays leaderboard_rank challenges (RULES.md, Challenges; docs/rules.md): no event completes them; once a window's
/// ranks are final (<see cref="ChallengeRules.RanksFinalAt"/>) the daily rank job ranks the window's board and pays the
/// people ranked within the target, ties included, as a unit of the points engine each window. Paid at most once per
/// person and window however often and on however many instances it runs: a window already settled is skipped, the
/// unit re-reads the window's rows under its locks, and the rows' (user, challenge, window) and the ledger's reward
/// source are unique.
/// </summary>
internal sealed class ChallengeRankAwards(PointsEngine engine)
{
    /// <summary>How far back the job looks for windows to pay: enough to catch up after a month of downtime.</summary>
    public const int LookbackDays = 35;

    public async Task<RankSettlement> SettleFinalWindowsAsync(Guid tenantId, CancellationToken ct)
    {
        var now = engine.Units.Clock.GetUtcNow();
        List<Challenge> challenges;
        TenantRules rules;
        await using (var db = await engine.Units.DbFactory.CreateDbContextAsync(ct))
        {
            rules = await TenantRules.LoadAsync(db, tenantId, ct);
            // Ended challenges too: the windows they ran to the end are still paid.
            var endedSince = now.AddDays(-LookbackDays - 1);
            challenges = await db.Challenges.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.TenantId == tenantId && c.ObjectiveType == ObjectiveType.LeaderboardRank && (c.IsActive || c.EndDate >= endedSince))
                .OrderBy(c => c.Id)
                .ToListAsync(ct);
        }
        var (windows, paid) = (0, 0);
        foreach (var challenge in challenges)
        {
            foreach (var rankWindow in ChallengeRules.FinalRankWindows(challenge, rules, now, LookbackDays))
            {
                var settled = await SettleAsync(tenantId, challenge, rankWindow, ct);
                if (settled is { } count)
                {
                    windows++;
                    paid += count;
                }
            }
        }
        if (windows > 0)
        {
            engine.Units.Logger.LogInformation("Rank challenges for tenant {TenantId}: {Windows} windows settled, {Paid} people paid", tenantId, windows, paid);
        }
        return new RankSettlement(windows, paid);
    }

    /// <summary>Settles one window: how many were paid, or null when it was settled before or nobody scored.</summary>
    private async Task<int?> SettleAsync(Guid tenantId, Challenge challenge, RankWindow rankWindow, CancellationToken ct)
    {
        List<RankedPerson> board;
        await using (var db = await engine.Units.DbFactory.CreateDbContextAsync(ct))
        {
            var (challengeId, start) = (challenge.Id, rankWindow.Window.Start);
            if (await db.UserChallenges.IgnoreQueryFilters().AnyAsync(c => c.TenantId == tenantId && c.ChallengeId == challengeId && c.WindowStart == start, ct))
            {
                // Settled: it is not ranked again (a person deactivated since would move others up).
                return null;
            }
            board = await WindowBoard.RankAsync(db, tenantId, rankWindow.Days.Start, rankWindow.Days.End, ct);
        }
        if (board.Count == 0)
        {
            return null;
        }
        var winners = board.Where(p => p.Rank <= challenge.ObjectiveTarget).Select(p => p.UserId).ToList();
        var paid = 0;
        await engine.Units.RunAsync(tenantId, winners, async (unit, ct2) =>
        {
            paid = await unit.Evaluator<ChallengeEvaluator>().SettleRanksAsync(challenge, rankWindow.Window, board, ct2);
            return true;
        }, ct);
        return paid;
    }
}
