namespace Gamification.Web.Api;

/// <remarks>Not <see cref="PersonInput"/>: is_active may be left out (true).</remarks>
public sealed record PersonBody(string? Email, string? DisplayName, string? Role, string? ExternalId, long? TeamId, bool? IsActive, string? Password);

public sealed record PasswordBody(string? Password);

public sealed record CreatedId<T>(T Id);

/// <summary>/api/v1/gamification/admin/users and /teams: an admin manages their tenant's people and teams.</summary>
internal static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/gamification/admin").WithTags("People").RequireAuthorization(Policies.Admin);
        admin.MapGet("/users", ListPeople).WithName("ListPeople").WithSummary("Everyone in the caller's tenant with role, team, level and points.");
        admin.MapPost("/users", AddPerson).WithName("AddPerson").WithSummary("Adds an agent, supervisor or admin to the caller's tenant with a first password.");
        admin.MapPut("/users/{id}", UpdatePerson).WithName("UpdatePerson")
            .WithSummary("Changes a person's name, role, agent id, team or active flag; deactivating ends their sessions.");
        admin.MapPost("/users/{id}/password", SetPassword).WithName("SetPassword").WithSummary("Sets a new password for a person (and unlocks them).");
        admin.MapPost("/teams", CreateTeam).WithName("CreateTeam").WithSummary("Creates a team.");
        admin.MapPut("/teams/{id:long}", RenameTeam).WithName("RenameTeam").WithSummary("Renames a team.");
        admin.MapDelete("/teams/{id:long}", DeleteTeam).WithName("DeleteTeam").WithSummary("Deletes an empty team.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<UserProfile>>> ListPeople(UserDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.ListPeopleAsync(ct));

    public static async Task<Created<UserProfile>> AddPerson(PersonBody body, PeopleService people, UserDirectory directory, CancellationToken ct)
    {
        var id = await people.CreateAsync(ToInput(body), ct);
        return TypedResults.Created($"/api/v1/gamification/users/{id}", await directory.GetProfileAsync(id, ct));
    }

    public static async Task<Ok<UserProfile>> UpdatePerson(string id, PersonBody body, PeopleService people, UserDirectory directory, CancellationToken ct)
    {
        await people.UpdateAsync(id, ToInput(body), ct);
        return TypedResults.Ok((await directory.GetProfileAsync(id, ct))!);
    }

    public static async Task<NoContent> SetPassword(string id, PasswordBody body, PeopleService people, CancellationToken ct)
    {
        await people.SetPasswordAsync(id, body.Password, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Created<CreatedId<long>>> CreateTeam(TeamInput body, PeopleService people, CancellationToken ct)
    {
        var id = await people.CreateTeamAsync(body, ct);
        return TypedResults.Created($"/api/v1/gamification/teams/{id}", new CreatedId<long>(id));
    }

    public static async Task<NoContent> RenameTeam(long id, TeamInput body, PeopleService people, CancellationToken ct)
    {
        await people.RenameTeamAsync(id, body, ct);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteTeam(long id, PeopleService people, CancellationToken ct)
    {
        await people.DeleteTeamAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static PersonInput ToInput(PersonBody body) =>
        new(body.Email, body.DisplayName, body.Role, body.ExternalId, body.TeamId, body.IsActive ?? true, body.Password);
}
