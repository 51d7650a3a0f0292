namespace Gamification.Web.Api;

/// <summary>The body of PUT /admin/levels: every level of the tenant, each once.</summary>
public sealed record LevelsBody(IReadOnlyList<LevelInput>? Levels);

/// <summary>/api/v1/gamification/admin/levels: an admin reads and edits the tenant's levels.</summary>
internal static class LevelsApi
{
    public static IEndpointRouteBuilder MapLevelsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/gamification/admin/levels").WithTags("Levels").RequireAuthorization(Policies.Admin);

        admin.MapGet("", ListLevels)
            .WithName("ListLevels")
            .WithSummary("The tenant's levels in order: name, tier, threshold (lifetime points), privileges text, the level's badge and how many agents are at it.");
        admin.MapPut("", UpdateLevels)
            .WithName("UpdateLevels")
            .WithSummary("Saves every level at once (level 1 at 0, thresholds strictly increasing). Applies from the next award; nobody is demoted.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<LevelView>>> ListLevels(LevelService levels, CancellationToken ct) =>
        TypedResults.Ok(await levels.ListAsync(ct));

    public static async Task<Ok<IReadOnlyList<LevelView>>> UpdateLevels(LevelsBody body, LevelService levels, CancellationToken ct) =>
        TypedResults.Ok(await levels.UpdateAsync(body.Levels ?? [], ct));
}
