namespace Gamification.Web.Api;

public sealed record ApiKeyBody(string? Name);

/// <summary>/api/v1/gamification/admin/api-keys: an admin manages their tenant's integration keys (X-Api-Key).</summary>
internal static class ApiKeysApi
{
    private const string Base = "/api/v1/gamification/admin/api-keys";

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Base).WithTags("Integration keys").RequireAuthorization(Policies.Admin);
        admin.MapGet("", ListApiKeys).WithName("ListApiKeys")
            .WithSummary("The tenant's integration keys, active first: name, prefix, creator, last use, revocation. Never the key itself.");
        admin.MapGet("/{id:long}", GetApiKey).WithName("GetApiKey").WithSummary("One integration key of the tenant (without the key itself).");
        admin.MapPost("", CreateApiKey).WithName("CreateApiKey")
            .WithSummary("Creates an integration key; the answer shows the key this once (only its hash is stored).");
        admin.MapDelete("/{id:long}", RevokeApiKey).WithName("RevokeApiKey")
            .WithSummary("Revokes an integration key: from now on it is refused with 401. Revoking twice is harmless.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListApiKeys(ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(ct));

    public static async Task<Results<Ok<ApiKeyInfo>, NotFound>> GetApiKey(long id, ApiKeyService keys, CancellationToken ct) =>
        (await keys.ListAsync(ct)).FirstOrDefault(k => k.Id == id) is { } key ? TypedResults.Ok(key) : TypedResults.NotFound();

    public static async Task<Created<CreatedApiKey>> CreateApiKey(ApiKeyBody body, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        var created = await keys.CreateAsync(body.Name, user.GetUserId(), ct);
        return TypedResults.Created($"{Base}/{created.Id}", created);
    }

    public static async Task<NoContent> RevokeApiKey(long id, ApiKeyService keys, CancellationToken ct)
    {
        await keys.RevokeAsync(id, ct);
        return TypedResults.NoContent();
    }
}
