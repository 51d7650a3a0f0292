namespace Gamification.Core.Notifications;

/// <summary>
/// A person's in-app inbox: list, mark one read, mark all read. Works in the current tenant (the context factory's
/// tenant filter) and on the caller's own notices only: another person's, or another tenant's, is not found.
/// </summary>
public sealed class NotificationService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The latest <paramref name="limit"/> notices of <paramref name="userId"/>, newest first, and how many of theirs are unread.</summary>
    /// <exception cref="DomainException">A limit outside 1-<see cref="NotificationRules.MaxListed"/> (400 on <c>limit</c>).</exception>
    public async Task<NotificationInbox> ListAsync(string userId, int limit = NotificationRules.DefaultListed, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (limit is < 1 or > NotificationRules.MaxListed)
        {
            throw DomainException.Invalid("limit", $"limit is between 1 and {NotificationRules.MaxListed}.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.UserNotifications.AsNoTracking().Where(n => n.UserId == userId);
        var rows = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(limit).ToListAsync(ct);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        return new NotificationInbox(rows.Select(NotificationView.From).ToList(), unread);
    }

    /// <summary>Marks one of the caller's notices read (again: it keeps the first time).</summary>
    /// <exception cref="DomainException">Not one of the caller's notices (404), whoever's it is.</exception>
    public async Task<NotificationView> MarkReadAsync(string userId, long id, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notification = await db.UserNotifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, ct)
            ?? throw DomainException.NotFound("The notification");
        if (notification.ReadAt is null)
        {
            notification.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return NotificationView.From(notification);
    }

    /// <summary>Marks every unread notice of the caller read. Returns how many were unread.</summary>
    public async Task<int> MarkAllReadAsync(string userId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.UserNotifications
            .Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
