namespace Gamification.Core.Localization;

/// <summary>Which language a person reads: their own choice, else their tenant's (docs/rules.md, Language).</summary>
public sealed class LanguageService(IDbContextFactory<GamificationDbContext> dbFactory)
{
    /// <summary>The person's language, else their tenant's; null for an unknown person or one with no tenant (operators).</summary>
    public async Task<string?> PreferredAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Language, u.TenantId }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }
        if (Languages.Normalize(person.Language) is { } own)
        {
            return own;
        }
        return person.TenantId is { } tenantId ? await TenantLanguageAsync(db, tenantId, ct) : null;
    }

    /// <summary>The tenant's language (its settings), English when unset.</summary>
    public async Task<string> TenantLanguageAsync(Guid tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TenantLanguageAsync(db, tenantId, ct);
    }

    private static async Task<string> TenantLanguageAsync(GamificationDbContext db, Guid tenantId, CancellationToken ct) =>
        Languages.Normalize(await db.GamificationConfigs.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == tenantId)
            .Select(c => c.Language).FirstOrDefaultAsync(ct)) ?? Languages.Default;
}
