using Microsoft.AspNetCore.Identity;

namespace Gamification.Core.Tenants;

public sealed record CreateTenantRequest(
    string Name,
    string TimeZone,
    GamificationPreset Preset,
    string AdminEmail,
    string AdminDisplayName,
    string AdminPassword,
    string Language = Languages.Default);

public sealed record TenantSummary(
    Guid Id,
    string Name,
    string TimeZone,
    GamificationPreset Preset,
    bool IsActive,
    DateTimeOffset CreatedAt,
    int Users,
    int Teams);

/// <summary>Creates tenants with their starter content, for platform operators and the demo seeder.</summary>
public sealed class TenantService(
    GamificationDbContext db,
    UserManager<ApplicationUser> userManager,
    TimeProvider clock,
    ILogger<TenantService> logger)
{
    /// <summary>Every tenant, for operators: not scoped by the tenant filter.</summary>
    public async Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken ct = default)
    {
        var users = await db.Users.IgnoreQueryFilters().Where(u => u.TenantId != null)
            .GroupBy(u => u.TenantId).Select(g => new { TenantId = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(x => x.TenantId, x => x.Count, ct);
        var teams = await db.Teams.IgnoreQueryFilters()
            .GroupBy(t => t.TenantId).Select(g => new { TenantId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.TenantId, x => x.Count, ct);
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        return tenants.Select(t => new TenantSummary(t.Id, t.Name, t.TimeZoneId, t.Preset, t.IsActive, t.CreatedAt,
            users.GetValueOrDefault(t.Id), teams.GetValueOrDefault(t.Id))).ToList();
    }

    public async Task<TenantSummary?> FindAsync(Guid id, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(t => t.Id == id);

    /// <summary>What is wrong with a tenant's name (trimmed), or null: on creation and in the settings alike.</summary>
    internal static string? NameError(string name) =>
        name.Length is < 2 or > 100 ? "The name must be 2 to 100 characters long."
        : !TextRules.IsCleanName(name) ? TextRules.NameMessage
        : null;

    /// <summary>
    /// Creates the tenant, its configuration from the preset, the default levels, the starter badges,
    /// challenges and rewards (in the tenant's language), and its first admin, all or nothing.
    /// </summary>
    public async Task<TenantSummary> CreateAsync(CreateTenantRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = (request.Name ?? "").Trim();
        var errors = new Dictionary<string, string[]>();
        if (NameError(name) is { } nameError)
        {
            errors["name"] = [nameError];
        }
        if (!IsKnownTimeZone(request.TimeZone))
        {
            errors["time_zone"] = [$"'{request.TimeZone}' is not a known IANA time zone (for example Europe/Berlin or America/New_York)."];
        }
        if (!Enum.IsDefined(request.Preset))
        {
            errors["preset"] = [TenantPresets.InvalidMessage];
        }
        if (string.IsNullOrWhiteSpace(request.AdminEmail) || !request.AdminEmail.Contains('@', StringComparison.Ordinal))
        {
            errors["admin_email"] = ["The first admin's email address is required."];
        }
        if (string.IsNullOrWhiteSpace(request.AdminDisplayName))
        {
            errors["admin_display_name"] = ["The first admin's name is required."];
        }
        else if (!TextRules.IsCleanName(request.AdminDisplayName.Trim()))
        {
            errors["admin_display_name"] = [TextRules.NameMessage];
        }
        if (!Languages.IsSupported(request.Language))
        {
            errors["language"] = [CoreText.Get("Settings.LanguageInvalid")];
        }
        if (string.IsNullOrEmpty(request.AdminPassword))
        {
            errors["admin_password"] = ["The first admin's password is required."];
        }
        if (errors.Count > 0)
        {
            throw new DomainException(DomainErrorKind.Validation, "The tenant could not be created.", errors);
        }
        if (await db.Tenants.AnyAsync(t => t.Name == name, ct))
        {
            throw new DomainException(DomainErrorKind.Conflict, $"A tenant named '{name}' already exists.",
                new Dictionary<string, string[]> { ["name"] = [$"A tenant named '{name}' already exists."] });
        }
        if (await userManager.FindByEmailAsync(request.AdminEmail) is not null)
        {
            throw new DomainException(DomainErrorKind.Conflict, "That email address is already in use.",
                new Dictionary<string, string[]> { ["admin_email"] = ["That email address is already in use."] });
        }

        var now = clock.GetUtcNow();
        var tenant = new Tenant
        {
            Id = Guid.NewGuid(),
            Name = name,
            TimeZoneId = request.TimeZone,
            Preset = request.Preset,
            CreatedAt = now,
        };

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Tenants.Add(tenant);
            var config = TenantPresets.Create(tenant.Id, tenant.Preset, now);
            config.Language = request.Language;
            db.GamificationConfigs.Add(config);
            // The starter content in the tenant's language (its people read it; admins edit it afterwards).
            db.PlayerLevels.AddRange(StarterCatalog.Levels(tenant.Id, request.Language));
            db.Badges.AddRange(StarterCatalog.Badges(tenant.Id, now, request.Language));
            await db.SaveChangesAsync(ct);
            db.Challenges.AddRange(StarterCatalog.Challenges(tenant.Id, tenant.Preset, now, request.Language));
            db.RewardItems.AddRange(StarterCatalog.Rewards(tenant.Id, now, request.Language));
            await db.SaveChangesAsync(ct);

            var admin = new ApplicationUser
            {
                TenantId = tenant.Id,
                UserName = request.AdminEmail.Trim(),
                Email = request.AdminEmail.Trim(),
                EmailConfirmed = true,
                DisplayName = request.AdminDisplayName.Trim(),
                CreatedAt = now,
            };
            var created = await userManager.CreateAsync(admin, request.AdminPassword);
            if (!created.Succeeded)
            {
                throw new DomainException(DomainErrorKind.Validation, "The first admin could not be created.",
                    new Dictionary<string, string[]> { ["admin_password"] = created.Errors.Select(e => e.Description).ToArray() });
            }
            await userManager.AddToRoleAsync(admin, Roles.Admin);
            await transaction.CommitAsync(ct);
        });

        logger.LogInformation("Created tenant {TenantId} ({Preset})", tenant.Id, tenant.Preset);
        return new TenantSummary(tenant.Id, tenant.Name, tenant.TimeZoneId, tenant.Preset, true, now, 1, 0);
    }

    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
