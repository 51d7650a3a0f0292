using Bunit;

using Gamification.Web;
using Gamification.Web.Components.Pages.Admin;
using Gamification.Web.Components.Shared;

using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The approval queue over a real SQLite database, the real reward service and the points engine: pending requests
/// oldest first with who, what and how long ago; approving shows the issued code and takes the request out of the
/// pending view; rejecting needs a reason and refunds; bulk decisions report each failure; new requests appear live.
/// </summary>
public sealed class RedemptionQueueTests : PageTestContext
{
    /// <summary>The pages' texts, in the test's culture.</summary>
    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public async Task The_queue_lists_pending_requests_oldest_first_with_agent_cost_and_age()
    {
        var lunch = await SeedRewardAsync("Team lunch", 500, RewardCategory.Experience, stock: 5, requiresApproval: true);
        var instant = await SeedRewardAsync("Streaming month", 300);
        await GivePointsAsync(AgentId, 3000);
        await GivePointsAsync(SecondAgentId, 3000);
        var first = await RedeemAsync(SecondAgentId, lunch.Id, quantity: 2);
        Clock.Advance(TimeSpan.FromHours(3));
        var second = await RedeemAsync(AgentId, lunch.Id);
        await RedeemAsync(AgentId, instant.Id);
        Clock.Advance(TimeSpan.FromMinutes(5));
        RenderProviders();

        var page = Render<RedemptionQueue>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=\"queue-row-\"]").Count));
        var rows = page.FindAll("[data-testid^=\"queue-row-\"]");
        Assert.Equal($"queue-row-{first.RedemptionId}", rows[0].GetAttribute("data-testid"));
        Assert.Equal("pending", rows[0].GetAttribute("data-status"));
        Assert.Contains("Blair Agent", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Team lunch", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2", rows[0].QuerySelector(".queue-quantity")!.TextContent.Trim());
        Assert.Contains("1,000 pts", rows[0].QuerySelector(".queue-cost")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("3 h ago", rows[0].QuerySelector(".queue-age")!.TextContent.Trim());
        Assert.Equal($"queue-row-{second.RedemptionId}", rows[1].GetAttribute("data-testid"));
        Assert.Contains("Alex Agent", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("5 min ago", rows[1].QuerySelector(".queue-age")!.TextContent.Trim());
        Assert.NotEmpty(page.FindAll($"[data-testid=\"approve-{second.RedemptionId}\"]"));
        Assert.NotEmpty(page.FindAll($"[data-testid=\"reject-{second.RedemptionId}\"]"));
        Assert.Contains("2 pending", page.Find("#queue-count").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_shows_the_issued_code_in_the_row_and_takes_it_out_of_the_pending_view()
    {
        var lunch = await SeedRewardAsync("Team lunch", 500, stock: 5, requiresApproval: true);
        await GivePointsAsync(AgentId, 2000);
        var redemption = await RedeemAsync(AgentId, lunch.Id);
        RenderProviders();
        var page = Render<RedemptionQueue>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid^=\"queue-row-\"]")));

        page.Find($"[data-testid=\"approve-{redemption.RedemptionId}\"]").Click();

        var row = $"[data-testid=\"queue-row-{redemption.RedemptionId}\"]";
        page.WaitForAssertion(() => Assert.Equal("approved", page.Find(row).GetAttribute("data-status")));
        var code = page.Find($"[data-testid=\"code-{redemption.RedemptionId}\"]").TextContent.Trim();
        Assert.Matches("^RWD-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$", code);
        Assert.Contains($"Use {code} at the desk", page.Find(row).TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll($"[data-testid=\"approve-{redemption.RedemptionId}\"]"));
        Assert.Contains("0 pending", page.Find("#queue-count").TextContent, StringComparison.Ordinal);
        var stored = Db(db => db.UserRedemptions.IgnoreQueryFilters().Single(r => r.Id == redemption.RedemptionId));
        Assert.Equal((RedemptionStatus.Approved, code, AdminId), (stored.Status, stored.RedemptionCode, stored.DecidedByUserId));

        // Opened again, the pending view no longer has it.
        var again = Render<RedemptionQueue>();
        again.WaitForAssertion(() => Assert.Contains("Nothing waits for approval", again.Find("#queue-empty").TextContent, StringComparison.Ordinal));
        Assert.Empty(again.FindAll("[data-testid^=\"queue-row-\"]"));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_then_refunds_the_points_and_restores_the_stock()
    {
        var lunch = await SeedRewardAsync("Team lunch", 500, stock: 5, requiresApproval: true);
        await GivePointsAsync(AgentId, 2000);
        var before = CurrentPoints(AgentId);
        var redemption = await RedeemAsync(AgentId, lunch.Id);
        Assert.Equal(before - 500, CurrentPoints(AgentId));
        var providers = RenderProviders();
        var page = Render<RedemptionQueue>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid^=\"queue-row-\"]")));

        page.Find($"[data-testid=\"reject-{redemption.RedemptionId}\"]").Click();
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("[data-testid=\"reject-reason\"]")));
        Assert.Contains("500 points back", providers.Find("#reject-dialog").TextContent, StringComparison.Ordinal);
        providers.Find("[data-testid=\"confirm-reject\"]").Click();

        providers.WaitForAssertion(() => Assert.Contains("Give a reason", FieldError(providers, "[data-testid=\"reject-reason\"]"), StringComparison.Ordinal));
        Assert.Equal(RedemptionStatus.Pending, Db(db => db.UserRedemptions.IgnoreQueryFilters().Single(r => r.Id == redemption.RedemptionId).Status));

        providers.Find("[data-testid=\"reject-reason\"]").Input("Out of stock at the supplier");
        providers.Find("[data-testid=\"confirm-reject\"]").Click();

        var row = $"[data-testid=\"queue-row-{redemption.RedemptionId}\"]";
        page.WaitForAssertion(() => Assert.Equal("rejected", page.Find(row).GetAttribute("data-status")));
        Assert.Contains("Out of stock at the supplier", page.Find($"[data-testid=\"reason-{redemption.RedemptionId}\"]").TextContent, StringComparison.Ordinal);
        Assert.Empty(providers.FindAll("#reject-dialog"));
        Assert.Equal(before, CurrentPoints(AgentId));
        Assert.Equal(5, Db(db => db.RewardItems.IgnoreQueryFilters().Single(r => r.Id == lunch.Id).Stock));
    }

    [Fact]
    public async Task Bulk_approval_approves_the_selected_and_reports_each_one_that_was_decided_meanwhile()
    {
        var lunch = await SeedRewardAsync("Team lunch", 500, stock: 5, requiresApproval: true);
        await GivePointsAsync(AgentId, 2000);
        await GivePointsAsync(SecondAgentId, 2000);
        var alex = await RedeemAsync(AgentId, lunch.Id);
        var blair = await RedeemAsync(SecondAgentId, lunch.Id);
        var providers = RenderProviders();
        var page = Render<RedemptionQueue>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=\"queue-row-\"]").Count));

        // Decided elsewhere while this page still shows it as pending (straight in the database: no live update).
        Db(db => db.UserRedemptions.IgnoreQueryFilters().Where(r => r.Id == blair.RedemptionId)
            .ExecuteUpdate(u => u.SetProperty(r => r.Status, RedemptionStatus.Approved).SetProperty(r => r.RedemptionCode, "RWD-00000-00000-00000")));
        page.Find("#select-all").Change(true);
        page.WaitForAssertion(() => Assert.Contains("(2)", page.Find("#approve-selected").TextContent, StringComparison.Ordinal));
        page.Find("#approve-selected").Click();
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll(".mud-dialog button")));
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Approve").Click();

        page.WaitForAssertion(() => Assert.Contains("1 of 2 approved", page.Find("#queue-bulk-result").TextContent, StringComparison.Ordinal));
        Assert.Contains("Blair Agent, Team lunch: This redemption is approved, not pending.",
            page.Find($"[data-testid=\"bulk-failure-{blair.RedemptionId}\"]").TextContent, StringComparison.Ordinal);
        Assert.Equal("approved", page.Find($"[data-testid=\"queue-row-{alex.RedemptionId}\"]").GetAttribute("data-status"));
        Assert.StartsWith("RWD-", page.Find($"[data-testid=\"code-{alex.RedemptionId}\"]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("RWD-00000-00000-00000", Db(db => db.UserRedemptions.IgnoreQueryFilters().Single(r => r.Id == blair.RedemptionId).RedemptionCode));
    }

    [Fact]
    public async Task Bulk_rejection_asks_for_one_reason_and_refunds_every_selected_request()
    {
        var lunch = await SeedRewardAsync("Team lunch", 500, stock: 5, requiresApproval: true);
        await GivePointsAsync(AgentId, 2000);
        await GivePointsAsync(SecondAgentId, 2000);
        var before = (CurrentPoints(AgentId), CurrentPoints(SecondAgentId));
        var alex = await RedeemAsync(AgentId, lunch.Id);
        var blair = await RedeemAsync(SecondAgentId, lunch.Id);
        var providers = RenderProviders();
        var page = Render<RedemptionQueue>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=\"queue-row-\"]").Count));

        page.Find($"[data-testid=\"select-{alex.RedemptionId}\"]").Change(true);
        page.Find($"[data-testid=\"select-{blair.RedemptionId}\"]").Change(true);
        page.Find("#reject-selected").Click();
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("[data-testid=\"reject-reason\"]")));
        providers.Find("[data-testid=\"reject-reason\"]").Input("The restaurant closed");
        providers.Find("[data-testid=\"confirm-reject\"]").Click();

        page.WaitForAssertion(() => Assert.Contains("2 requests rejected", page.Find("#queue-bulk-result").TextContent, StringComparison.Ordinal));
        Assert.All(page.FindAll("[data-testid^=\"queue-row-\"]"), r => Assert.Equal("rejected", r.GetAttribute("data-status")));
        Assert.Equal(before, (CurrentPoints(AgentId), CurrentPoints(SecondAgentId)));
    }

    [Fact]
    public async Task A_new_request_appears_without_reloading_and_the_status_filter_shows_decided_ones()
    {
        var lunch = await SeedRewardAsync("Team lunch", 500, stock: 5, requiresApproval: true);
        var instant = await SeedRewardAsync("Streaming month", 300);
        await GivePointsAsync(AgentId, 2000);
        var providers = RenderProviders();
        var page = Render<RedemptionQueue>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#queue-empty")));
        Assert.NotEmpty(page.FindAll("#queue-live"));

        var redemption = await RedeemAsync(AgentId, lunch.Id);

        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid=\"queue-row-{redemption.RedemptionId}\"]")), TimeSpan.FromSeconds(10));

        var issued = await RedeemAsync(AgentId, instant.Id);
        Choose(page, "#queue-status", "Approved");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid^=\"queue-row-\"]")));
        Assert.Equal("approved", page.Find($"[data-testid=\"queue-row-{issued.RedemptionId}\"]").GetAttribute("data-status"));
        Assert.Equal(issued.RedemptionCode, page.Find($"[data-testid=\"code-{issued.RedemptionId}\"]").TextContent.Trim());

        Choose(page, "#queue-status", "All");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=\"queue-row-\"]").Count));
    }

    [Theory]
    [InlineData(TransactionType.Activity, 30, "Perfect call (5★)", 30, false)]
    [InlineData(TransactionType.AdminAward, 100, "Refund of a dropped call", 100, false)]
    [InlineData(TransactionType.Redemption, -500, "Redeemed Team lunch", -500, true)]
    [InlineData(TransactionType.RedemptionRefund, 500, "Refund: Team lunch was not approved (budget)", 500, true)]
    [InlineData(TransactionType.AdminRevoke, -50, "Duplicate event", -50, true)]
    [InlineData(null, 0, null, 0, true)]
    public void The_queue_reloads_for_spending_refunds_and_approvals_by_the_entry_type_not_the_words(
        TransactionType? type, long points, string? reason, long delta, bool reloads)
    {
        // The approval (no entry, no points) is told by a message only.
        var notification = new PointsNotification(TenantId, AgentId, 1000, 1000, 0, 500, 0, 1, null, delta,
            reason is null ? "Team lunch was approved: your code is ready" : $"{reason}: {points}", null, type, points, reason);

        Assert.Equal(reloads, RedemptionQueue.ConcernsQueue(notification));
    }

    [Fact]
    public void Ages_read_in_a_few_characters()
    {
        var now = Now;
        Assert.Equal("just now", UiText.Ago(L, now.AddSeconds(-20), now));
        Assert.Equal("12 min ago", UiText.Ago(L, now.AddMinutes(-12), now));
        Assert.Equal("3 h ago", UiText.Ago(L, now.AddHours(-3).AddMinutes(-40), now));
        Assert.Equal("47 h ago", UiText.Ago(L, now.AddHours(-47), now));
        Assert.Equal("4 d ago", UiText.Ago(L, now.AddDays(-4), now));
    }
}
