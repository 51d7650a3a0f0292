using System.Security.Claims;

using Gamification.Core.Users;
using Gamification.Web.Auth;

using Microsoft.AspNetCore.Http.HttpResults;

namespace Gamification.Web.Api;

/// <summary>The caller, their tenant's teams and people. The tenant always comes from the caller's identity.</summary>
internal static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/gamification").WithTags("Directory").RequireAuthorization(Policies.TenantMember);

        group.MapGet("/me", async Task<Results<Ok<UserProfile>, NotFound>> (ClaimsPrincipal user, UserDirectory directory, CancellationToken ct) =>
                await directory.GetProfileAsync(user.GetUserId()!, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound())
            .WithName("GetMe")
            .WithSummary("The caller: name, tenant, team, roles, points, level and streak.");

        group.MapGet("/teams", async (UserDirectory directory, CancellationToken ct) => TypedResults.Ok(await directory.ListTeamsAsync(ct)))
            .WithName("ListTeams")
            .WithSummary("The caller's tenant's teams with their members.");

        group.MapGet("/teams/{id:long}", async Task<Results<Ok<TeamSummary>, NotFound>> (long id, UserDirectory directory, CancellationToken ct) =>
                await directory.GetTeamAsync(id, ct) is { } team ? TypedResults.Ok(team) : TypedResults.NotFound())
            .WithName("GetTeam")
            .WithSummary("One team of the caller's tenant.");

        group.MapGet("/users/{id}", async Task<Results<Ok<UserProfile>, NotFound>> (string id, UserDirectory directory, CancellationToken ct) =>
                await directory.GetProfileAsync(id, ct) is { TenantId: not null } profile ? TypedResults.Ok(profile) : TypedResults.NotFound())
            .WithName("GetUser")
            .WithSummary("A colleague in the caller's tenant.");
        return app;
    }
}
