using System.Security.Cryptography;
using System.Text;

namespace Gamification.Core.Integration;

public sealed record ApiKeyInfo(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A key just created: <see cref="Key"/> is shown this once and never stored.</summary>
public sealed record CreatedApiKey(long Id, string Name, string Prefix, string Key);

/// <summary>The tenant a valid integration key belongs to.</summary>
public sealed record ApiKeyIdentity(long KeyId, Guid TenantId, string Name);

/// <summary>
/// Tenant integration keys for event ingestion (X-Api-Key). A key is 32 random bytes, shown once; only its
/// SHA-256 hash is stored, so a database leak does not leak keys. Admin operations work on the current tenant.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock)
{
    private const string KeyPrefix = "gmk_";
    public const int MaxNameLength = 100;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(string? name, string? createdByUserId, CancellationToken ct = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw DomainException.Invalid("name", "Name the key after the system that will use it.");
        }
        if (trimmed.Length > MaxNameLength)
        {
            throw DomainException.Invalid("name", $"The name is longer than {MaxNameLength} characters.");
        }
        if (!TextRules.IsCleanName(trimmed))
        {
            throw DomainException.Invalid("name", TextRules.NameMessage);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.TenantId == Guid.Empty)
        {
            throw new DomainException(DomainErrorKind.Forbidden, "Integration keys belong to a tenant.");
        }
        if (await db.ApiKeys.AnyAsync(k => k.Name == trimmed && k.RevokedAt == null, ct))
        {
            throw new DomainException(DomainErrorKind.Conflict, $"An active key is already named '{trimmed}'.",
                new Dictionary<string, string[]> { ["name"] = [$"An active key is already named '{trimmed}'."] });
        }
        var key = KeyPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var entity = new ApiKey
        {
            TenantId = db.TenantId,
            Name = trimmed,
            Prefix = key[..12],
            KeyHash = Hash(key),
            CreatedByUserId = createdByUserId,
            CreatedAt = clock.GetUtcNow(),
        };
        await db.AtomicallyAsync(async () =>
        {
            db.ApiKeys.Add(entity);
            await db.SaveChangesAsync(ct);
            // The key's name and prefix; never the key or its hash.
            db.Record(entity.CreatedAt, AuditKind.ApiKeyCreated, "api_key", entity.Id.ToString(CultureInfo.InvariantCulture),
                $"Created the integration key {entity.Name} ({entity.Prefix}…)", null, new { entity.Name, entity.Prefix }, createdByUserId);
            return true;
        }, ct);
        return new CreatedApiKey(entity.Id, entity.Name, entity.Prefix, key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(ct);
        var creatorIds = keys.Select(k => k.CreatedByUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => creatorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return keys
            .OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyInfo(k.Id, k.Name, k.Prefix, k.CreatedAt,
                k.CreatedByUserId is { } by ? names.GetValueOrDefault(by) : null, k.LastUsedAt, k.RevokedAt))
            .ToList();
    }

    /// <summary>Revokes a key of the current tenant; from then on it is refused. Revoking twice is harmless.</summary>
    public async Task RevokeAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw DomainException.NotFound("The key");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            db.Record(key.RevokedAt.Value, AuditKind.ApiKeyRevoked, "api_key", key.Id.ToString(CultureInfo.InvariantCulture),
                $"Revoked the integration key {key.Name} ({key.Prefix}…)", new { Revoked = false }, new { Revoked = true });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The tenant of an active key, or null for an unknown or revoked key. Notes when the key was last used.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key) || !key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return null;
        }
        var hash = Hash(key.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.TenantId, k.Name, k.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (found.LastUsedAt is not { } last || now - last > LastUsedResolution)
        {
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == found.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return new ApiKeyIdentity(found.Id, found.TenantId, found.Name);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
