using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>A leaderboard row as the API answers it (the guide's LeaderboardEntry).</summary>
/// <remarks>Not <see cref="LeaderboardEntryView"/>: the API names the team "team" where the view has TeamName.</remarks>
/// <param name="Team">The person's team name (on a team board: the team's name).</param>
/// <param name="LeaderboardVisibility">The person's own choice (supervisors and admins only; null otherwise).</param>
public sealed record LeaderboardEntryItem(
    int Rank,
    string? UserId,
    long? TeamId,
    string DisplayName,
    string? Team,
    long Points,
    long PointsChange,
    int? PreviousRank,
    int BadgesCount,
    int StreakDays,
    bool IsCaller,
    LeaderboardVisibility? LeaderboardVisibility)
{
    internal static LeaderboardEntryItem From(LeaderboardEntryView e) =>
        new(e.Rank, e.UserId, e.TeamId, e.DisplayName, e.TeamName, e.Points, e.PointsChange, e.PreviousRank, e.BadgesCount, e.StreakDays, e.IsCaller,
            e.Visibility);
}

/// <summary>GET /leaderboard: a page of the board and the caller's own row beside it.</summary>
/// <remarks>Not <see cref="LeaderboardPage"/>: entries and the caller's row come first, in the API's row shape.</remarks>
/// <param name="League">The tier ranked on the league tab (league=true or tier=...), else null.</param>
/// <param name="TopShown">"Protect the bottom": the board shows this many leaders and the caller's neighbourhood; null when off.</param>
public sealed record LeaderboardResponse(
    IReadOnlyList<LeaderboardEntryItem> Entries,
    LeaderboardEntryItem? UserRank,
    LeaderboardPeriod PeriodType,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    DateTimeOffset GeneratedAt,
    int TotalCount,
    int Limit,
    int Offset,
    DateTimeOffset? SnapshotAt,
    string? League,
    bool LeaguesOffered,
    int? TopShown);

/// <summary>POST /leaderboard/update: the snapshots taken (an object, so the answer can grow).</summary>
public sealed record SnapshotResponse(IReadOnlyList<SnapshotRun> Snapshots);

/// <summary>Leaderboards (any tenant member) and taking snapshots now (admin). The tenant comes from the caller's identity.</summary>
internal static class LeaderboardsApi
{
    public static IEndpointRouteBuilder MapLeaderboardsApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/api/v1/gamification").WithTags("Leaderboards").RequireAuthorization(Policies.TenantMember);
        member.MapGet("/leaderboard", GetLeaderboard).WithName("GetLeaderboard").ProducesValidationProblem()
            .WithSummary("A page of the tenant's leaderboard with the caller's own row.")
            .WithDescription("period: daily (top 50), weekly (top 100, the default), monthly or all_time (everyone, paged); limit 1-500 "
                + "(default the period's page: 50 daily, 100 otherwise); offset from 0; team_id: only that team's members; teams=true: the team "
                + "board (a team's score is the sum of its members'); search: names containing it; league=true: only the people of the caller's tier "
                + "(Bronze, Silver, Gold, Legend...), ranked among themselves; tier: a league by name. Agents see colleagues as they chose "
                + "(hidden ones left out, ranks among those shown; anonymous ones as \"Anonymous agent\") and, with \"protect the bottom\", the "
                + "top N and their own neighbourhood; supervisors and admins see everyone with their choice. Live: an award shows in the next read.");

        var admin = app.MapGroup("/api/v1/gamification").WithTags("Leaderboards").RequireAuthorization(Policies.Admin);
        admin.MapPost("/leaderboard/update", UpdateLeaderboard).WithName("UpdateLeaderboard")
            .WithSummary("Takes a snapshot of every period's board now (rank changes are measured against snapshots).");
        return app;
    }

    public static async Task<Ok<LeaderboardResponse>> GetLeaderboard(
        ClaimsPrincipal user,
        LeaderboardService leaderboards,
        AnalyticsRollup analytics,
        string? period,
        string? limit,
        string? offset,
        [FromQuery(Name = "team_id")] string? teamId,
        string? teams,
        string? search,
        string? league,
        string? tier,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var p = LeaderboardPeriod.Weekly;
        if (!string.IsNullOrWhiteSpace(period) && !SnakeCaseNames.TryParse(period, out p))
        {
            errors["period"] = [$"Unknown period '{period}'; use daily, weekly, monthly or all_time."];
        }
        var l = QueryValues.Int(limit, "limit", errors);
        var o = QueryValues.Int(offset, "offset", errors) ?? 0;
        var team = QueryValues.Long(teamId, "team_id", errors);
        var byTeam = false;
        if (!string.IsNullOrWhiteSpace(teams) && !bool.TryParse(teams, out byTeam))
        {
            errors["teams"] = ["teams is true or false."];
        }
        var inLeague = false;
        if (!string.IsNullOrWhiteSpace(league) && !bool.TryParse(league, out inLeague))
        {
            errors["league"] = ["league is true or false."];
        }
        if ((inLeague || !string.IsNullOrWhiteSpace(tier)) && byTeam)
        {
            errors["league"] = ["Leagues rank people: leave teams out."];
        }
        DomainException.ThrowIfInvalid(errors);
        var viewer = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin) ? BoardViewer.Staff : BoardViewer.Agent;
        var page = await leaderboards.GetAsync(user.GetUserId()!, new LeaderboardQuery(p, l, o, team, byTeam, search, viewer, inLeague, tier), ct);
        await analytics.RecordReadAsync(user, ct);
        return TypedResults.Ok(new LeaderboardResponse(
            page.Entries.Select(LeaderboardEntryItem.From).ToList(),
            page.UserRank is { } mine ? LeaderboardEntryItem.From(mine) : null,
            page.PeriodType, page.PeriodStart, page.PeriodEnd, page.GeneratedAt, page.TotalCount, page.Limit, page.Offset, page.SnapshotAt,
            page.League, page.LeaguesOffered, page.TopShown));
    }

    public static async Task<Ok<SnapshotResponse>> UpdateLeaderboard(ClaimsPrincipal user, LeaderboardService leaderboards, CancellationToken ct)
    {
        var tenantId = user.GetTenantId() ?? throw new DomainException(DomainErrorKind.Forbidden, "This needs a member of a tenant.");
        return TypedResults.Ok(new SnapshotResponse(await leaderboards.SnapshotAsync(tenantId, LeaderboardRules.Periods, null, ct)));
    }
}
