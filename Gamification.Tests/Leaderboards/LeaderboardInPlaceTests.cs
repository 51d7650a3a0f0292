namespace Gamification.Tests.Leaderboards;

/// <summary>
/// A unit of this instance's engine hands its score deltas to the instance's board cache, which moves the boards it
/// holds in memory instead of reading them again (<see cref="LeaderboardCache"/>). These tests hold the boards moved so
/// against a board counted by hand and against a fresh read (a new cache over the same database), and check that only
/// changes this instance did not make are read again.
/// </summary>
public sealed class LeaderboardInPlaceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Sunday 29 March 2026, 20:00 UTC (16:00 in New York): the next days cross a week's and a month's end there.</summary>
    private static readonly DateTimeOffset SundayEvening = new(2026, 3, 29, 20, 0, 0, TimeSpan.Zero);

    /// <summary>Few distinct award amounts: ties come often.</summary>
    private static readonly int[] Amounts = [1, 2, 5, 5, 10];

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private sealed record Person(string Id, string Name, bool IsAgent, bool Active);

    /// <summary>The people and what the test gave and took, to count the boards by hand.</summary>
    private sealed class Model
    {
        public List<Person> People { get; } = [];
        public List<(DateOnly Day, string UserId, long Points)> Entries { get; } = [];

        public long Balance(string userId) => Entries.Where(e => e.UserId == userId).Sum(e => e.Points);

        /// <summary>The board of the period that <paramref name="day"/> falls in, by hand: (user, points, rank) in board order.</summary>
        public List<(string UserId, long Points, int Rank)> Board(LeaderboardPeriod period, DateOnly day)
        {
            var start = StartOf(period, day);
            var rows = new List<(Person Person, long Points)>();
            foreach (var person in People.Where(p => p.Active))
            {
                var points = Entries.Where(e => e.UserId == person.Id && StartOf(period, e.Day) == start).Sum(e => e.Points);
                if (points >= 1)
                {
                    rows.Add((person, points));
                }
                else if (person.IsAgent && period is LeaderboardPeriod.Monthly or LeaderboardPeriod.AllTime)
                {
                    rows.Add((person, 0));
                }
            }
            var ordered = rows.OrderByDescending(r => r.Points).ThenBy(r => r.Person.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(r => r.Person.Id, StringComparer.Ordinal).ToList();
            var ranked = new List<(string, long, int)>();
            for (var i = 0; i < ordered.Count; i++)
            {
                var rank = i > 0 && ordered[i].Points == ordered[i - 1].Points ? ranked[i - 1].Item3 : i + 1;
                ranked.Add((ordered[i].Person.Id, ordered[i].Points, rank));
            }
            return ranked;
        }

        private static DateOnly StartOf(LeaderboardPeriod period, DateOnly day) => period switch
        {
            LeaderboardPeriod.Daily => day,
            LeaderboardPeriod.Weekly => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            LeaderboardPeriod.Monthly => new DateOnly(day.Year, day.Month, 1),
            _ => DateOnly.MinValue,
        };
    }

    private static DateOnly NewYorkDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, NewYork).DateTime);

    /// <summary>
    /// Fourteen people in New York: twelve agents (one hidden, one anonymous, one deactivated with points), a supervisor
    /// without an agent id, two teams; names that tie in a different order than their ids, two differing only in case.
    /// </summary>
    private static Model Populate(PointsFixture f)
    {
        var model = new Model();
        model.People.Add(new Person(f.AgentId, "Agent agent-01", true, true));
        string[] names = ["mia", "Liam", "zoe", "Yann", "Ava", "ava", "Noah", "Emma", "Lucas", "Olivia", "Ethan"];
        foreach (var name in names)
        {
            var id = f.AddAgent($"ext-{name}-{model.People.Count}");
            model.People.Add(new Person(id, name, true, true));
        }
        var supervisor = Guid.NewGuid().ToString();
        model.People.Add(new Person(supervisor, "Sam Supervisor", false, true));
        using (var db = f.CreateContext())
        {
            db.Users.Add(new ApplicationUser
            {
                Id = supervisor,
                TenantId = f.TenantId,
                UserName = $"sam@{f.TenantId:N}.test",
                NormalizedUserName = $"SAM@{f.TenantId:N}.TEST",
                DisplayName = "Sam Supervisor",
                CreatedAt = PointsFixture.Start,
            });
            db.SaveChanges();
            foreach (var person in model.People.Skip(1))
            {
                db.Users.IgnoreQueryFilters().Single(u => u.Id == person.Id).DisplayName = person.Name;
            }
            db.Users.IgnoreQueryFilters().Single(u => u.Id == model.People[3].Id).LeaderboardVisibility = LeaderboardVisibility.Hidden;
            db.Users.IgnoreQueryFilters().Single(u => u.Id == model.People[4].Id).LeaderboardVisibility = LeaderboardVisibility.Anonymous;
            db.SaveChanges();
        }
        f.AddTeam("Sharks", model.People.Where((_, i) => i % 2 == 0).Select(p => p.Id).ToArray());
        f.AddTeam("Orcas", model.People.Where((_, i) => i % 3 == 1).Select(p => p.Id).ToArray());
        return model;
    }

    private static async Task AwardAsync(PointsFixture f, Model model, string userId, long points)
    {
        await f.AwardAsync(userId, points);
        model.Entries.Add((NewYorkDay(f.Clock.GetUtcNow()), userId, points));
    }

    private static async Task RevokeAsync(PointsFixture f, Model model, string userId, long points)
    {
        // The engine takes at most the balance (current and lifetime points move together here: awards and revocations only).
        var taken = Math.Min(points, model.Balance(userId));
        await f.Engine.RevokeAsync(f.TenantId, userId, points, "Test revocation", null, None);
        model.Entries.Add((NewYorkDay(f.Clock.GetUtcNow()), userId, -taken));
    }

    /// <summary>A page read from a new cache: the board read from the database.</summary>
    private static Task<LeaderboardPage> FreshAsync(PointsFixture f, string caller, LeaderboardQuery query) =>
        new LeaderboardService(f.TenantScoped(), f.Clock, new LeaderboardCache()).GetAsync(caller, query);

    private static void Same(LeaderboardPage expected, LeaderboardPage actual, string what)
    {
        Assert.True(expected.Entries.SequenceEqual(actual.Entries), $"{what}: entries differ");
        Assert.Equal(expected with { Entries = actual.Entries }, actual);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public async Task Boards_moved_in_memory_by_random_awards_and_revocations_equal_the_hand_count_and_a_fresh_read(int seed, bool protectBottom)
    {
        using var f = PointsFixture.InMemory("America/New_York", c =>
        {
            c.ProtectBottom = protectBottom;
            c.ProtectBottomTop = 3;
        });
        f.Clock.SetUtcNow(SundayEvening);
        var model = Populate(f);
        var random = new Random(seed);
        // Points before the first reads, and a deactivated agent with points (a revocation may still reach them).
        foreach (var person in model.People)
        {
            await AwardAsync(f, model, person.Id, random.Next(1, 4) * 5);
        }
        var gone = model.People[^2];
        await using (var db = f.CreateContext())
        {
            (await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == gone.Id)).IsActive = false;
            await db.SaveChangesAsync();
        }
        model.People[^2] = gone with { Active = false };

        var service = f.LeaderboardService();
        var read = new HashSet<(LeaderboardPeriod, DateOnly)>();
        var active = model.People.Where(p => p.Active).ToList();
        for (var step = 0; step < 50; step++)
        {
            var roll = random.NextDouble();
            var someone = model.People[random.Next(model.People.Count)];
            if (roll < 0.25 && model.Balance(someone.Id) > 0)
            {
                // Revocations: below the period's score now and then, so a monthly agent can sit at 0 with a negative score.
                await RevokeAsync(f, model, someone.Id, random.Next(1, 25));
            }
            else if (someone.Active)
            {
                await AwardAsync(f, model, someone.Id, Amounts[random.Next(Amounts.Length)]);
            }
            f.Clock.Advance(TimeSpan.FromMinutes(random.Next(0, 300)));

            var day = NewYorkDay(f.Clock.GetUtcNow());
            var caller = active[random.Next(active.Count)].Id;
            foreach (var period in LeaderboardRules.Periods)
            {
                var staff = new LeaderboardQuery(period, Limit: LeaderboardService.MaxLimit, Viewer: BoardViewer.Staff);
                var page = await service.GetAsync(caller, staff);
                Assert.Equal(model.Board(period, day), page.Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
                read.Add((period, page.PeriodStart ?? DateOnly.MinValue));
                Same(await FreshAsync(f, caller, staff), page, $"step {step}, {period}, staff");
                foreach (var query in new[]
                {
                    new LeaderboardQuery(period),
                    new LeaderboardQuery(period, Teams: true),
                    new LeaderboardQuery(period, League: true),
                    new LeaderboardQuery(period, Viewer: BoardViewer.Wallboard),
                })
                {
                    Same(await FreshAsync(f, caller, query), await service.GetAsync(caller, query), $"step {step}, {query}");
                }
            }
            // Read from the database once per period and start; every award and revocation since was taken in memory.
            Assert.Equal(read.Count, f.Boards.Loads);
        }
        // The run crossed a day, a week and a month in New York.
        Assert.Contains((LeaderboardPeriod.Monthly, new DateOnly(2026, 4, 1)), read);
        Assert.Contains((LeaderboardPeriod.Weekly, new DateOnly(2026, 3, 30)), read);
    }

    [Fact]
    public async Task Another_instances_award_is_read_again_and_this_instances_next_one_is_moved_in_memory()
    {
        using var f = PointsFixture.InMemory();
        var other = f.AddAgent("agent-b");
        await f.AwardAsync(f.AgentId, 100);
        await f.AwardAsync(other, 50);
        // A second instance: its own cache, and its engine hands its units to that cache only.
        var thereBoards = new LeaderboardCache();
        var thereEngine = new PointsEngine(f, f.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PointsEngine>.Instance,
            AchievementEvaluators.All, null, thereBoards);
        var here = f.LeaderboardService();
        var there = new LeaderboardService(f.TenantScoped(), f.Clock, thereBoards);
        var weekly = new LeaderboardQuery(LeaderboardPeriod.Weekly);
        await here.GetAsync(other, weekly);
        await there.GetAsync(other, weekly);
        Assert.Equal((1, 1), (f.Boards.Loads, thereBoards.Loads));

        await f.AwardAsync(other, 30);
        Assert.Equal([(f.AgentId, 100L, 1), (other, 80L, 2)], (await here.GetAsync(other, weekly)).Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
        Assert.Equal([(f.AgentId, 100L, 1), (other, 80L, 2)], (await there.GetAsync(other, weekly)).Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
        Assert.Equal((1, 2), (f.Boards.Loads, thereBoards.Loads));

        await thereEngine.AwardAsync(f.TenantId, new PointsGrant(other, TransactionType.AdminAward, 20, "There"), None);
        Assert.Equal([(f.AgentId, 100L, 1), (other, 100L, 1)], (await there.GetAsync(other, weekly)).Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
        Assert.Equal([(f.AgentId, 100L, 1), (other, 100L, 1)], (await here.GetAsync(other, weekly)).Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
        Assert.Equal((2, 2), (f.Boards.Loads, thereBoards.Loads));

        // Read again at the other instance's version, this instance's board takes its own next award in memory.
        await f.AwardAsync(f.AgentId, 1);
        Assert.Equal([(f.AgentId, 101L, 1), (other, 100L, 2)], (await here.GetAsync(other, weekly)).Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
        Assert.Equal(2, f.Boards.Loads);
    }

    [Fact]
    public async Task Changes_handed_over_out_of_order_are_applied_in_version_order()
    {
        using var f = PointsFixture.InMemory();
        var other = f.AddAgent("agent-b");
        await f.AwardAsync(f.AgentId, 10);
        var service = f.LeaderboardService();
        var weekly = new LeaderboardQuery(LeaderboardPeriod.Weekly);
        await service.GetAsync(f.AgentId, weekly);
        long version;
        await using (var db = f.CreateContext())
        {
            version = (await LeaderboardVersions.ReadAsync(db, f.TenantId, None)).Scores;
        }
        // Two units committed by an engine that hands nothing over (versions v + 1 and v + 2), handed over here by hand, the second first.
        var silent = new PointsEngine(f, f.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PointsEngine>.Instance, AchievementEvaluators.All);
        await silent.AwardAsync(f.TenantId, new PointsGrant(other, TransactionType.AdminAward, 30, "First"), None);
        await silent.AwardAsync(f.TenantId, new PointsGrant(f.AgentId, TransactionType.AdminAward, 25, "Second"), None);
        var monday = new DateOnly(2026, 3, 2);
        BoardChange Change(long at, string userId, long points) => new(f.TenantId, at,
            LeaderboardRules.Periods.ToDictionary(p => (p, p switch
            {
                LeaderboardPeriod.Monthly => new DateOnly(2026, 3, 1),
                LeaderboardPeriod.AllTime => DateOnly.MinValue,
                _ => monday,
            }), _ => new List<(string, long)> { (userId, points) }),
            new HashSet<string> { userId }, LevelsChanged: false);

        f.Boards.Apply(Change(version + 2, f.AgentId, 25));
        f.Boards.Apply(Change(version + 1, other, 30));

        var page = await service.GetAsync(f.AgentId, weekly);
        Assert.Equal([(f.AgentId, 35L, 1), (other, 30L, 2)], page.Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
        Assert.Equal(1, f.Boards.Loads);
    }

    [Fact]
    public async Task A_board_read_while_the_version_moved_takes_no_delta_and_is_read_again()
    {
        using var f = PointsFixture.InMemory();
        var other = f.AddAgent("agent-b");
        await f.AwardAsync(f.AgentId, 10);
        await f.AwardAsync(other, 20);
        // A read that began at the version before the last award and read the scores after it: the board may hold
        // scores newer than its version, so a delta on top of it could count twice.
        await using (var db = f.CreateContext())
        {
            var now = await LeaderboardVersions.ReadAsync(db, f.TenantId, None);
            var roster = await f.Boards.RosterAsync(db, f.TenantId, now, None);
            var behind = now with { Scores = now.Scores - 1 };
            var board = await f.Boards.BoardAsync(db, f.TenantId, LeaderboardPeriod.Weekly, new DateOnly(2026, 3, 2), behind, roster, f.Clock.GetUtcNow(), None);
            Assert.False(board.Exact);
        }
        Assert.Equal(1, f.Boards.Loads);

        await f.AwardAsync(other, 5);

        var page = await f.LeaderboardService().GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Weekly));
        Assert.Equal([(other, 25L, 1), (f.AgentId, 10L, 2)], page.Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
        Assert.Equal(2, f.Boards.Loads);
    }

    [Fact]
    public async Task A_level_up_in_memory_moves_the_person_to_their_new_league_and_a_badge_shows_in_their_count()
    {
        // A level-up pays 10 points (10 x 1 + 0).
        using var f = PointsFixture.InMemory(configure: c => (c.LevelUpBasePoints, c.LevelUpMultiplier, c.LevelUpBonus) = (10, 1m, 0));
        var other = f.AddAgent("agent-b");
        f.SetLevelThreshold(2, 30);
        f.SetLevelThreshold(3, 31);
        f.SetLevelThreshold(4, 32);
        f.AddBadge(BadgeRequirement.LifetimePoints, 40, reward: 0);
        await f.AwardAsync(f.AgentId, 10);
        await f.AwardAsync(other, 20);
        var service = f.LeaderboardService();
        var silver = new LeaderboardQuery(LeaderboardPeriod.Weekly, Tier: "Silver");
        var weekly = new LeaderboardQuery(LeaderboardPeriod.Weekly);
        Assert.Empty((await service.GetAsync(other, silver)).Entries);
        Assert.Equal(0, (await service.GetAsync(other, weekly)).UserRank!.BadgesCount);
        var loads = f.Boards.Loads;

        // Level 4 (Silver) and the lifetime-points badge, in one unit.
        await f.AwardAsync(other, 20);

        var league = await service.GetAsync(other, silver);
        Assert.Equal([(other, 70L, 1)], league.Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
        Same(await FreshAsync(f, other, silver), league, "silver league");
        var mine = (await service.GetAsync(other, weekly)).UserRank!;
        Assert.Equal((1, 1), (mine.Rank, mine.BadgesCount));
        Same(await FreshAsync(f, other, weekly), await service.GetAsync(other, weekly), "weekly");
        Assert.Equal(loads, f.Boards.Loads);
    }
}
