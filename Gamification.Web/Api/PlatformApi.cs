using Gamification.Core.Tenants;
using Gamification.Web.Auth;

using Microsoft.AspNetCore.Http.HttpResults;

namespace Gamification.Web.Api;

public sealed record CreateTenantBody(
    string? Name,
    string? TimeZone,
    string? Preset,
    string? AdminEmail,
    string? AdminDisplayName,
    string? AdminPassword);

/// <summary>/api/v1/platform: tenants, for platform operators only.</summary>
internal static class PlatformApi
{
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/platform/tenants").WithTags("Platform").RequireAuthorization(Policies.Operator);

        group.MapGet("/", async (TenantService tenants, CancellationToken ct) => TypedResults.Ok(await tenants.ListAsync(ct)))
            .WithName("ListTenants")
            .WithSummary("Every tenant with its user and team counts.");

        group.MapGet("/{id:guid}", async Task<Results<Ok<TenantSummary>, NotFound>> (Guid id, TenantService tenants, CancellationToken ct) =>
                await tenants.FindAsync(id, ct) is { } tenant ? TypedResults.Ok(tenant) : TypedResults.NotFound())
            .WithName("GetTenant")
            .WithSummary("One tenant.");

        group.MapPost("/", async Task<Results<Created<TenantSummary>, ValidationProblem>> (CreateTenantBody body, TenantService tenants, CancellationToken ct) =>
            {
                if (!TryParsePreset(body.Preset, out var preset))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["preset"] = ["The preset must be aggressive, moderate or light."] });
                }
                var created = await tenants.CreateAsync(new CreateTenantRequest(body.Name ?? "", body.TimeZone ?? "UTC", preset,
                    body.AdminEmail ?? "", body.AdminDisplayName ?? "", body.AdminPassword ?? ""), ct);
                return TypedResults.Created($"/api/v1/platform/tenants/{created.Id}", created);
            })
            .WithName("CreateTenant")
            .WithSummary("Creates a tenant with its preset, the default levels, starter badges, challenges and rewards, and its first admin.");
        return app;
    }

    internal static bool TryParsePreset(string? value, out GamificationPreset preset)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            preset = GamificationPreset.Moderate;
            return true;
        }
        return Enum.TryParse(value, ignoreCase: true, out preset) && Enum.IsDefined(preset);
    }
}
