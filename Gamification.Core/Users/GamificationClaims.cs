using System.Security.Claims;

namespace Gamification.Core.Users;

/// <summary>Claims the app adds to a signed-in user: the tenant always comes from here, never from a request parameter.</summary>
public static class GamificationClaims
{
    public const string TenantId = "tenant_id";
    public const string DisplayName = "display_name";

    public static Guid? GetTenantId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(TenantId), out var id) ? id : null;

    public static string? GetUserId(this ClaimsPrincipal principal) =>
        principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string GetDisplayName(this ClaimsPrincipal principal) =>
        principal?.FindFirstValue(DisplayName) ?? principal?.Identity?.Name ?? "";
}
