using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Disputes;

/// <summary>Disputes against Core with a real SQLite database (docs/rules.md, Disputes).</summary>
public sealed class DisputeServiceTests : IDisposable
{
    private readonly PointsFixture fx = PointsFixture.InMemory();

    public void Dispose() => fx.Dispose();

    private static DisputeService Service(PointsFixture f) =>
        new(f.TenantScoped(), f.Engine, f.Clock, NullLogger<DisputeService>.Instance);

    private DisputeService Disputes => Service(fx);

    /// <summary>The id of the newest ledger entry of a user.</summary>
    private long LastEntryOf(string userId) => fx.Ledger().Last(t => t.UserId == userId).Id;

    [Fact]
    public async Task An_agent_files_a_dispute_on_an_own_entry_and_lists_it()
    {
        await fx.CallAsync();
        var entryId = LastEntryOf(fx.AgentId);

        var filed = await Disputes.FileAsync(fx.AgentId, new DisputeInput(entryId, null, "  The call was rated 5, not 4.  "));

        Assert.Equal(DisputeStatus.Open, filed.Status);
        Assert.Equal(entryId, filed.TransactionId);
        Assert.Equal("The call was rated 5, not 4.", filed.Message);
        Assert.Equal(PointsFixture.Start, filed.CreatedAt);
        var own = await Disputes.ListOwnAsync(fx.AgentId);
        Assert.Equal(filed.Id, Assert.Single(own).Id);
    }

    [Fact]
    public async Task Missing_credit_is_filed_with_an_event_id_and_the_own_list_is_newest_first()
    {
        var first = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, "evt-missing-1", "My conversion is missing."));
        fx.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Yesterday's calls are missing."));

        var own = await Disputes.ListOwnAsync(fx.AgentId);

        Assert.Equal([second.Id, first.Id], own.Select(d => d.Id));
        Assert.Equal("evt-missing-1", own[1].EventId);
        Assert.Null(own[0].EventId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad \u202E text")]
    public async Task A_dispute_without_a_clean_message_is_refused_and_nothing_stored(string message)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, message)));

        Assert.Equal(DomainErrorKind.Validation, ex.Kind);
        Assert.True(ex.Errors!.ContainsKey("message"));
        Assert.Empty(fx.All<Dispute>());
    }

    [Fact]
    public async Task A_message_of_1000_characters_is_taken_and_1001_refused()
    {
        await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, new string('a', 1000)));

        var ex = await Assert.ThrowsAsync<DomainException>(() => Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, new string('a', 1001))));

        Assert.True(ex.Errors!.ContainsKey("message"));
        Assert.Single(fx.All<Dispute>());
    }

    [Fact]
    public async Task An_event_id_longer_than_128_characters_is_refused()
    {
        await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, new string('e', 128), "Missing"));

        var ex = await Assert.ThrowsAsync<DomainException>(() => Disputes.FileAsync(fx.AgentId, new DisputeInput(null, new string('e', 129), "Missing")));

        Assert.True(ex.Errors!.ContainsKey("event_id"));
        Assert.Single(fx.All<Dispute>());
    }

    [Fact]
    public async Task Another_agents_entry_or_an_unknown_one_cannot_be_disputed()
    {
        var colleague = fx.AddAgent("agent-02");
        await fx.EventAsync(colleague, ActivityType.CallCompleted);
        var theirs = LastEntryOf(colleague);
        await fx.CallAsync();
        var mine = LastEntryOf(fx.AgentId);

        var other = await Assert.ThrowsAsync<DomainException>(() => Disputes.FileAsync(fx.AgentId, new DisputeInput(theirs, null, "Mine?")));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => Disputes.FileAsync(fx.AgentId, new DisputeInput(999_999, null, "Mine?")));
        var own = await Disputes.FileAsync(fx.AgentId, new DisputeInput(mine, null, "Mine."));

        Assert.True(other.Errors!.ContainsKey("transaction_id"));
        Assert.True(unknown.Errors!.ContainsKey("transaction_id"));
        Assert.Equal(own.Id, Assert.Single(fx.All<Dispute>()).Id);
    }

    [Fact]
    public async Task A_fourth_waiting_dispute_is_refused_and_a_decision_frees_a_place()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, $"Dispute {i}"))).Id);
        }
        await Disputes.ResolveAsync(ids[0], new DisputeResolution(DisputeDecision.Escalated, null, null), "sup", isAdmin: false);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Fourth")));

        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
        Assert.Contains("at most 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, fx.All<Dispute>().Count);

        await Disputes.ResolveAsync(ids[1], new DisputeResolution(DisputeDecision.Rejected, null, "Rated 4 by the customer."), "sup", isAdmin: false);
        var fourth = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Fourth"));
        Assert.Equal(DisputeStatus.Open, fourth.Status);
        Assert.Equal(4, fx.All<Dispute>().Count);
    }

    [Fact]
    public async Task The_limit_is_per_agent()
    {
        var colleague = fx.AddAgent("agent-02");
        for (var i = 0; i < 3; i++)
        {
            await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, $"Dispute {i}"));
        }

        var theirs = await Disputes.FileAsync(colleague, new DisputeInput(null, null, "Mine"));

        Assert.Equal(DisputeStatus.Open, theirs.Status);
        Assert.Equal(["Mine"], (await Disputes.ListOwnAsync(colleague)).Select(d => d.Message));
        Assert.Equal(3, (await Disputes.ListOwnAsync(fx.AgentId)).Count);
    }

    [Fact]
    public async Task The_queue_is_oldest_first_with_the_agent_and_the_contested_entry()
    {
        await fx.CallAsync(rating: 5);
        var first = await Disputes.FileAsync(fx.AgentId, new DisputeInput(LastEntryOf(fx.AgentId), null, "Streak missing"));
        fx.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, "evt-x", "Missing"));
        await Disputes.ResolveAsync(second.Id, new DisputeResolution(DisputeDecision.Escalated, null, "For an admin"), "sup", isAdmin: false);

        var waiting = await Disputes.QueueAsync(null);
        var open = await Disputes.QueueAsync(DisputeStatus.Open);
        var escalated = await Disputes.QueueAsync(DisputeStatus.Escalated);

        Assert.Equal([first.Id, second.Id], waiting.Select(d => d.Id));
        var item = open.Single();
        Assert.Equal((first.Id, "Agent agent-01", fx.AgentId), (item.Id, item.AgentName, item.UserId));
        Assert.NotNull(item.Transaction);
        // A perfect call: base 10, multiplier 2, bonus 10 -> 30.
        Assert.Equal((10, 2m, 10, 30L), (item.Transaction.BasePoints, item.Transaction.Multiplier, item.Transaction.Bonus, item.Transaction.Points));
        var esc = escalated.Single();
        Assert.Equal((second.Id, "For an admin", "sup"), (esc.Id, esc.Note, esc.DecidedByUserId));
        Assert.Null(esc.Transaction);
        Assert.Empty(await Disputes.QueueAsync(DisputeStatus.Accepted));
    }

    [Fact]
    public async Task An_admin_accepts_with_points_one_award_whose_source_is_the_dispute_and_the_agent_is_told()
    {
        var filed = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, "evt-lost", "My conversion is missing."));
        var before = fx.Notifications.Published.Count;

        var accepted = await Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, 50, "Conversion confirmed"), "admin-1", isAdmin: true);

        Assert.Equal((DisputeStatus.Accepted, 50L, "Conversion confirmed"), (accepted.Status, accepted.PointsAwarded, accepted.Note));
        var entry = Assert.Single(fx.Ledger());
        Assert.Equal((TransactionType.AdminAward, TransactionSource.Dispute, filed.Id.ToString(CultureInfo.InvariantCulture), 50L, "admin-1"),
            (entry.Type, entry.SourceType, entry.SourceId, entry.Points, entry.CreatedByUserId));
        Assert.Equal($"Dispute #{filed.Id} accepted: Conversion confirmed", entry.Reason);
        Assert.Equal((50L, 50L), (fx.Points().CurrentPoints, fx.Points().LifetimePoints));
        var told = Assert.Single(fx.Notifications.Published.Skip(before));
        Assert.Equal((fx.AgentId, 50L), (told.UserId, told.CurrentPoints));
        Assert.True((await fx.Engine.CheckLedgerAsync(fx.TenantId, default)).IsClean);
    }

    [Fact]
    public async Task A_supervisor_may_not_accept_with_points_nor_decide_an_escalated_dispute()
    {
        var filed = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Missing"));

        var paying = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, 10, "ok"), "sup", isAdmin: false));
        Assert.Equal(DomainErrorKind.Forbidden, paying.Kind);
        Assert.Empty(fx.Ledger());

        await Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Escalated, null, null), "sup", isAdmin: false);
        var escalated = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, null, null), "sup", isAdmin: false));
        Assert.Equal(DomainErrorKind.Forbidden, escalated.Kind);

        var byAdmin = await Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, null, "Explained"), "admin", isAdmin: true);
        Assert.Equal((DisputeStatus.Accepted, (long?)null), (byAdmin.Status, byAdmin.PointsAwarded));
        Assert.Empty(fx.Ledger());
    }

    [Fact]
    public async Task Rejecting_needs_a_note_and_the_agent_is_told_the_reason()
    {
        var filed = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Missing"));

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Rejected, null, " "), "sup", isAdmin: false));
        Assert.True(ex.Errors!.ContainsKey("note"));
        Assert.Equal(DisputeStatus.Open, Assert.Single(fx.All<Dispute>()).Status);

        var rejected = await Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Rejected, null, "No such call"), "sup", isAdmin: false);

        Assert.Equal((DisputeStatus.Rejected, "No such call", "sup"), (rejected.Status, rejected.Note, Assert.Single(fx.All<Dispute>()).DecidedByUserId));
        Assert.Equal($"Your dispute #{filed.Id} was rejected: No such call", fx.Notifications.Published[^1].Message);
    }

    [Fact]
    public async Task A_decided_dispute_cannot_be_decided_again()
    {
        var filed = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Missing"));
        await Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, 20, null), "admin", isAdmin: true);

        var again = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, 20, null), "admin", isAdmin: true));
        var reject = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Rejected, null, "No"), "admin", isAdmin: true));

        Assert.Equal((DomainErrorKind.Conflict, DomainErrorKind.Conflict), (again.Kind, reject.Kind));
        Assert.Equal(20L, Assert.Single(fx.Ledger()).Points);
        Assert.Equal(20L, fx.Points().CurrentPoints);
    }

    [Fact]
    public async Task Points_are_paid_only_on_accepting_and_within_the_admin_limits()
    {
        var filed = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Missing"));

        var onReject = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Rejected, 10, "No"), "admin", isAdmin: true));
        var zero = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, 0, null), "admin", isAdmin: true));

        Assert.True(onReject.Errors!.ContainsKey("points"));
        Assert.True(zero.Errors!.ContainsKey("points"));
        Assert.Equal(DisputeStatus.Open, Assert.Single(fx.All<Dispute>()).Status);
        Assert.Empty(fx.Ledger());
    }

    [Fact]
    public async Task Another_tenants_dispute_is_not_found_and_not_listed()
    {
        using var other = PointsFixture.InMemory();
        var theirs = await Service(other).FileAsync(other.AgentId, new DisputeInput(null, null, "Theirs"));
        var mine = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Mine"));
        // Put their dispute in this database under the other tenant, with the same id space: only the filter keeps it out.
        using (var db = fx.CreateContext())
        {
            db.Tenants.Add(new Tenant { Id = other.TenantId, Name = "Other", TimeZoneId = "UTC", CreatedAt = PointsFixture.Start });
            db.Users.Add(new ApplicationUser { Id = other.AgentId, TenantId = other.TenantId, UserName = "o@o.test", DisplayName = "Other agent", CreatedAt = PointsFixture.Start });
            db.Disputes.Add(new Dispute { Id = mine.Id + 100, TenantId = other.TenantId, UserId = other.AgentId, Message = "Theirs", CreatedAt = PointsFixture.Start });
            db.SaveChanges();
        }

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.ResolveAsync(mine.Id + 100, new DisputeResolution(DisputeDecision.Accepted, 10, null), "admin", isAdmin: true));

        Assert.Equal(DomainErrorKind.NotFound, ex.Kind);
        Assert.Equal([mine.Id], (await Disputes.QueueAsync(null)).Select(d => d.Id));
        Assert.Empty(await Disputes.ListOwnAsync(other.AgentId));
        Assert.Equal(DisputeStatus.Open, fx.All<Dispute>().Single(d => d.TenantId == other.TenantId).Status);
        Assert.Empty(fx.Ledger());
        Assert.Equal(DisputeStatus.Open, theirs.Status);
    }

    [Fact]
    public async Task The_ledger_refuses_a_second_entry_for_the_same_dispute()
    {
        var filed = await Disputes.FileAsync(fx.AgentId, new DisputeInput(null, null, "Missing"));
        await Disputes.ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, 20, null), "admin", isAdmin: true);
        using var db = fx.CreateContext();
        db.PointTransactions.Add(new PointTransaction
        {
            TenantId = fx.TenantId,
            UserId = fx.AgentId,
            Type = TransactionType.AdminAward,
            Points = 20,
            Reason = "Twice",
            SourceType = TransactionSource.Dispute,
            SourceId = filed.Id.ToString(CultureInfo.InvariantCulture),
            CreatedAt = PointsFixture.Start,
            LocalDate = new DateOnly(2026, 3, 2),
        });

        Assert.Throws<DbUpdateException>(() => db.SaveChanges());
    }
}

/// <summary>Ten admins accept one dispute at once, each with its own connection on a shared SQLite file or PostgreSQL database.</summary>
public sealed class DisputeConcurrencyTests
{
    [Theory, EachDatabase]
    public async Task Ten_concurrent_accepts_pay_the_dispute_once_and_the_ledger_stays_clean(TestDatabase database)
    {
        using var fx = PointsFixture.Shared(database);
        var disputes = new DisputeService(fx.TenantScoped(), fx.Engine, fx.Clock, NullLogger<DisputeService>.Instance);
        var filed = await disputes.FileAsync(fx.AgentId, new DisputeInput(null, "evt-lost", "Missing"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await new DisputeService(fx.TenantScoped(), fx.Engine, fx.Clock, NullLogger<DisputeService>.Instance)
                    .ResolveAsync(filed.Id, new DisputeResolution(DisputeDecision.Accepted, 40, $"Admin {i}"), $"admin-{i}", isAdmin: true);
                return (DomainErrorKind?)null;
            }
            catch (DomainException ex)
            {
                return ex.Kind;
            }
        })));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Equal(9, outcomes.Count(o => o == DomainErrorKind.Conflict));
        var entry = Assert.Single(fx.Ledger());
        Assert.Equal((40L, TransactionSource.Dispute), (entry.Points, entry.SourceType));
        Assert.Equal((40L, 40L), (fx.Points().CurrentPoints, fx.Points().LifetimePoints));
        var stored = Assert.Single(fx.All<Dispute>());
        Assert.Equal((DisputeStatus.Accepted, (long?)40), (stored.Status, stored.PointsAwarded));
        var check = await fx.Engine.CheckLedgerAsync(fx.TenantId, default);
        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
    }
}
