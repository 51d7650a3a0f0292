using System.Text.Json.Serialization;

using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>
/// A reward in the caller's shop, as the API writes it: the reward's fields flat, with <c>cost</c> (the guide's name,
/// the same as <c>points_cost</c>), what stands between the caller and it, and whether it is trending (among the
/// tenant's most redeemed of the last 14 local days, with that count).
/// </summary>
/// <remarks>Not <see cref="ShopItem"/>: the API writes the reward's fields flat, with cost beside points_cost.</remarks>
public sealed record ShopItemResponse(
    long Id,
    string Name,
    string Description,
    string? ImageUrl,
    RewardCategory Category,
    int PointsCost,
    int Cost,
    int Stock,
    bool Featured,
    bool RequiresApproval,
    int CodeValidityDays,
    int? PerAgentLimit,
    RewardLimitPeriod LimitPeriod,
    bool Affordable,
    long PointsShort,
    bool InStock,
    int? RemainingForAgent,
    bool CanRedeem,
    string? Blocker,
    bool Trending,
    // Named here: the snake_case policy would not put an underscore between "last" and "14".
    [property: JsonPropertyName("redemptions_last_14_days")] int RedemptionsLast14Days)
{
    internal static ShopItemResponse From(ShopItem item)
    {
        var r = item.Reward;
        return new(r.Id, r.Name, r.Description, r.ImageUrl, r.Category, r.PointsCost, r.PointsCost, r.Stock, r.Featured, r.RequiresApproval,
            r.CodeValidityDays, r.PerAgentLimit, r.LimitPeriod, item.Affordable, item.PointsShort, item.InStock, item.RemainingForAgent,
            item.CanRedeem, item.Blocker, item.Trending, item.RedemptionsLast14Days);
    }
}

/// <summary>An agent's redemption; <c>quantity</c> is 1 when omitted.</summary>
public sealed record RedeemBody(long? RewardId, int? Quantity);

/// <summary>An admin's rejection of a redemption; the agent sees the reason.</summary>
public sealed record RejectionBody(string? Reason);

/// <summary>An admin's decision on several redemptions at once; <c>reason</c> only for rejections.</summary>
public sealed record BulkDecisionBody(IReadOnlyList<long>? Ids, string? Reason);

/// <summary>The outcome of a bulk decision: each id succeeded or failed on its own, in the order sent (repeated ids once).</summary>
/// <remarks>No Core twin: the counts are the API's summary of the outcomes.</remarks>
public sealed record BulkDecisionResponse(int SucceededCount, int FailedCount, IReadOnlyList<BulkOutcome> Results);

/// <summary>An admin's stock adjustment: a number of items to add (or, negative, take away) and why.</summary>
public sealed record StockChangeBody(int? Change, string? Reason);

/// <summary>
/// The rewards shop: the caller's shop, redemptions and history (any tenant member), and the admin's catalog editor,
/// stock adjustments and approval queue. The tenant always comes from the caller's identity: a reward or redemption
/// id of another tenant answers 404.
/// </summary>
internal static class RewardsApi
{
    private const string Base = "/api/v1/gamification";

    /// <summary>The most redemptions one bulk decision takes (the queue shows at most 500).</summary>
    public const int MaxBulkIds = 500;

    private const string RewardBodyDescription =
        "Body: {name, description, image_url, category: discount|digital|experience|physical, points_cost, stock (-1 unlimited), featured, "
        + "requires_approval, code_validity_days (1-365), redemption_details (a template with {code}, or a link), per_agent_limit?, "
        + "limit_period: ever|month|week}. Each wrong field answers 400 with errors per field; nothing is stored.";

    public static IEndpointRouteBuilder MapRewardsApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup(Base).WithTags("Rewards").RequireAuthorization(Policies.TenantMember);
        member.MapGet("/rewards", ListShopRewards).WithName("ListShopRewards").ProducesValidationProblem()
            .WithSummary("The tenant's active rewards as a list (the guide's id, name, cost and more), featured first then by cost, each with whether the caller can redeem it; the balance is on /points.")
            .WithDescription("Filters, both optional: category (discount, digital, experience, physical) and featured (true or false). "
                + "Each item says affordable, points_short, in_stock, remaining_for_agent, can_redeem and, when not, the blocker in words; "
                + "trending marks at most 3 rewards, the most redeemed in the last 14 tenant-local days (redemptions_last_14_days: rejected ones "
                + "not counted; equal counts go to the one redeemed last), whatever the filters.");
        member.MapPost("/redeem", RedeemReward).WithName("RedeemReward").ProducesValidationProblem()
            .WithSummary("Spends the caller's current points on a reward (lifetime points, level and leaderboards stay). Without approval the code comes back at once; otherwise status pending.")
            .WithDescription("Body: {reward_id, quantity (1-20, default 1)}. Not enough points, a bad quantity or over the per-agent limit: 400; "
                + "unknown reward: 404; inactive or out of stock: 409. Nothing changes when refused.");
        member.MapGet("/redemptions", ListMyRedemptions).WithName("ListMyRedemptions")
            .WithSummary("The caller's redemptions, newest first, with their codes, details and expiry once issued.");
        member.MapPost("/redemptions/{id:long}/complete", CompleteMyRedemption).WithName("CompleteMyRedemption")
            .WithSummary("The caller confirms they received an approved reward.")
            .WithDescription("Another person's redemption: 404; not approved, already completed or expired: 409.");

        var admin = app.MapGroup($"{Base}/admin").WithTags("Rewards administration").RequireAuthorization(Policies.Admin);
        admin.MapGet("/redemptions", ListRedemptions).WithName("ListRedemptions").ProducesValidationProblem()
            .WithSummary("The tenant's redemptions with a status (pending by default, oldest first; others newest first; at most 500).")
            .WithDescription("status: pending, approved, rejected, completed, expired or all.");
        admin.MapPost("/redemptions/{id:long}/approve", ApproveRedemption).WithName("ApproveRedemption")
            .WithSummary("Approves a pending redemption: a unique code is issued, valid for the reward's days, and the agent is told.")
            .WithDescription("Unknown redemption: 404; no longer pending: 409.");
        admin.MapPost("/redemptions/{id:long}/reject", RejectRedemption).WithName("RejectRedemption")
            .WithSummary("Rejects a pending redemption with a reason: the points come back, the stock is restored and the agent is told.")
            .WithDescription("Body: {reason}. Missing reason: 400; unknown redemption: 404; no longer pending: 409.");
        admin.MapPost("/redemptions/approve", ApproveRedemptions).WithName("ApproveRedemptions").ProducesValidationProblem()
            .WithSummary("Approves several pending redemptions; each succeeds or fails on its own.")
            .WithDescription($"Body: {{ids: [...]}} (1 to {MaxBulkIds}). Answers {{succeeded_count, failed_count, results: [{{redemption_id, succeeded, error, redemption}}]}}.");
        admin.MapPost("/redemptions/reject", RejectRedemptions).WithName("RejectRedemptions").ProducesValidationProblem()
            .WithSummary("Rejects several pending redemptions with one reason (points refunded, stock restored); each succeeds or fails on its own.")
            .WithDescription($"Body: {{ids: [...], reason}} (1 to {MaxBulkIds} ids). Answers as the bulk approval.");
        admin.MapGet("/rewards", ListRewards).WithName("ListRewards").ProducesValidationProblem()
            .WithSummary("The tenant's reward catalog, inactive ones too (unless include_inactive=false), each with its pending redemptions.");
        admin.MapGet("/rewards/{id:long}", GetReward).WithName("GetReward").WithSummary("One reward of the tenant's catalog.");
        admin.MapPost("/rewards", CreateReward).WithName("CreateReward").WithDescription(RewardBodyDescription)
            .WithSummary("Adds a reward to the tenant's catalog; name, category and points_cost are required.");
        admin.MapPut("/rewards/{id:long}", UpdateReward).WithName("UpdateReward").WithDescription(RewardBodyDescription)
            .WithSummary("Edits a reward; a field left out keeps its value (send stock only to set it; a different stock is recorded).");
        admin.MapPost("/rewards/{id:long}/deactivate", DeactivateReward).WithName("DeactivateReward")
            .WithSummary("Takes a reward out of the shop; pending and issued redemptions stay.");
        admin.MapPost("/rewards/{id:long}/activate", ActivateReward).WithName("ActivateReward").WithSummary("Puts a deactivated reward back in the shop.");
        admin.MapPost("/rewards/{id:long}/stock", AdjustRewardStock).WithName("AdjustRewardStock").ProducesValidationProblem()
            .WithSummary("Adds to (or, negative, takes from) a limited reward's stock with a reason; recorded in its stock history.")
            .WithDescription("Body: {change, reason}. Zero, an unlimited reward, a stock below 0 or no reason: 400; unknown reward: 404.");
        admin.MapGet("/rewards/{id:long}/stock-history", GetRewardStockHistory).WithName("GetRewardStockHistory")
            .WithSummary("A reward's recorded stock changes (creation, editor, adjustments), newest first.");
        return app;
    }

    /// <summary>The guide's list of rewards (each with <c>id</c>, <c>name</c>, <c>cost</c>); the balance is on <c>/points</c>.</summary>
    public static async Task<Ok<IReadOnlyList<ShopItemResponse>>> ListShopRewards(
        ClaimsPrincipal user, RewardService rewards, string? category, string? featured, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filterCategory = SnakeCaseNames.ParseQuery<RewardCategory>(category, "category", errors);
        var filterFeatured = QueryValues.OptionalBool(featured, "featured", errors);
        DomainException.ThrowIfInvalid(errors);
        var shop = await rewards.ShopAsync(user.GetUserId()!, filterCategory, filterFeatured, ct);
        return TypedResults.Ok<IReadOnlyList<ShopItemResponse>>(shop.Items.Select(ShopItemResponse.From).ToList());
    }

    public static async Task<Ok<RedeemResult>> RedeemReward(RedeemBody body, ClaimsPrincipal user, RewardService rewards, CancellationToken ct)
    {
        if (body.RewardId is not { } rewardId)
        {
            throw DomainException.Invalid(new Dictionary<string, string[]> { ["reward_id"] = ["reward_id is required."] });
        }
        return TypedResults.Ok(await rewards.RedeemAsync(user.GetUserId()!, rewardId, body.Quantity ?? 1, ct));
    }

    public static async Task<Ok<IReadOnlyList<RedemptionView>>> ListMyRedemptions(ClaimsPrincipal user, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.HistoryAsync(user.GetUserId()!, ct));

    public static async Task<Ok<RedemptionView>> CompleteMyRedemption(long id, ClaimsPrincipal user, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.CompleteAsync(user.GetUserId()!, id, ct));

    public static async Task<Ok<IReadOnlyList<RedemptionView>>> ListRedemptions(RewardService rewards, string? status, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = ParseStatus(status, errors);
        DomainException.ThrowIfInvalid(errors);
        return TypedResults.Ok(await rewards.QueueAsync(filter, ct));
    }

    public static async Task<Ok<RedemptionView>> ApproveRedemption(long id, ClaimsPrincipal user, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.ApproveAsync(id, user.GetUserId(), ct));

    public static async Task<Ok<RedemptionView>> RejectRedemption(
        long id, [FromBody] RejectionBody? body, ClaimsPrincipal user, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.RejectAsync(id, body?.Reason ?? "", user.GetUserId(), ct));

    public static async Task<Ok<BulkDecisionResponse>> ApproveRedemptions(
        BulkDecisionBody body, ClaimsPrincipal user, RewardService rewards, CancellationToken ct)
    {
        DomainException.ThrowIfInvalid(CheckIds(body));
        return TypedResults.Ok(Bulk(await rewards.ApproveManyAsync(body.Ids!, user.GetUserId(), ct)));
    }

    public static async Task<Ok<BulkDecisionResponse>> RejectRedemptions(
        BulkDecisionBody body, ClaimsPrincipal user, RewardService rewards, CancellationToken ct)
    {
        var errors = CheckIds(body);
        if (Reasons.IsMissing(body.Reason))
        {
            errors["reason"] = [Reasons.For("rejection")];
        }
        DomainException.ThrowIfInvalid(errors);
        return TypedResults.Ok(Bulk(await rewards.RejectManyAsync(body.Ids!, body.Reason!, user.GetUserId(), ct)));
    }

    public static async Task<Ok<IReadOnlyList<RewardView>>> ListRewards(
        RewardService rewards, [FromQuery(Name = "include_inactive")] string? includeInactive, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var include = QueryValues.Bool(includeInactive, "include_inactive", true, errors);
        DomainException.ThrowIfInvalid(errors);
        return TypedResults.Ok(await rewards.ListAsync(include, ct));
    }

    public static async Task<Ok<RewardView>> GetReward(long id, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.GetAsync(id, ct));

    public static async Task<Created<RewardView>> CreateReward(JsonElement body, ClaimsPrincipal user, RewardService rewards, CancellationToken ct)
    {
        var created = await rewards.CreateAsync(ReadReward(body, null), user.GetUserId(), ct);
        return TypedResults.Created($"{Base}/admin/rewards/{created.Id}", created);
    }

    public static async Task<Ok<RewardView>> UpdateReward(long id, JsonElement body, ClaimsPrincipal user, RewardService rewards, CancellationToken ct)
    {
        var current = await rewards.GetAsync(id, ct);
        return TypedResults.Ok(await rewards.UpdateAsync(id, ReadReward(body, current), user.GetUserId(), ct: ct));
    }

    public static async Task<Ok<RewardView>> DeactivateReward(long id, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.SetActiveAsync(id, false, ct));

    public static async Task<Ok<RewardView>> ActivateReward(long id, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.SetActiveAsync(id, true, ct));

    public static async Task<Ok<RewardView>> AdjustRewardStock(
        long id, StockChangeBody body, ClaimsPrincipal user, RewardService rewards, CancellationToken ct)
    {
        if (body.Change is not { } change)
        {
            var errors = new Dictionary<string, string[]> { ["change"] = ["change is required: the number of items to add, or negative to take away."] };
            if (Reasons.IsMissing(body.Reason))
            {
                errors["reason"] = [Reasons.For("stock adjustment")];
            }
            throw DomainException.Invalid(errors);
        }
        return TypedResults.Ok(await rewards.AdjustStockAsync(id, change, body.Reason ?? "", user.GetUserId(), ct));
    }

    public static async Task<Ok<IReadOnlyList<StockAdjustmentView>>> GetRewardStockHistory(long id, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.StockHistoryAsync(id, ct));

    private static BulkDecisionResponse Bulk(IReadOnlyList<BulkOutcome> outcomes)
    {
        var succeeded = outcomes.Count(o => o.Succeeded);
        return new BulkDecisionResponse(succeeded, outcomes.Count - succeeded, outcomes);
    }

    /// <summary>The errors of a bulk decision's ids (none when they are fine).</summary>
    private static Dictionary<string, string[]> CheckIds(BulkDecisionBody body)
    {
        if (body.Ids is not { Count: > 0 } ids)
        {
            return new() { ["ids"] = ["Send the ids of the redemptions to decide, such as {\"ids\": [12, 13]}."] };
        }
        if (ids.Count > MaxBulkIds)
        {
            return new() { ["ids"] = [$"At most {MaxBulkIds} redemptions at once."] };
        }
        return [];
    }

    /// <summary>The queue's status filter: pending when absent, null for all.</summary>
    private static RedemptionStatus? ParseStatus(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return RedemptionStatus.Pending;
        }
        if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (SnakeCaseNames.TryParse<RedemptionStatus>(text, out var status))
        {
            return status;
        }
        errors["status"] = [$"Unknown status '{text}'; use one of {SnakeCaseNames.Known<RedemptionStatus>()}, all."];
        return null;
    }

    /// <summary>
    /// Reads a reward body field by field, so a wrong type or an unknown category or period is reported against its
    /// field together with the rules' own checks. On create a field left out takes its default (name, category and
    /// points_cost are required); on update (<paramref name="current"/>) it keeps its value, and an explicit null clears
    /// an optional field (per_agent_limit, image_url).
    /// </summary>
    private static RewardInput ReadReward(JsonElement body, RewardView? current)
    {
        var fields = new RequestFields(body, "{\"name\": \"Coffee voucher\", \"category\": \"digital\", \"points_cost\": 250, ...}");
        bool Sent(string name) => fields.Sent(name);

        var name = fields.String("name") ?? current?.Name;
        var description = Sent("description") ? fields.String("description") : current?.Description;
        var imageUrl = Sent("image_url") ? fields.String("image_url") : current?.ImageUrl;
        var category = fields.Enum<RewardCategory>("category") ?? current?.Category;
        var pointsCost = fields.Int("points_cost") ?? current?.PointsCost;
        var stock = fields.Int("stock") ?? current?.Stock ?? -1;
        var featured = fields.Bool("featured") ?? current?.Featured ?? false;
        var requiresApproval = fields.Bool("requires_approval") ?? current?.RequiresApproval ?? false;
        var codeValidityDays = fields.Int("code_validity_days") ?? current?.CodeValidityDays ?? 30;
        var redemptionDetails = Sent("redemption_details") ? fields.String("redemption_details") : current?.RedemptionDetails;
        var perAgentLimit = Sent("per_agent_limit") ? fields.Int("per_agent_limit") : current?.PerAgentLimit;
        var limitPeriod = fields.Enum<RewardLimitPeriod>("limit_period") ?? current?.LimitPeriod ?? RewardLimitPeriod.Ever;

        var errors = fields.Errors;
        if (errors.ContainsKey("body"))
        {
            fields.ThrowIfInvalid("The reward was not saved: send a JSON object.");
        }
        if (name is null && !errors.ContainsKey("name"))
        {
            errors["name"] = ["Give the reward a name."];
        }
        if (category is null && !errors.ContainsKey("category"))
        {
            errors["category"] = [$"category is required: one of {SnakeCaseNames.Known<RewardCategory>()}."];
        }
        if (pointsCost is null && !errors.ContainsKey("points_cost"))
        {
            errors["points_cost"] = ["points_cost is required: how many points one costs."];
        }
        var input = new RewardInput(name ?? "", description, imageUrl, category ?? RewardCategory.Discount, pointsCost ?? 1, stock, featured,
            requiresApproval, codeValidityDays, redemptionDetails, perAgentLimit, limitPeriod);
        if (errors.Count == 0)
        {
            return input;
        }
        // Report the rules' findings on the other fields too, so every wrong field is marked at once.
        try
        {
            RewardRules.Validate(input);
        }
        catch (DomainException rules) when (rules.Errors is not null)
        {
            foreach (var (field, messages) in rules.Errors)
            {
                errors.TryAdd(field, messages);
            }
        }
        throw DomainException.Invalid(errors, "The reward was not saved: fix the fields marked.");
    }
}
