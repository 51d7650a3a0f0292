namespace Gamification.Web.Notifications;

/// <summary>
/// The app's <see cref="IPointsNotifier"/>: the engine publishes every committed change here, and this fans it out,
/// in process, to the open circuits (browser tabs) that listen: the pages of that agent (the app-bar indicator, the
/// points dashboard). Not a SignalR hub: a tab served by another app instance hears nothing. A subscription is for
/// one user of one tenant, so a page only ever hears about its own user; a tenant subscription (the leaderboards)
/// hears every change in its tenant and nothing of another. Thread-safe; a subscriber that fails is logged and never
/// throws into the engine. Components listen through <see cref="Components.Shared.LiveComponent"/>.
/// </summary>
public sealed class CircuitNotifier(ILogger<CircuitNotifier> logger) : IPointsNotifier
{
    private readonly Lock gate = new();
    // A null user id is a tenant-wide subscription.
    private readonly Dictionary<(Guid TenantId, string? UserId), List<Subscription>> subscribers = [];

    /// <summary>How many subscriptions are open (for tests and diagnostics).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return subscribers.Values.Sum(list => list.Count);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change to <paramref name="userId"/>'s points in
    /// <paramref name="tenantId"/>, on the publisher's thread (a component hands it to its renderer with
    /// <c>InvokeAsync</c>). Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(Guid tenantId, string userId, Func<PointsNotification, Task> onChange)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Add((tenantId, userId), onChange);
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change to anyone's points in <paramref name="tenantId"/> (and none
    /// of another tenant), on the publisher's thread. For pages that show everyone, such as the leaderboards.
    /// Dispose the result to stop.
    /// </summary>
    public IDisposable SubscribeTenant(Guid tenantId, Func<PointsNotification, Task> onChange) => Add((tenantId, null), onChange);

    private Subscription Add((Guid TenantId, string? UserId) key, Func<PointsNotification, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var subscription = new Subscription(this, key, onChange);
        lock (gate)
        {
            if (!subscribers.TryGetValue(key, out var list))
            {
                list = [];
                subscribers[key] = list;
            }
            list.Add(subscription);
        }
        return subscription;
    }

    public void Publish(PointsNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Subscription[] targets;
        lock (gate)
        {
            subscribers.TryGetValue((notification.TenantId, notification.UserId), out var user);
            subscribers.TryGetValue((notification.TenantId, null), out var tenant);
            if (user is null && tenant is null)
            {
                return;
            }
            targets = [.. user ?? [], .. tenant ?? []];
        }
        foreach (var target in targets)
        {
            try
            {
                var pending = target.OnChange(notification);
                if (!pending.IsCompleted)
                {
                    // The engine does not wait for pages: a slow or failing page is logged, not awaited.
                    _ = pending.ContinueWith(
                        t => LogFailure(t.Exception!, notification),
                        CancellationToken.None,
                        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
                else if (pending.IsFaulted)
                {
                    LogFailure(pending.Exception!, notification);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFailure(ex, notification);
            }
        }
    }

    private void LogFailure(Exception ex, PointsNotification notification)
    {
        // A page closed between the snapshot and the call is expected; anything else is worth a warning.
        if (ex is ObjectDisposedException || ex.GetBaseException() is ObjectDisposedException or TaskCanceledException)
        {
            logger.LogDebug("A closed page missed a points notification for user {UserId}", notification.UserId);
            return;
        }
        logger.LogWarning(ex, "A page failed to handle a points notification for user {UserId}", notification.UserId);
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (subscribers.TryGetValue(subscription.Key, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                subscribers.Remove(subscription.Key);
            }
        }
    }

    private sealed class Subscription(CircuitNotifier notifier, (Guid TenantId, string? UserId) key, Func<PointsNotification, Task> onChange)
        : IDisposable
    {
        private CircuitNotifier? owner = notifier;

        public (Guid TenantId, string? UserId) Key { get; } = key;

        public Func<PointsNotification, Task> OnChange { get; } = onChange;

        public void Dispose() => Interlocked.Exchange(ref owner, null)?.Remove(this);
    }
}
