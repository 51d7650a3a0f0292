namespace Gamification.Web.Api;

/// <summary>The caller, their tenant's teams and people. The tenant always comes from the caller's identity.</summary>
internal static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/gamification").WithTags("Directory").RequireAuthorization(Policies.TenantMember);
        group.MapGet("/me", GetMe).WithName("GetMe").WithSummary("The caller: name, tenant, team, roles, points, level and streak.");
        group.MapGet("/teams", ListTeams).WithName("ListTeams").WithSummary("The caller's tenant's teams with their members.")
            .WithDescription("Supervisors and admins read each member's agent id, roles and active flag; agents read active members by name only.");
        group.MapGet("/teams/{id:long}", GetTeam).WithName("GetTeam").WithSummary("One team of the caller's tenant.");
        group.MapGet("/users/{id}", GetUser).WithName("GetUser").WithSummary("A colleague in the caller's tenant.")
            .WithDescription("Supervisors and admins (and anyone reading themselves) get the full profile; an agent reading a colleague gets "
                + "what a leaderboard shows: name, team, level, streak and badges count, never email, agent id, roles or balances.");
        return app;
    }

    public static async Task<Results<Ok<UserProfile>, NotFound>> GetMe(ClaimsPrincipal user, UserDirectory directory, CancellationToken ct) =>
        await directory.GetProfileAsync(user.GetUserId()!, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    /// <summary>Supervisors and admins read people in full; agents read colleagues as the leaderboard shows them.</summary>
    private static bool SeesEveryone(ClaimsPrincipal user) => user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);

    public static async Task<Results<Ok<IReadOnlyList<TeamSummary>>, Ok<IReadOnlyList<ColleagueTeam>>>> ListTeams(
        ClaimsPrincipal user, UserDirectory directory, CancellationToken ct) =>
        SeesEveryone(user)
            ? TypedResults.Ok(await directory.ListTeamsAsync(ct))
            : TypedResults.Ok(await directory.ListColleagueTeamsAsync(ct));

    public static async Task<Results<Ok<TeamSummary>, Ok<ColleagueTeam>, NotFound>> GetTeam(
        long id, ClaimsPrincipal user, UserDirectory directory, CancellationToken ct)
    {
        if (await directory.GetTeamAsync(id, ct) is not { } team)
        {
            return TypedResults.NotFound();
        }
        return SeesEveryone(user) ? TypedResults.Ok(team) : TypedResults.Ok(UserDirectory.ColleaguesOf(team));
    }

    public static async Task<Results<Ok<UserProfile>, Ok<ColleagueProfile>, NotFound>> GetUser(
        string id, ClaimsPrincipal user, UserDirectory directory, CancellationToken ct)
    {
        if (SeesEveryone(user) || id == user.GetUserId())
        {
            return await directory.GetProfileAsync(id, ct) is { TenantId: not null } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();
        }
        return await directory.GetColleagueAsync(id, ct) is { } colleague ? TypedResults.Ok(colleague) : TypedResults.NotFound();
    }
}
