using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>How a ledger entry was computed; for non-activity entries base is the amount and the multipliers are 1.</summary>
public sealed record LedgerBreakdown(int Base, decimal Multiplier, decimal StreakMultiplier, int Bonus, long Uncapped, long Awarded);

/// <summary>A ledger entry as the agent reads it.</summary>
/// <remarks>Not <see cref="TransactionView"/>: the API groups the computation under "breakdown" (<see cref="LedgerBreakdown"/>).</remarks>
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
    /// <summary>What the points were for, under the guide's name: the entry's recorded reason.</summary>
    public string Action => Reason;

    /// <summary>When, under the guide's name (the same as <see cref="CreatedAt"/>).</summary>
    public DateTimeOffset Timestamp => CreatedAt;

    internal static TransactionItem From(TransactionView t) =>
        new(t.Id, t.Type, t.Points, t.Reason, t.CreatedAt, t.LocalTime, t.LocalDate, t.SourceType, t.SourceId,
            new LedgerBreakdown(t.BasePoints, t.Multiplier, t.StreakMultiplier, t.Bonus, t.UncappedPoints, t.Points));
}

/// <summary>The caller's gamification profile (<see cref="GamificationProfile"/>).</summary>
/// <remarks>The Core record with the guide's user_points, current_level and leaderboard_rank added.</remarks>
public sealed record ProfileResponse(
    ProfileUser User,
    ProfilePoints Points,
    ProfileLevel Level,
    ProfileStreak Streak,
    int? Rank,
    IReadOnlyList<EarnedBadge> Badges,
    IReadOnlyList<ChallengeProgressView> ActiveChallenges)
{
    /// <summary>The guide's <c>user_points</c>: the balances and the streak in one object.</summary>
    public GuideUserPoints UserPoints => new(Points.CurrentPoints, Points.DailyPoints, Streak.Current, Points.LifetimePoints, Points.DailyCap);

    /// <summary>The guide's <c>current_level</c>.</summary>
    public GuideCurrentLevel CurrentLevel => new(Level.Number, Level.Tier, Level.StartsAt, Level.NextLevelAt, Level.ProgressPercent);

    /// <summary>The guide's <c>leaderboard_rank</c>: the rank on the tenant's main board (null without points there).</summary>
    public GuideLeaderboardRank LeaderboardRank => new(Rank);

    internal static ProfileResponse From(GamificationProfile p) =>
        new(p.User, p.Points, p.Level, p.Streak, p.Rank, p.Badges, p.ActiveChallenges);
}

/// <summary>The profile's <c>user_points</c> as the guide names it.</summary>
public sealed record GuideUserPoints(long CurrentPoints, int DailyPoints, int StreakDays, long LifetimePoints, int DailyCap);

/// <summary>The profile's <c>current_level</c> as the guide names it.</summary>
public sealed record GuideCurrentLevel(int Level, string Name, long StartsAt, long? NextLevelAt, int ProgressPercent);

/// <summary>The profile's <c>leaderboard_rank</c> as the guide names it.</summary>
public sealed record GuideLeaderboardRank(int? Rank);

/// <summary>An admin's award or revocation; the tenant is the admin's.</summary>
/// <param name="ActionType">The guide's name for what the points are for ("conversion"): the recorded reason when <c>reason</c> is absent.</param>
public sealed record PointsAdjustmentBody(string? UserId, long? Points, string? Reason, string? ActionType = null)
{
    /// <summary>The reason to record: <c>reason</c>, else the guide's <c>action_type</c>.</summary>
    public string? ReasonOrAction => Reasons.IsMissing(Reason) ? ActionType : Reason;
}

/// <summary>
/// The caller's points, ledger and profile (any tenant member), and the admin's points tools: award, revoke,
/// the ledger check and the daily jobs' status. The tenant always comes from the caller's identity.
/// </summary>
internal static class PointsApi
{
    public static IEndpointRouteBuilder MapPointsApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/api/v1/gamification").WithTags("Points").RequireAuthorization(Policies.TenantMember);
        member.MapGet("/points", GetMyPoints).WithName("GetMyPoints")
            .WithSummary("The caller's balance, lifetime points, today's points against the daily cap, streak, level and progress.");
        member.MapGet("/transactions", ListMyTransactions).WithName("ListMyTransactions").ProducesValidationProblem()
            .WithSummary("The caller's ledger, newest first, each entry with its breakdown.")
            .WithDescription("Filters: type (activity, badge_reward, challenge_reward, level_up, admin_award, admin_revoke, decay, redemption, "
                + "redemption_refund), from and to (yyyy-MM-dd, tenant-local, inclusive); page (from 1) and page_size (1-200, default 25). "
                + "The answer is a list (each entry also with the guide's action and timestamp); X-Total-Count, X-Total-Pages and Link carry the totals.");
        member.MapGet("/profile", GetMyProfile).WithName("GetMyProfile")
            .WithSummary("The caller's profile: who they are, points, level with progress, streak, earned badges and active challenges.");

        var admin = app.MapGroup("/api/v1/gamification").WithTags("Points administration").RequireAuthorization(Policies.Admin);
        admin.MapPost("/points/award", AwardPoints).WithName("AwardPoints").ProducesValidationProblem()
            .WithSummary("Awards points to a person of the tenant with a reason (not capped, no multiplier; can level up).");
        admin.MapPost("/points/revoke", RevokePoints).WithName("RevokePoints").ProducesValidationProblem()
            .WithSummary("Takes points back from a person of the tenant with a reason; lowers current and lifetime points, never below 0.");
        admin.MapGet("/admin/ledger-check", CheckLedger).WithName("CheckLedger")
            .WithSummary("Proves the stored balances of the tenant against the ledger; lists any user whose balances differ.");
        admin.MapGet("/admin/jobs", ListDailyJobs).WithName("ListDailyJobs").WithTags("Jobs")
            .WithSummary("The daily jobs (streak expiry, decay) for the tenant: last run, its result, and the next run.");
        return app;
    }

    public static async Task<Results<Ok<PointsSummary>, NotFound>> GetMyPoints(
        ClaimsPrincipal user, PointsQueries points, LeaderboardService leaderboards, CancellationToken ct) =>
        await points.GetSummaryAsync(user.GetUserId()!, ct) is { } summary
            ? TypedResults.Ok(summary with { Rank = await leaderboards.RankOfAsync(user.GetUserId()!, ct) })
            : TypedResults.NotFound();

    /// <summary>
    /// The caller's ledger as the guide shows it, a JSON list, newest first; the page is chosen with <c>page</c> and
    /// <c>page_size</c>, and the totals ride in <c>X-Total-Count</c>, <c>X-Total-Pages</c> and an RFC 8288 <c>Link</c>
    /// header (first, prev, next, last).
    /// </summary>
    public static async Task<Ok<IReadOnlyList<TransactionItem>>> ListMyTransactions(
        HttpContext http,
        ClaimsPrincipal user,
        PointsQueries points,
        string? type,
        string? from,
        string? to,
        string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken ct)
    {
        var result = await points.ListTransactionsAsync(user.GetUserId()!, TransactionQueryOf(type, from, to, page, pageSize), ct);
        return TypedResults.Ok<IReadOnlyList<TransactionItem>>(Paged(http, result).Select(TransactionItem.From).ToList());
    }

    /// <summary>The ledger filters and page of a query string (type, from, to, page, page_size); 400 naming every bad one.</summary>
    internal static TransactionQuery TransactionQueryOf(string? type, string? from, string? to, string? page, string? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new TransactionQuery(
            ParseType(type, errors), QueryValues.Day(from, "from", errors), QueryValues.Day(to, "to", errors),
            QueryValues.Int(page, "page", errors, min: 1) ?? 1, QueryValues.Int(pageSize, "page_size", errors, min: 1) ?? 25);
        DomainException.ThrowIfInvalid(errors);
        return query;
    }

    /// <summary>
    /// A page as the guide's lists are answered: the items alone, the totals in <c>X-Total-Count</c> and
    /// <c>X-Total-Pages</c>, and an RFC 8288 <c>Link</c> header (first, prev, next, last).
    /// </summary>
    internal static IReadOnlyList<T> Paged<T>(HttpContext http, PagedResult<T> result)
    {
        var headers = http.Response.Headers;
        headers["X-Total-Count"] = result.TotalCount.ToString(CultureInfo.InvariantCulture);
        headers["X-Total-Pages"] = result.TotalPages.ToString(CultureInfo.InvariantCulture);
        headers.Link = PageLinks(http.Request, result.Page, result.PageSize, result.TotalPages);
        return result.Items;
    }

    /// <summary>The Link header of a page: the same address with another <c>page</c>, for first, prev, next and last.</summary>
    private static string PageLinks(HttpRequest request, int page, int pageSize, int totalPages)
    {
        string Url(int p)
        {
            var values = request.Query.Where(q => q.Key is not ("page" or "page_size"))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new("page", p.ToString(CultureInfo.InvariantCulture)))
                .Append(new("page_size", pageSize.ToString(CultureInfo.InvariantCulture)));
            return $"{request.PathBase}{request.Path}{QueryString.Create(values)}";
        }
        var last = Math.Max(1, totalPages);
        var links = new List<string> { $"<{Url(1)}>; rel=\"first\"" };
        if (page > 1)
        {
            links.Add($"<{Url(Math.Min(page - 1, last))}>; rel=\"prev\"");
        }
        if (page < last)
        {
            links.Add($"<{Url(page + 1)}>; rel=\"next\"");
        }
        links.Add($"<{Url(last)}>; rel=\"last\"");
        return string.Join(", ", links);
    }

    public static async Task<Results<Ok<ProfileResponse>, NotFound>> GetMyProfile(ClaimsPrincipal user, ProfileQuery profiles, CancellationToken ct) =>
        await profiles.GetAsync(user.GetUserId()!, ct) is { } profile
            ? TypedResults.Ok(ProfileResponse.From(profile))
            : TypedResults.NotFound();

    public static async Task<Ok<PointsChange>> AwardPoints(PointsAdjustmentBody body, ClaimsPrincipal user, PointsEngine engine, CancellationToken ct)
    {
        ThrowIfMissing(body);
        var grant = new PointsGrant(body.UserId!, TransactionType.AdminAward, body.Points!.Value, body.ReasonOrAction!, CreatedByUserId: user.GetUserId());
        return TypedResults.Ok(await engine.AwardAsync(TenantOf(user), grant, ct));
    }

    public static async Task<Ok<PointsChange>> RevokePoints(PointsAdjustmentBody body, ClaimsPrincipal user, PointsEngine engine, CancellationToken ct)
    {
        ThrowIfMissing(body);
        return TypedResults.Ok(await engine.RevokeAsync(TenantOf(user), body.UserId!, body.Points!.Value, body.ReasonOrAction!, user.GetUserId(), ct));
    }

    public static async Task<Ok<BalanceCheck>> CheckLedger(ClaimsPrincipal user, PointsEngine engine, CancellationToken ct) =>
        TypedResults.Ok(await engine.CheckLedgerAsync(TenantOf(user), ct));

    public static async Task<Ok<IReadOnlyList<JobStatus>>> ListDailyJobs(ClaimsPrincipal user, DailyJobs jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.StatusAsync(TenantOf(user), ct));

    private static Guid TenantOf(ClaimsPrincipal user) =>
        user.GetTenantId() ?? throw new DomainException(DomainErrorKind.Forbidden, "This needs a member of a tenant.");

    private static void ThrowIfMissing(PointsAdjustmentBody body)
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
        if (Reasons.IsMissing(body.ReasonOrAction))
        {
            errors["reason"] = [Reasons.ForPoints];
        }
        DomainException.ThrowIfInvalid(errors);
    }

    private static TransactionType? ParseType(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // Exact names only, as before the names were shared.
        if (SnakeCaseNames.TryParse<TransactionType>(text, out var type, ignoreCase: false))
        {
            return type;
        }
        errors["type"] = [$"Unknown type '{text}'; use one of {SnakeCaseNames.Known<TransactionType>()}."];
        return null;
    }
}
