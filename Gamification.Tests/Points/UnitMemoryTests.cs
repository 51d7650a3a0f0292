using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Points;

/// <summary>
/// What an instance's units remember of their users between units (<see cref="UnitMemory"/>): a user's open challenge
/// rows and earned badges are not read again while nothing else moved the user, and are read again when something did.
/// Every other test of the engine runs with the fixture's memory too, as the app does.
/// </summary>
public sealed class UnitMemoryTests
{
    private static List<PointTransaction> Rewards(PointsFixture f, TransactionType type) =>
        f.Ledger().Where(t => t.Type == type).ToList();

    [Fact]
    public async Task A_unit_reads_no_challenge_rows_or_badges_its_instance_remembers_and_counts_the_same()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 4, reward: 30);
        f.AddBadge(BadgeRequirement.TotalCalls, 3, reward: 20);

        f.Commands.Clear();
        await f.CallAsync();
        // The first unit reads both; its new row's key is not read back, so the next unit reads the rows once more.
        Assert.Equal((1, 1), (f.Commands.Reads("user_challenge"), f.Commands.Reads("user_badge")));
        f.Commands.Clear();
        await f.CallAsync();
        Assert.Equal((1, 0), (f.Commands.Reads("user_challenge"), f.Commands.Reads("user_badge")));

        f.Commands.Clear();
        await f.CallAsync(); // the badge
        await f.CallAsync(); // the challenge
        await f.CallAsync();
        Assert.Equal((0, 0), (f.Commands.Reads("user_challenge"), f.Commands.Reads("user_badge")));

        var row = Assert.Single(f.All<UserChallenge>(), r => r.ChallengeId == challenge);
        Assert.Equal((5, true), (row.Progress, row.Completed));
        Assert.Single(Rewards(f, TransactionType.ChallengeReward));
        Assert.Single(Rewards(f, TransactionType.BadgeReward));
        Assert.Single(f.All<UserBadge>());
        Assert.True((await f.Engine.CheckLedgerAsync(f.TenantId, CancellationToken.None)).IsClean);
    }

    [Fact]
    public async Task Two_instances_taking_turns_for_one_agent_each_read_what_the_other_wrote()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 4, reward: 30);
        f.AddBadge(BadgeRequirement.TotalCalls, 3, reward: 20);
        // A second app instance on the same database, with a memory of its own.
        var other = new PointsEngine(f, f.Clock, NullLogger<PointsEngine>.Instance, AchievementEvaluators.All, memory: new UnitMemory());

        for (var i = 0; i < 8; i++)
        {
            var engine = i % 2 == 0 ? f.Engine : other;
            await engine.RecordActivityAsync(f.TenantId,
                new ActivityInput(f.NextEventId(), ActivityType.CallCompleted, f.AgentId, f.Clock.GetUtcNow(), null), CancellationToken.None);
        }

        var row = Assert.Single(f.All<UserChallenge>(), r => r.ChallengeId == challenge);
        Assert.Equal((8, true), (row.Progress, row.Completed));
        // Paid once each, whichever instance counted the call that reached the target.
        Assert.Single(Rewards(f, TransactionType.ChallengeReward));
        Assert.Single(Rewards(f, TransactionType.BadgeReward));
        Assert.Equal(1, f.Points().ChallengesCompleted);
        Assert.Equal(8 * 10 + 30 + 20, f.Points().CurrentPoints);
        Assert.True((await f.Engine.CheckLedgerAsync(f.TenantId, CancellationToken.None)).IsClean);
    }

    [Fact]
    public async Task A_row_changed_without_the_agents_balance_fails_one_unit_which_is_retried_with_the_row_read_again()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 1, reward: 10);
        await f.CallAsync();
        await f.CallAsync();
        var admin = f.AddAgent("admin-1");
        await using (var db = f.CreateContext())
        {
            (await db.Challenges.IgnoreQueryFilters().SingleAsync(c => c.Id == challenge)).Prize = "Team lunch";
            await db.SaveChangesAsync();
        }
        var completion = Assert.Single(f.All<UserChallenge>());
        // The hand-out moves the row's version and not the agent's balance: the memory does not see it.
        await f.ChallengeService().HandOutPrizeAsync(completion.Id, admin);

        f.Commands.Clear();
        await f.CallAsync();

        // The remembered row was stale: its write found another version, the unit was retried with the row read again.
        Assert.Equal(1, f.Commands.Reads("user_challenge"));
        var row = Assert.Single(f.All<UserChallenge>());
        Assert.Equal((3, true), (row.Progress, row.Completed));
        Assert.NotNull(row.PrizeHandedOutAt);
        Assert.Single(Rewards(f, TransactionType.ChallengeReward));
        Assert.Equal(3 * 10 + 10, f.Points().CurrentPoints);

        // And the memory holds the row again.
        f.Commands.Clear();
        await f.CallAsync();
        Assert.Equal(0, f.Commands.Reads("user_challenge"));
        Assert.Equal(4, Assert.Single(f.All<UserChallenge>()).Progress);
    }

    [Fact]
    public async Task The_memory_holds_at_most_its_bound_and_the_engine_still_counts_right_past_it()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 3, reward: 10);
        var agents = Enumerable.Range(2, 4).Select(n => f.AddAgent($"agent-{n:D2}")).Prepend(f.AgentId).ToList();
        var memory = new UnitMemory(maxEntries: 3);
        var engine = new PointsEngine(f, f.Clock, NullLogger<PointsEngine>.Instance, AchievementEvaluators.All, memory: memory);

        for (var round = 0; round < 4; round++)
        {
            foreach (var agent in agents)
            {
                await engine.RecordActivityAsync(f.TenantId,
                    new ActivityInput(f.NextEventId(), ActivityType.CallCompleted, agent, f.Clock.GetUtcNow(), null), CancellationToken.None);
                Assert.InRange(memory.Count, 0, 3);
            }
        }

        Assert.All(agents, a => Assert.Equal((4, true), f.All<UserChallenge>().Where(r => r.UserId == a && r.ChallengeId == challenge)
            .Select(r => (r.Progress, r.Completed)).Single()));
        Assert.Equal(agents.Count, Rewards(f, TransactionType.ChallengeReward).Count);
    }
}
