using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>A person's record for their supervisors and admins: the person's ledger and achievement log (docs/rules.md, Accountability).</summary>
internal static class PersonRecordApi
{
    public static IEndpointRouteBuilder MapPersonRecordApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/gamification/admin/users/{id}").WithTags("People").RequireAuthorization(Policies.Supervisor);
        staff.MapGet("/transactions", ListPersonTransactions).WithName("ListPersonTransactions").ProducesValidationProblem()
            .WithSummary("A person's ledger, newest first, each entry with its breakdown (supervisors and admins of the person's tenant).")
            .WithDescription("The same items, filters (type, from, to, page, page_size) and paging headers as /transactions. "
                + "A person of another tenant, or none, answers 404.");
        staff.MapGet("/achievements", ListPersonAchievements).WithName("ListPersonAchievements").ProducesValidationProblem()
            .WithSummary("A person's achievement log, newest first: level-ups, streak milestones, badges, challenges, redemptions.")
            .WithDescription("Filters: kind (level_up, streak_milestone, badge_earned, challenge_completed, reward_redeemed), from and to "
                + "(yyyy-MM-dd, tenant-local, inclusive); page (from 1) and page_size (1-200, default 25); totals in X-Total-Count, "
                + "X-Total-Pages and Link.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<TransactionItem>>, NotFound>> ListPersonTransactions(
        HttpContext http,
        string id,
        PersonRecord record,
        string? type,
        string? from,
        string? to,
        string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken ct) =>
        await record.TransactionsAsync(id, PointsApi.TransactionQueryOf(type, from, to, page, pageSize), ct) is { } result
            ? TypedResults.Ok<IReadOnlyList<TransactionItem>>(PointsApi.Paged(http, result).Select(TransactionItem.From).ToList())
            : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<AchievementView>>, NotFound>> ListPersonAchievements(
        HttpContext http,
        string id,
        PersonRecord record,
        string? kind,
        string? from,
        string? to,
        string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        AchievementKind? parsed = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (SnakeCaseNames.TryParse<AchievementKind>(kind, out var k, ignoreCase: false))
            {
                parsed = k;
            }
            else
            {
                errors["kind"] = [$"Unknown kind '{kind}'; use one of {SnakeCaseNames.Known<AchievementKind>()}."];
            }
        }
        var query = new AchievementQuery(parsed, QueryValues.Day(from, "from", errors), QueryValues.Day(to, "to", errors),
            QueryValues.Int(page, "page", errors, min: 1) ?? 1, QueryValues.Int(pageSize, "page_size", errors, min: 1) ?? 25);
        DomainException.ThrowIfInvalid(errors);
        return await record.AchievementsAsync(id, query, ct) is { } result
            ? TypedResults.Ok(PointsApi.Paged(http, result))
            : TypedResults.NotFound();
    }
}
