namespace Gamification.Core.Tenants;

/// <summary>
/// A tenant's calendar and rules, as every feature reads them: the clock of its time zone (RULES.md, Time) and its
/// <see cref="GamificationConfig"/>. The one place they are loaded: the engine's unit of work reads them in its own
/// transaction, and the badge, challenge, leaderboard, reward, analytics and job code ask here too. Read untracked
/// and with the tenant passed explicitly, so requests, jobs and the seeder use the same loaders.
/// </summary>
public sealed record TenantRules(TenantClock Clock, GamificationConfig Config)
{
    /// <summary>A tenant's calendar and rules; a tenant without a config (should not happen) gets the documented defaults.</summary>
    /// <exception cref="DomainException">No such tenant (404).</exception>
    public static async Task<TenantRules> LoadAsync(GamificationDbContext db, Guid tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var clock = await LoadClockAsync(db, tenantId, ct);
        var config = await db.GamificationConfigs.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(c => c.TenantId == tenantId, ct)
            ?? new GamificationConfig { TenantId = tenantId };
        return new TenantRules(clock, config);
    }

    /// <summary>A tenant's calendar (its IANA time zone).</summary>
    /// <exception cref="DomainException">No such tenant (404).</exception>
    public static async Task<TenantClock> LoadClockAsync(GamificationDbContext db, Guid tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var timeZoneId = await db.Tenants.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.Id == tenantId)
            .Select(t => t.TimeZoneId)
            .FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("The tenant");
        return TenantClock.For(timeZoneId);
    }
}
