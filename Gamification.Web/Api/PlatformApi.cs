namespace Gamification.Web.Api;

public sealed record CreateTenantBody(
    string? Name,
    string? TimeZone,
    string? Preset,
    string? AdminEmail,
    string? AdminDisplayName,
    string? AdminPassword,
    string? Language = null);

/// <summary>/api/v1/platform: tenants, for platform operators only.</summary>
internal static class PlatformApi
{
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/platform/tenants").WithTags("Platform").RequireAuthorization(Policies.Operator);
        group.MapGet("/", ListTenants).WithName("ListTenants").WithSummary("Every tenant with its user and team counts.");
        group.MapGet("/{id:guid}", GetTenant).WithName("GetTenant").WithSummary("One tenant.");
        group.MapPost("/", CreateTenant).WithName("CreateTenant").ProducesValidationProblem()
            .WithSummary("Creates a tenant with its preset, the default levels, starter badges, challenges and rewards, and its first admin.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<TenantSummary>>> ListTenants(TenantService tenants, CancellationToken ct) =>
        TypedResults.Ok(await tenants.ListAsync(ct));

    public static async Task<Results<Ok<TenantSummary>, NotFound>> GetTenant(Guid id, TenantService tenants, CancellationToken ct) =>
        await tenants.FindAsync(id, ct) is { } tenant ? TypedResults.Ok(tenant) : TypedResults.NotFound();

    /// <summary>
    /// Without a preset the tenant starts moderate, without a language in English (its starter content is written in
    /// it); a preset or language named wrongly is refused as in the settings.
    /// </summary>
    public static async Task<Created<TenantSummary>> CreateTenant(CreateTenantBody body, TenantService tenants, CancellationToken ct)
    {
        var preset = GamificationPreset.Moderate;
        if (!string.IsNullOrWhiteSpace(body.Preset) && !TenantPresets.TryParse(body.Preset, out preset))
        {
            throw DomainException.Invalid(new Dictionary<string, string[]> { ["preset"] = [TenantPresets.InvalidMessage] });
        }
        var created = await tenants.CreateAsync(new CreateTenantRequest(body.Name ?? "", body.TimeZone ?? "UTC", preset,
            body.AdminEmail ?? "", body.AdminDisplayName ?? "", body.AdminPassword ?? "", body.Language ?? Languages.Default), ct);
        return TypedResults.Created($"/api/v1/platform/tenants/{created.Id}", created);
    }
}
