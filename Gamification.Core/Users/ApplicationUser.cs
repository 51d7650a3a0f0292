using Microsoft.AspNetCore.Identity;

namespace Gamification.Core.Users;

/// <summary>A person who signs in. Agents, supervisors and admins belong to one tenant; platform operators to none.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>The tenant; null only for platform operators.</summary>
    public Guid? TenantId { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>The agent's id in the call-center system (e.g. "agent-07"), unique per tenant.</summary>
    public string? ExternalId { get; set; }
    public long? TeamId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How this person appears on the boards colleagues see (docs/rules.md, A say over being ranked).</summary>
    public LeaderboardVisibility LeaderboardVisibility { get; set; } = LeaderboardVisibility.Visible;

    /// <summary>Whether this person gets the afternoon reminder that their streak ends at midnight.</summary>
    public bool StreakReminders { get; set; } = true;

    /// <summary>The language this person reads the app in (e.g. "es"); null follows the tenant's language, then the browser's.</summary>
    public string? Language { get; set; }

    /// <summary>Light or dark pages for this person; <see cref="ThemeChoice.System"/> follows the device's setting.</summary>
    public ThemeChoice Theme { get; set; } = ThemeChoice.System;
}

/// <summary>A person's choice of light or dark pages.</summary>
public enum ThemeChoice
{
    /// <summary>As the device is set (prefers-color-scheme).</summary>
    System,
    Light,
    Dark,
}

/// <summary>How a person appears on the boards other agents see. They always see themselves.</summary>
public enum LeaderboardVisibility
{
    /// <summary>Name, team and avatar, as everyone.</summary>
    Visible,

    /// <summary>"Anonymous agent": no name, avatar or team; rank and points stay.</summary>
    Anonymous,

    /// <summary>Left out of other agents' boards; ranks are counted among the people shown.</summary>
    Hidden,
}

public static class Roles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Admin, Operator];
    public static readonly IReadOnlyList<string> TenantRoles = [Agent, Supervisor, Admin];
}
