using Gamification.Core.Users;
using Gamification.Web.Auth;

using Microsoft.AspNetCore.Http.HttpResults;

namespace Gamification.Web.Api;

public sealed record PersonBody(string? Email, string? DisplayName, string? Role, string? ExternalId, long? TeamId, bool? IsActive, string? Password);

public sealed record PasswordBody(string? Password);

public sealed record CreatedId<T>(T Id);

/// <summary>/api/v1/gamification/admin/users and /teams: an admin manages their tenant's people and teams.</summary>
internal static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/gamification/admin").WithTags("People").RequireAuthorization(Policies.Admin);

        admin.MapGet("/users", async (UserDirectory directory, CancellationToken ct) => TypedResults.Ok(await directory.ListPeopleAsync(ct)))
            .WithName("ListPeople")
            .WithSummary("Everyone in the caller's tenant with role, team, level and points.");

        admin.MapPost("/users", async Task<Created<UserProfile>> (PersonBody body, PeopleService people, UserDirectory directory, CancellationToken ct) =>
            {
                var id = await people.CreateAsync(ToInput(body), ct);
                return TypedResults.Created($"/api/v1/gamification/users/{id}", await directory.GetProfileAsync(id, ct));
            })
            .WithName("AddPerson")
            .WithSummary("Adds an agent, supervisor or admin to the caller's tenant with a first password.");

        admin.MapPut("/users/{id}", async Task<Ok<UserProfile>> (string id, PersonBody body, PeopleService people, UserDirectory directory, CancellationToken ct) =>
            {
                await people.UpdateAsync(id, ToInput(body), ct);
                return TypedResults.Ok((await directory.GetProfileAsync(id, ct))!);
            })
            .WithName("UpdatePerson")
            .WithSummary("Changes a person's name, role, agent id, team or active flag; deactivating ends their sessions.");

        admin.MapPost("/users/{id}/password", async Task<NoContent> (string id, PasswordBody body, PeopleService people, CancellationToken ct) =>
            {
                await people.SetPasswordAsync(id, body.Password, ct);
                return TypedResults.NoContent();
            })
            .WithName("SetPassword")
            .WithSummary("Sets a new password for a person (and unlocks them).");

        admin.MapPost("/teams", async Task<Created<CreatedId<long>>> (TeamInput body, PeopleService people, CancellationToken ct) =>
            {
                var id = await people.CreateTeamAsync(body, ct);
                return TypedResults.Created($"/api/v1/gamification/teams/{id}", new CreatedId<long>(id));
            })
            .WithName("CreateTeam")
            .WithSummary("Creates a team.");

        admin.MapPut("/teams/{id:long}", async Task<NoContent> (long id, TeamInput body, PeopleService people, CancellationToken ct) =>
            {
                await people.RenameTeamAsync(id, body, ct);
                return TypedResults.NoContent();
            })
            .WithName("RenameTeam")
            .WithSummary("Renames a team.");

        admin.MapDelete("/teams/{id:long}", async Task<NoContent> (long id, PeopleService people, CancellationToken ct) =>
            {
                await people.DeleteTeamAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteTeam")
            .WithSummary("Deletes an empty team.");
        return app;
    }

    private static PersonInput ToInput(PersonBody body) =>
        new(body.Email, body.DisplayName, body.Role, body.ExternalId, body.TeamId, body.IsActive ?? true, body.Password);
}
