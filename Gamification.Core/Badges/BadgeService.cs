using Gamification.Core.Data;
using Gamification.Core.Points;

using Microsoft.EntityFrameworkCore;

namespace Gamification.Core.Badges;

/// <summary>
/// The tenant's badge catalog (admins: list, create, edit, deactivate, upload icons, award by hand) and the agents'
/// view of it (earned badges, progress toward the rest). Reads go through the current tenant's filter.
/// Automatic awards happen inside the points engine, in the same transaction as the change that earns them.
/// </summary>
public sealed partial class BadgeService(IDbContextFactory<GamificationDbContext> dbFactory, PointsEngine engine, TimeProvider clock)
{
    private readonly object placeholder = (dbFactory, engine, clock); // TEMP until implemented

    public Task<IReadOnlyList<BadgeView>> ListAsync(BadgeFilter filter, CancellationToken ct = default) => throw new NotImplementedException();

    /// <exception cref="DomainException">Not in the current tenant (404).</exception>
    public Task<BadgeView> GetAsync(long id, CancellationToken ct = default) => throw new NotImplementedException();

    /// <exception cref="DomainException">Validation (400) with a message per field.</exception>
    public Task<BadgeView> CreateAsync(BadgeInput input, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>Edits a badge; those who earned it keep it.</summary>
    public Task<BadgeView> UpdateAsync(long id, BadgeInput input, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>Deactivates (or reactivates) a badge: no new awards while inactive; earned ones stay.</summary>
    public Task<BadgeView> SetActiveAsync(long id, bool active, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>Stores an uploaded icon after checking its size and type by its bytes; returns the icon value to put on a badge.</summary>
    public Task<string> SaveImageAsync(Stream content, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<BadgeImageData?> GetImageAsync(long id, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<EarnedBadge>> EarnedAsync(string userId, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>Every active badge with the user's progress (earned ones first, then locked by closeness).</summary>
    public Task<IReadOnlyList<BadgeProgress>> AvailableAsync(string userId, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>An admin awards a badge by hand with a reason; its points are paid through the engine.</summary>
    /// <exception cref="DomainException">Unknown badge or user (404), inactive badge or missing reason (400), already earned (409).</exception>
    public Task<BadgeAwardResult> AwardAsync(long badgeId, string userId, string reason, string? adminUserId, CancellationToken ct = default) => throw new NotImplementedException();
}
