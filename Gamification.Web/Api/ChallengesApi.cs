using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>
/// The caller's active challenges with progress and time left (any tenant member), and the admin's challenge editor
/// with completion rates. The tenant always comes from the caller's identity: a challenge id of another tenant answers 404.
/// </summary>
internal static class ChallengesApi
{
    private const string Base = "/api/v1/gamification";

    private const string ChallengeBodyDescription =
        "Body: {name, description, type: daily|weekly|monthly|seasonal|special, objective: total_calls|conversions|perfect_calls|quality_reviews|"
        + "points_earned|avg_rating|satisfaction_rate|leaderboard_rank, target (avg_rating: a rating 1-5; satisfaction_rate: a percentage 1-100; "
        + "leaderboard_rank: the rank N of a top N, 1-1000), min_rated_calls (avg_rating, satisfaction_rate), points_reward, badge_reward_id?, difficulty: easy|medium|hard, "
        + "start_day, end_day (yyyy-MM-dd, tenant-local, inclusive; required for special), is_team_challenge, "
        + "prize? (a prize that is not points, up to 200 characters, handed out by an admin to each person who completes)}. "
        + "Each wrong field answers 400 with errors per field; nothing is stored.";

    public static IEndpointRouteBuilder MapChallengesApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup(Base).WithTags("Challenges").RequireAuthorization(Policies.TenantMember);
        member.MapGet("/challenges", ListMyChallenges).WithName("ListMyChallenges")
            .WithSummary("The tenant's active challenges in their current windows, with the caller's (and their team's) progress and the time left.");
        member.MapGet("/challenges/{id:long}/progress", GetMyChallengeProgress).WithName("GetMyChallengeProgress")
            .WithSummary("The caller's progress in the current window of one challenge: progress, target, completed, window_start, window_end, time left.");

        var admin = app.MapGroup($"{Base}/admin/challenges").WithTags("Challenges administration").RequireAuthorization(Policies.Admin);
        admin.MapGet("", ListChallenges).WithName("ListChallenges").ProducesValidationProblem()
            .WithSummary("The tenant's challenges, active and (unless include_ended=false) past, with participants, completions and completion rates.");
        admin.MapGet("/{id:long}", GetChallenge).WithName("GetChallenge").WithSummary("One challenge of the tenant with its completion figures.");
        admin.MapPost("", CreateChallenge).WithName("CreateChallenge").WithDescription(ChallengeBodyDescription)
            .WithSummary("Creates a challenge: recurring ones open a new window each day, week, month or quarter; special ones run between their dates.");
        admin.MapPut("/{id:long}", UpdateChallenge).WithName("UpdateChallenge").WithSummary("Edits a challenge.").WithDescription(ChallengeBodyDescription);
        admin.MapPost("/{id:long}/end", EndChallenge).WithName("EndChallenge")
            .WithSummary("Ends a challenge now: no further progress; completions and rewards already paid stay.");
        admin.MapGet("/prizes", ListPrizes).WithName("ListChallengePrizes").ProducesValidationProblem()
            .WithSummary("Completions of challenges that name a prize, oldest first; status=waiting (default), handed_out or all.");
        admin.MapPost("/prizes/{id:long}/hand-out", HandOutPrize).WithName("HandOutChallengePrize")
            .WithSummary("Marks a completion's prize as handed out by the caller, once (409 when it already was).");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<ChallengeProgressView>>> ListMyChallenges(ClaimsPrincipal user, ChallengeService challenges, CancellationToken ct) =>
        TypedResults.Ok(await challenges.ActiveForUserAsync(user.GetUserId()!, ct));

    public static async Task<Ok<ChallengeProgressView>> GetMyChallengeProgress(long id, ClaimsPrincipal user, ChallengeService challenges, CancellationToken ct) =>
        TypedResults.Ok(await challenges.ProgressAsync(user.GetUserId()!, id, ct));

    public static async Task<Ok<IReadOnlyList<ChallengeAdminView>>> ListChallenges(
        ChallengeService challenges, [FromQuery(Name = "include_ended")] string? includeEnded, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var include = QueryValues.Bool(includeEnded, "include_ended", true, errors);
        DomainException.ThrowIfInvalid(errors);
        return TypedResults.Ok(await challenges.ListForAdminAsync(include, ct));
    }

    public static async Task<Ok<ChallengeAdminView>> GetChallenge(long id, ChallengeService challenges, CancellationToken ct) =>
        TypedResults.Ok(await challenges.GetAsync(id, ct));

    public static async Task<Created<ChallengeAdminView>> CreateChallenge(JsonElement body, ChallengeService challenges, CancellationToken ct)
    {
        var created = await challenges.CreateAsync(ReadChallenge(body), ct);
        return TypedResults.Created($"{Base}/admin/challenges/{created.Id}", created);
    }

    public static async Task<Ok<ChallengeAdminView>> UpdateChallenge(long id, JsonElement body, ChallengeService challenges, CancellationToken ct) =>
        TypedResults.Ok(await challenges.UpdateAsync(id, ReadChallenge(body), ct));

    public static async Task<Ok<IReadOnlyList<PrizeView>>> ListPrizes(ChallengeService challenges, string? status, CancellationToken ct)
    {
        bool? handedOut = status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "waiting" => false,
            "handed_out" => true,
            "all" => null,
            _ => throw DomainException.Invalid("status", "status is waiting, handed_out or all."),
        };
        return TypedResults.Ok(await challenges.PrizesAsync(handedOut, ct));
    }

    public static async Task<Ok<PrizeView>> HandOutPrize(long id, ClaimsPrincipal user, ChallengeService challenges, CancellationToken ct) =>
        TypedResults.Ok(await challenges.HandOutPrizeAsync(id, user.GetUserId(), ct));

    public static async Task<Ok<ChallengeAdminView>> EndChallenge(long id, ChallengeService challenges, CancellationToken ct) =>
        TypedResults.Ok(await challenges.EndAsync(id, ct));

    /// <summary>Reads a challenge body field by field, so an unknown type, objective or difficulty or a malformed day is reported against its field.</summary>
    private static ChallengeInput ReadChallenge(JsonElement body)
    {
        var fields = new RequestFields(body, "{\"name\": \"Friday Ten\", \"type\": \"daily\", \"objective\": \"total_calls\", \"target\": 10, ...}");
        var input = new ChallengeInput(
            fields.String("name"),
            fields.String("description"),
            fields.Enum<ChallengeType>("type"),
            fields.Enum<ObjectiveType>("objective"),
            fields.Int("target"),
            fields.Int("min_rated_calls"),
            fields.Int("points_reward"),
            fields.Long("badge_reward_id"),
            fields.Enum<ChallengeDifficulty>("difficulty"),
            fields.Day("start_day"),
            fields.Day("end_day"),
            fields.Bool("is_team_challenge"),
            fields.String("prize"));
        fields.ThrowIfInvalid("The challenge was not saved: fix the fields marked.");
        return input;
    }
}
