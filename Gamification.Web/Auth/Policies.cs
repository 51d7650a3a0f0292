using Microsoft.AspNetCore.Authorization;

namespace Gamification.Web.Auth;

/// <summary>Authorization policies; every endpoint and page names one.</summary>
public static class Policies
{
    /// <summary>Any signed-in member of a tenant (agent, supervisor or admin).</summary>
    public const string TenantMember = "tenant-member";
    public const string Agent = "agent";
    /// <summary>Supervisors and admins of a tenant.</summary>
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Operator = "operator";

    public static AuthorizationBuilder AddGamificationPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(TenantMember, p => p.RequireAuthenticatedUser().RequireClaim(GamificationClaims.TenantId).RequireRole(Roles.TenantRoles))
        .AddPolicy(Agent, p => p.RequireAuthenticatedUser().RequireClaim(GamificationClaims.TenantId).RequireRole(Roles.Agent))
        .AddPolicy(Supervisor, p => p.RequireAuthenticatedUser().RequireClaim(GamificationClaims.TenantId).RequireRole(Roles.Supervisor, Roles.Admin))
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireClaim(GamificationClaims.TenantId).RequireRole(Roles.Admin))
        .AddPolicy(Operator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Operator));
}
