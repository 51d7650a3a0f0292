using System.Globalization;
using System.Security.Claims;
using System.Text.Json;

using Gamification.Core;
using Gamification.Core.Badges;
using Gamification.Core.Challenges;
using Gamification.Core.Jobs;
using Gamification.Core.Leaderboards;
using Gamification.Core.Points;
using Gamification.Core.Users;
using Gamification.Web.Auth;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>How a ledger entry was computed; for non-activity entries base is the amount and the multipliers are 1.</summary>
public sealed record LedgerBreakdown(int Base, decimal Multiplier, decimal StreakMultiplier, int Bonus, long Uncapped, long Awarded);

/// <summary>A ledger entry as the agent reads it.</summary>
public sealed record TransactionItem(
    long Id,
    TransactionType Type,
    long Points,
    string Reason,
    DateTimeOffset CreatedAt,
    DateTime LocalTime,
    DateOnly LocalDate,
    TransactionSource SourceType,
    string? SourceId,
    LedgerBreakdown Breakdown)
{
    internal static TransactionItem From(TransactionView t) =>
        new(t.Id, t.Type, t.Points, t.Reason, t.CreatedAt, t.LocalTime, t.LocalDate, t.SourceType, t.SourceId,
            new LedgerBreakdown(t.BasePoints, t.Multiplier, t.StreakMultiplier, t.Bonus, t.UncappedPoints, t.Points));
}

public sealed record TransactionPage(IReadOnlyList<TransactionItem> Items, int Page, int PageSize, int TotalCount, int TotalPages);

public sealed record ProfileUser(
    string Id,
    string DisplayName,
    string Email,
    string? ExternalId,
    IReadOnlyList<string> Roles,
    Guid? TenantId,
    string? TenantName,
    long? TeamId,
    string? TeamName);

public sealed record ProfilePoints(long CurrentPoints, long LifetimePoints, int DailyPoints, int DailyCap);

/// <param name="Tier">The level's tier name (Bronze, Silver, Gold, Legend by default).</param>
public sealed record ProfileLevel(int Number, string Tier, long StartsAt, long? NextLevelAt, int ProgressPercent);

public sealed record ProfileStreak(int Current, int Longest);

/// <summary>The caller's gamification profile.</summary>
/// <param name="Rank">The caller's rank on the tenant's main board (its leaderboard reset period; weekly by default), null without points there.</param>
/// <param name="Badges">The badges the caller earned (as GET /badges).</param>
/// <param name="ActiveChallenges">The active challenges with the caller's progress (as GET /challenges).</param>
public sealed record ProfileResponse(
    ProfileUser User,
    ProfilePoints Points,
    ProfileLevel Level,
    ProfileStreak Streak,
    int? Rank,
    IReadOnlyList<EarnedBadge> Badges,
    IReadOnlyList<ChallengeProgressItem> ActiveChallenges);

/// <summary>An admin's award or revocation; the tenant is the admin's.</summary>
public sealed record PointsAdjustmentBody(string? UserId, long? Points, string? Reason);

/// <summary>
/// The caller's points, ledger and profile (any tenant member), and the admin's points tools: award, revoke,
/// the ledger check and the daily jobs' status. The tenant always comes from the caller's identity.
/// </summary>
internal static class PointsApi
{
    private static readonly Dictionary<string, TransactionType> TypeNames =
        Enum.GetValues<TransactionType>().ToDictionary(t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.ToString()), StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapPointsApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/api/v1/gamification").WithTags("Points").RequireAuthorization(Policies.TenantMember);

        member.MapGet("/points", async Task<Results<Ok<PointsSummary>, NotFound>> (
                ClaimsPrincipal user, PointsQueries points, LeaderboardService leaderboards, CancellationToken ct) =>
                await points.GetSummaryAsync(user.GetUserId()!, ct) is { } summary
                    ? TypedResults.Ok(summary with { Rank = await leaderboards.RankOfAsync(user.GetUserId()!, ct) })
                    : TypedResults.NotFound())
            .WithName("GetMyPoints")
            .WithSummary("The caller's balance, lifetime points, today's points against the daily cap, streak, level and progress.");

        member.MapGet("/transactions", async Task<Results<Ok<TransactionPage>, ValidationProblem>> (
                ClaimsPrincipal user,
                PointsQueries points,
                string? type,
                string? from,
                string? to,
                string? page,
                [FromQuery(Name = "page_size")] string? pageSize,
                CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var query = new TransactionQuery(
                    ParseType(type, errors), QueryValues.Day(from, "from", errors), QueryValues.Day(to, "to", errors),
                    QueryValues.Int(page, "page", errors, min: 1) ?? 1, QueryValues.Int(pageSize, "page_size", errors, min: 1) ?? 25);
                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors);
                }
                var result = await points.ListTransactionsAsync(user.GetUserId()!, query, ct);
                return TypedResults.Ok(new TransactionPage(
                    result.Items.Select(TransactionItem.From).ToList(), result.Page, result.PageSize, result.TotalCount, result.TotalPages));
            })
            .WithName("ListMyTransactions")
            .WithSummary("The caller's ledger, newest first, each entry with its breakdown.")
            .WithDescription("Filters: type (activity, badge_reward, challenge_reward, level_up, admin_award, admin_revoke, decay, redemption, "
                + "redemption_refund), from and to (yyyy-MM-dd, tenant-local, inclusive); page (from 1) and page_size (1-200, default 25).");

        member.MapGet("/profile", async Task<Results<Ok<ProfileResponse>, NotFound>> (
                ClaimsPrincipal user, UserDirectory directory, PointsQueries points, BadgeService badges, ChallengeService challenges,
                LeaderboardService leaderboards, CancellationToken ct) =>
            {
                var id = user.GetUserId()!;
                if (await directory.GetProfileAsync(id, ct) is not { } profile || await points.GetSummaryAsync(id, ct) is not { } summary)
                {
                    return TypedResults.NotFound();
                }
                return TypedResults.Ok(new ProfileResponse(
                    new ProfileUser(profile.Id, profile.DisplayName, profile.Email, profile.ExternalId, profile.Roles, profile.TenantId,
                        profile.TenantName, profile.TeamId, profile.TeamName),
                    new ProfilePoints(summary.CurrentPoints, summary.LifetimePoints, summary.DailyPoints, summary.DailyCap),
                    new ProfileLevel(summary.Level, summary.LevelName, summary.LevelStartsAt, summary.NextLevelAt, summary.ProgressPercent),
                    new ProfileStreak(summary.StreakDays, summary.LongestStreak),
                    await leaderboards.RankOfAsync(id, ct),
                    await badges.EarnedAsync(id, ct),
                    (await challenges.ActiveForUserAsync(id, ct)).Select(ChallengeProgressItem.From).ToList()));
            })
            .WithName("GetMyProfile")
            .WithSummary("The caller's profile: who they are, points, level with progress, streak, earned badges and active challenges.");

        var admin = app.MapGroup("/api/v1/gamification").WithTags("Points administration").RequireAuthorization(Policies.Admin);

        admin.MapPost("/points/award", async Task<Results<Ok<PointsChange>, ValidationProblem>> (
                PointsAdjustmentBody body, ClaimsPrincipal user, PointsEngine engine, CancellationToken ct) =>
            {
                if (Missing(body) is { } errors)
                {
                    return TypedResults.ValidationProblem(errors);
                }
                var grant = new PointsGrant(body.UserId!, TransactionType.AdminAward, body.Points!.Value, body.Reason!, CreatedByUserId: user.GetUserId());
                return TypedResults.Ok(await engine.AwardAsync(TenantOf(user), grant, ct));
            })
            .WithName("AwardPoints")
            .WithSummary("Awards points to a person of the tenant with a reason (not capped, no multiplier; can level up).");

        admin.MapPost("/points/revoke", async Task<Results<Ok<PointsChange>, ValidationProblem>> (
                PointsAdjustmentBody body, ClaimsPrincipal user, PointsEngine engine, CancellationToken ct) =>
            {
                if (Missing(body) is { } errors)
                {
                    return TypedResults.ValidationProblem(errors);
                }
                return TypedResults.Ok(await engine.RevokeAsync(TenantOf(user), body.UserId!, body.Points!.Value, body.Reason!, user.GetUserId(), ct));
            })
            .WithName("RevokePoints")
            .WithSummary("Takes points back from a person of the tenant with a reason; lowers current and lifetime points, never below 0.");

        admin.MapGet("/admin/ledger-check", async (ClaimsPrincipal user, PointsEngine engine, CancellationToken ct) =>
                TypedResults.Ok(await engine.CheckLedgerAsync(TenantOf(user), ct)))
            .WithName("CheckLedger")
            .WithSummary("Proves the stored balances of the tenant against the ledger; lists any user whose balances differ.");

        admin.MapGet("/admin/jobs", async (ClaimsPrincipal user, DailyJobs jobs, CancellationToken ct) =>
                TypedResults.Ok(await jobs.StatusAsync(TenantOf(user), ct)))
            .WithName("ListDailyJobs")
            .WithTags("Jobs")
            .WithSummary("The daily jobs (streak expiry, decay) for the tenant: last run, its result, and the next run.");
        return app;
    }

    private static Guid TenantOf(ClaimsPrincipal user) =>
        user.GetTenantId() ?? throw new DomainException(DomainErrorKind.Forbidden, "This needs a member of a tenant.");

    private static Dictionary<string, string[]>? Missing(PointsAdjustmentBody body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.UserId))
        {
            errors["user_id"] = ["user_id is required."];
        }
        if (body.Points is null)
        {
            errors["points"] = ["points is required."];
        }
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            errors["reason"] = ["Give a reason; the agent sees it in their history."];
        }
        return errors.Count > 0 ? errors : null;
    }

    private static TransactionType? ParseType(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (TypeNames.TryGetValue(text.Trim(), out var type))
        {
            return type;
        }
        errors["type"] = [$"Unknown type '{text}'; use one of {string.Join(", ", TypeNames.Keys)}."];
        return null;
    }
}
