using System.Security.Claims;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gamification.Core.Users;

/// <summary>Adds the tenant and display name to the cookie and bearer identities.</summary>
public sealed class GamificationClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TenantId is { } tenantId)
        {
            identity.AddClaim(new Claim(GamificationClaims.TenantId, tenantId.ToString()));
        }
        identity.AddClaim(new Claim(GamificationClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
