using Microsoft.AspNetCore.Identity;

namespace Gamification.Core.Users;

public sealed record PersonInput(
    string? Email,
    string? DisplayName,
    string? Role,
    string? ExternalId,
    long? TeamId,
    bool IsActive = true,
    string? Password = null);

public sealed record TeamInput(string? Name);

/// <summary>
/// An admin's management of their tenant's people and teams. Everything acts on the current tenant only:
/// a user or team of another tenant is "not found".
/// </summary>
public sealed class PeopleService(
    GamificationDbContext db,
    UserManager<ApplicationUser> users,
    CurrentTenant current,
    TimeProvider clock,
    ILogger<PeopleService> logger)
{
    private Guid TenantId => current.TenantId ?? throw new DomainException(DomainErrorKind.Forbidden, "Only members of a tenant manage its people.");

    /// <summary>Adds a person to the current tenant with a first password.</summary>
    public async Task<string> CreateAsync(PersonInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tenantId = TenantId;
        var errors = await ValidateAsync(input, null, ct);
        if (string.IsNullOrWhiteSpace(input.Email) || !input.Email.Contains('@', StringComparison.Ordinal))
        {
            errors["email"] = ["An email address is required."];
        }
        else if (await users.FindByEmailAsync(input.Email.Trim()) is not null || await EmailTakenAnywhereAsync(input.Email, ct))
        {
            errors["email"] = ["That email address is already in use."];
        }
        if (string.IsNullOrEmpty(input.Password))
        {
            errors["password"] = ["A first password is required."];
        }
        ThrowIfAny(errors, "The person could not be added.");

        var user = new ApplicationUser
        {
            TenantId = tenantId,
            Email = input.Email!.Trim(),
            UserName = input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = input.DisplayName!.Trim(),
            ExternalId = NullIfBlank(input.ExternalId),
            TeamId = input.TeamId,
            IsActive = input.IsActive,
            CreatedAt = clock.GetUtcNow(),
        };
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user, input.Password!);
            if (!created.Succeeded)
            {
                throw Invalid("password", created.Errors.Select(e => e.Description).ToArray(), "The person could not be added.");
            }
            await users.AddToRoleAsync(user, input.Role!);
            await AuditAsync(AuditKind.PersonCreated, user.Id, $"Added {user.DisplayName} as {input.Role}", null,
                await AuditedAsync(user, input.Role!, ct), ct);
            await transaction.CommitAsync(ct);
        });
        logger.LogInformation("Added user {UserId} as {Role} to tenant {TenantId}", user.Id, input.Role, tenantId);
        return user.Id;
    }

    /// <summary>Changes a person's name, role, agent id, team and active flag (the email stays: it is the sign-in).</summary>
    public async Task UpdateAsync(string userId, PersonInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await FindAsync(userId, ct);
        var errors = await ValidateAsync(input, user.Id, ct);
        if (user.Id == current.UserId && (!input.IsActive || input.Role != Roles.Admin))
        {
            errors["role"] = ["You cannot deactivate yourself or give up your own admin role: ask another admin."];
        }
        ThrowIfAny(errors, "The person could not be updated.");

        var wasActive = user.IsActive;
        var before = await AuditedAsync(user, (await users.GetRolesAsync(user)).FirstOrDefault() ?? "", ct);
        user.DisplayName = input.DisplayName!.Trim();
        user.ExternalId = NullIfBlank(input.ExternalId);
        user.TeamId = input.TeamId;
        user.IsActive = input.IsActive;

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var currentRoles = await users.GetRolesAsync(user);
            if (!currentRoles.SequenceEqual([input.Role!]))
            {
                await users.RemoveFromRolesAsync(user, currentRoles);
                await users.AddToRoleAsync(user, input.Role!);
            }
            if ((wasActive && !user.IsActive) || !currentRoles.Contains(input.Role!))
            {
                // Deactivation and role changes end existing sessions and refresh tokens.
                await users.UpdateSecurityStampAsync(user);
            }
            else
            {
                await users.UpdateAsync(user);
            }
            await AuditAsync(AuditKind.PersonChanged, user.Id, $"Changed {user.DisplayName}", before, await AuditedAsync(user, input.Role!, ct), ct);
            await transaction.CommitAsync(ct);
        });
    }

    /// <summary>Sets a new password (an admin resetting a forgotten one) and ends the person's sessions.</summary>
    public async Task SetPasswordAsync(string userId, string? password, CancellationToken ct = default)
    {
        var user = await FindAsync(userId, ct);
        if (string.IsNullOrEmpty(password))
        {
            throw Invalid("password", ["A new password is required."], "The password was not changed.");
        }
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0)
        {
            throw Invalid("password", errors.ToArray(), "The password was not changed.");
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await users.UpdateSecurityStampAsync(user);
            // Who reset whose password, and when; never the password.
            await AuditAsync(AuditKind.PasswordReset, user.Id, $"Reset the password of {user.DisplayName}", null, null, ct);
            await transaction.CommitAsync(ct);
        });
    }

    public async Task<long> CreateTeamAsync(TeamInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = await ValidTeamNameAsync(input.Name, null, ct);
        var team = new Team { TenantId = TenantId, Name = name, CreatedAt = clock.GetUtcNow() };
        await db.AtomicallyAsync(async () =>
        {
            db.Teams.Add(team);
            await db.SaveChangesAsync(ct);
            db.Record(team.CreatedAt, AuditKind.TeamCreated, "team", team.Id.ToString(CultureInfo.InvariantCulture),
                $"Created the team {team.Name}", null, new { team.Name });
            return true;
        }, ct);
        return team.Id;
    }

    public async Task RenameTeamAsync(long teamId, TeamInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, ct) ?? throw DomainException.NotFound("The team");
        var before = new { team.Name };
        team.Name = await ValidTeamNameAsync(input.Name, teamId, ct);
        db.Record(clock.GetUtcNow(), AuditKind.TeamRenamed, "team", team.Id.ToString(CultureInfo.InvariantCulture),
            $"Renamed the team {before.Name} to {team.Name}", before, new { team.Name });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes an empty team; a team with members is refused so nobody silently loses their team.</summary>
    public async Task DeleteTeamAsync(long teamId, CancellationToken ct = default)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, ct) ?? throw DomainException.NotFound("The team");
        if (await db.Users.AnyAsync(u => u.TeamId == teamId, ct))
        {
            throw new DomainException(DomainErrorKind.Conflict, $"'{team.Name}' still has members: move them to another team first.");
        }
        db.Teams.Remove(team);
        db.Record(clock.GetUtcNow(), AuditKind.TeamDeleted, "team", team.Id.ToString(CultureInfo.InvariantCulture),
            $"Deleted the team {team.Name}", new { team.Name }, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the audit trail records of a person: never the password or its hash.</summary>
    private async Task<object> AuditedAsync(ApplicationUser user, string role, CancellationToken ct)
    {
        var team = user.TeamId is { } teamId ? await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        return new { user.Email, user.DisplayName, Role = role, user.ExternalId, user.TeamId, Team = team, user.IsActive };
    }

    /// <summary>Writes an audit entry in the caller's transaction (a failed save lets it go: see the context).</summary>
    private async Task AuditAsync(AuditKind kind, string userId, string summary, object? before, object? after, CancellationToken ct)
    {
        if (db.NewAuditEntry(clock.GetUtcNow(), kind, "user", userId, summary, before, after, current.UserId, TenantId) is not { } entry)
        {
            return;
        }
        db.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    private async Task<ApplicationUser> FindAsync(string userId, CancellationToken ct)
    {
        var tenantId = TenantId;
        return await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.TenantId == tenantId, ct)
            ?? throw DomainException.NotFound("The person");
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(PersonInput input, string? userId, CancellationToken ct)
    {
        var tenantId = TenantId;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Trim().Length > 100)
        {
            errors["display_name"] = ["A name of 1 to 100 characters is required."];
        }
        else if (!TextRules.IsCleanName(input.DisplayName.Trim()))
        {
            errors["display_name"] = [TextRules.NameMessage];
        }
        if (input.Role is null || !Roles.TenantRoles.Contains(input.Role))
        {
            errors["role"] = ["The role must be agent, supervisor or admin."];
        }
        var externalId = NullIfBlank(input.ExternalId);
        if (input.Role == Roles.Agent && externalId is null)
        {
            errors["external_id"] = ["An agent needs their id in the call-center system (e.g. agent-07): events name agents by it."];
        }
        else if (externalId is { Length: > 64 })
        {
            errors["external_id"] = ["The agent id is at most 64 characters."];
        }
        else if (externalId is not null && await db.Users.AnyAsync(u => u.TenantId == tenantId && u.ExternalId == externalId && u.Id != userId, ct))
        {
            errors["external_id"] = [$"Another person already has the agent id '{externalId}'."];
        }
        if (input.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct))
        {
            errors["team_id"] = ["That team does not exist."];
        }
        return errors;
    }

    private async Task<bool> EmailTakenAnywhereAsync(string email, CancellationToken ct)
    {
        var normalized = users.NormalizeEmail(email.Trim());
        return await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedEmail == normalized, ct);
    }

    private async Task<string> ValidTeamNameAsync(string? name, long? teamId, CancellationToken ct)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is < 1 or > 100)
        {
            throw Invalid("name", ["A team name of 1 to 100 characters is required."], "The team could not be saved.");
        }
        if (!TextRules.IsCleanName(trimmed))
        {
            throw Invalid("name", [TextRules.NameMessage], "The team could not be saved.");
        }
        if (await db.Teams.AnyAsync(t => t.Name == trimmed && t.Id != teamId, ct))
        {
            throw new DomainException(DomainErrorKind.Conflict, $"There is already a team named '{trimmed}'.",
                new Dictionary<string, string[]> { ["name"] = [$"There is already a team named '{trimmed}'."] });
        }
        return trimmed;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DomainException Invalid(string field, string[] messages, string title) =>
        new(DomainErrorKind.Validation, title, new Dictionary<string, string[]> { [field] = messages });

    private static void ThrowIfAny(Dictionary<string, string[]> errors, string title)
    {
        if (errors.Count > 0)
        {
            throw new DomainException(DomainErrorKind.Validation, title, errors);
        }
    }
}
