namespace Gamification.Web.Api;

/// <summary>The caller, their tenant's teams and people. The tenant always comes from the caller's identity.</summary>
internal static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/gamification").WithTags("Directory").RequireAuthorization(Policies.TenantMember);
        group.MapGet("/me", GetMe).WithName("GetMe").WithSummary("The caller: name, tenant, team, roles, points, level and streak.");
        group.MapGet("/teams", ListTeams).WithName("ListTeams").WithSummary("The caller's tenant's teams with their members.");
        group.MapGet("/teams/{id:long}", GetTeam).WithName("GetTeam").WithSummary("One team of the caller's tenant.");
        group.MapGet("/users/{id}", GetUser).WithName("GetUser").WithSummary("A colleague in the caller's tenant.");
        return app;
    }

    public static async Task<Results<Ok<UserProfile>, NotFound>> GetMe(ClaimsPrincipal user, UserDirectory directory, CancellationToken ct) =>
        await directory.GetProfileAsync(user.GetUserId()!, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    public static async Task<Ok<IReadOnlyList<TeamSummary>>> ListTeams(UserDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.ListTeamsAsync(ct));

    public static async Task<Results<Ok<TeamSummary>, NotFound>> GetTeam(long id, UserDirectory directory, CancellationToken ct) =>
        await directory.GetTeamAsync(id, ct) is { } team ? TypedResults.Ok(team) : TypedResults.NotFound();

    public static async Task<Results<Ok<UserProfile>, NotFound>> GetUser(string id, UserDirectory directory, CancellationToken ct) =>
        await directory.GetProfileAsync(id, ct) is { TenantId: not null } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();
}
