using Gamification.Core.Jobs;

using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Jobs;

/// <summary>
/// The daily rank job pays leaderboard_rank challenges: the top N of a window's board (ties included) once its ranks are
/// final, exactly once per person and window however often and on however many instances it runs.
/// </summary>
public sealed class ChallengeRankJobTests
{
    /// <summary>The week of Monday 2 March 2026 (UTC) closes at Monday 9 March 00:00; events up to 48 hours late still count in it.</summary>
    private static readonly DateTimeOffset FirstWeekFinal = new(2026, 3, 11, 0, 0, 0, TimeSpan.Zero);

    private static DailyJobs JobsOf(PointsFixture f) => new(f, f.Engine, f.Clock, NullLogger<DailyJobs>.Instance);

    private static Task<string> RunNowAsync(DailyJobs jobs, PointsFixture f) =>
        jobs.RunForTenantAsync(DailyJobNames.ChallengeRanks, f.TenantId, null, CancellationToken.None);

    private static List<PointTransaction> Rewards(PointsFixture f, long challengeId) =>
        f.Ledger().Where(t => t.Type == TransactionType.ChallengeReward && t.SourceId!.StartsWith($"challenge-{challengeId}-", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task The_top_n_are_paid_once_when_the_window_is_final_however_often_the_job_runs()
    {
        using var f = PointsFixture.InMemory();
        var (second, third) = (f.AddAgent("agent-02"), f.AddAgent("agent-03"));
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.LeaderboardRank, 2, reward: 100);
        await f.CallsAsync((f.AgentId, 3), (second, 2), (third, 1));   // 30, 20 and 10 points
        var jobs = JobsOf(f);
        f.Clock.SetUtcNow(FirstWeekFinal.AddMinutes(1));

        var due = await jobs.RunDueAsync(DailyJobNames.ChallengeRanks, CancellationToken.None);
        var firstResult = Assert.Single(f.All<JobRun>()).LastResult;
        var dueAgain = await jobs.RunDueAsync(DailyJobNames.ChallengeRanks, CancellationToken.None);
        var forced = await RunNowAsync(jobs, f);
        var forcedAgain = await RunNowAsync(jobs, f);

        Assert.Equal((1, 0), (due, dueAgain));
        Assert.Equal("2 people paid for 1 rank windows", firstResult);
        Assert.Equal(("0 people paid for 0 rank windows", "0 people paid for 0 rank windows"), (forced, forcedAgain));
        var paid = Rewards(f, challenge);
        Assert.Equal([(f.AgentId, 100L), (second, 100L)], paid.Select(t => (t.UserId, t.Points)));
        Assert.All(paid, t => Assert.Equal($"challenge-{challenge}-2026-03-02", t.SourceId));
        Assert.Equal("Challenge completed: Weekly LeaderboardRank 2 (rank 1, 2026-03-02 to 2026-03-08)", paid[0].Reason);
        Assert.Equal(
            [(f.AgentId, 30, true), (second, 20, true), (third, 10, false)],
            f.All<UserChallenge>().OrderBy(r => r.Id).Select(r => (r.UserId, r.Progress, r.Completed)));
        Assert.Equal((130L, 1), (f.Points().CurrentPoints, f.Points().ChallengesCompleted));
        Assert.Equal((10L, 0), (f.Points(third).CurrentPoints, f.Points(third).ChallengesCompleted));
        Assert.Contains(f.Notifications.Published, n => n.UserId == f.AgentId
            && n.Achievements?.Any(a => a.Detail == "You finished \"Weekly LeaderboardRank 2\" at rank 1.") == true);
        Assert.True((await f.Engine.CheckLedgerAsync(f.TenantId, CancellationToken.None)).IsClean);
    }

    [Fact]
    public async Task Ties_at_the_target_share_the_rank_and_are_all_paid()
    {
        using var f = PointsFixture.InMemory();
        var (tiedA, tiedB, fourth) = (f.AddAgent("agent-02"), f.AddAgent("agent-03"), f.AddAgent("agent-04"));
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.LeaderboardRank, 2, reward: 100);
        // 30: rank 1; 20 each: rank 2 shared; 10: rank 4.
        await f.CallsAsync((f.AgentId, 3), (tiedA, 2), (tiedB, 2), (fourth, 1));
        f.Clock.SetUtcNow(FirstWeekFinal);

        var result = await RunNowAsync(JobsOf(f), f);

        Assert.Equal("3 people paid for 1 rank windows", result);
        var paid = Rewards(f, challenge);
        Assert.Equal(new[] { f.AgentId, tiedA, tiedB }.Order(StringComparer.Ordinal), paid.Select(t => t.UserId).Order(StringComparer.Ordinal));
        Assert.All(paid, t => Assert.Equal(100, t.Points));
        Assert.Equal(2, paid.Count(t => t.Reason.Contains("(rank 2,", StringComparison.Ordinal)));
        Assert.DoesNotContain(paid, t => t.UserId == fourth);
    }

    [Fact]
    public async Task Nobody_is_paid_while_the_window_is_open_or_late_calls_can_still_change_its_ranks()
    {
        using var f = PointsFixture.InMemory();
        var late = f.AddAgent("agent-02");
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.LeaderboardRank, 1, reward: 100);
        await f.CallsAsync((f.AgentId, 2), (late, 1));   // 20 points: first, for now; 10
        var jobs = JobsOf(f);
        var sundayNight = new DateTimeOffset(2026, 3, 8, 23, 0, 0, TimeSpan.Zero);

        f.Clock.SetUtcNow(sundayNight);
        var open = await RunNowAsync(jobs, f);
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 0, 5, 0, TimeSpan.Zero));
        var closed = await RunNowAsync(jobs, f);
        // Two calls of Sunday evening arrive after midnight (events up to 48 hours old are accepted) and count on Sunday.
        await f.CallsAsync(late, 2, at: sundayNight.AddMinutes(30));
        f.Clock.SetUtcNow(FirstWeekFinal.AddTicks(-1));
        var lastMoment = await RunNowAsync(jobs, f);
        var rowsBefore = f.All<UserChallenge>().Count(r => r.ChallengeId == challenge);
        f.Clock.SetUtcNow(FirstWeekFinal);
        var final = await RunNowAsync(jobs, f);

        Assert.Equal(["0 people paid for 0 rank windows", "0 people paid for 0 rank windows", "0 people paid for 0 rank windows"], [open, closed, lastMoment]);
        Assert.Equal(0, rowsBefore);
        Assert.Equal("1 people paid for 1 rank windows", final);
        Assert.Equal([late], Rewards(f, challenge).Select(t => t.UserId));
    }

    [Theory, EachDatabase]
    public async Task Two_instances_running_at_once_pay_each_person_once(TestDatabase database)
    {
        using var f = PointsFixture.Shared(database);
        var second = f.AddAgent("agent-02");
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.LeaderboardRank, 1, reward: 100);
        await f.CallsAsync((f.AgentId, 2), (second, 1));
        f.Clock.SetUtcNow(FirstWeekFinal);

        var results = await Task.WhenAll(RunNowAsync(JobsOf(f), f), RunNowAsync(JobsOf(f), f));

        Assert.Single(results, r => r == "1 people paid for 1 rank windows");
        Assert.Single(results, r => r.StartsWith("0 people paid", StringComparison.Ordinal));
        Assert.Equal([f.AgentId], Rewards(f, challenge).Select(t => t.UserId));
        Assert.Equal(2, f.All<UserChallenge>().Count(r => r.ChallengeId == challenge));
        Assert.Equal(120L, f.Points().CurrentPoints);
    }

    [Fact]
    public async Task A_window_cut_short_by_ending_the_challenge_pays_nothing_and_earlier_windows_still_pay()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Daily, ObjectiveType.LeaderboardRank, 1, reward: 40);
        await f.CallsAsync(f.AgentId, 1);                                           // Monday 2 March
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
        await f.CallsAsync(f.AgentId, 1);                                           // Tuesday
        await f.ChallengeService().EndAsync(challenge);                             // ended on Tuesday at 10:00
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero));  // Saturday: both days' ranks are final

        var result = await RunNowAsync(JobsOf(f), f);

        Assert.Equal("1 people paid for 1 rank windows", result);
        Assert.Equal([$"challenge-{challenge}-2026-03-02"], Rewards(f, challenge).Select(t => t.SourceId));
    }
}
