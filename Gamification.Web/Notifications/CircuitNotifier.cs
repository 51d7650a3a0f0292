namespace Gamification.Web.Notifications;

/// <summary>
/// The app's <see cref="IPointsNotifier"/> and <see cref="INotificationPublisher"/>: the engine publishes every committed
/// change here, and the reminder pass every notice it stores; this fans them out, in process, to the open circuits
/// (browser tabs) that listen: the pages of that agent (the app-bar indicator and bell, the points dashboard). In
/// process only: with several app instances, <see cref="RedisNotificationRelay"/> publishes in its place and hands this
/// notifier what the other instances published (Notifications:Redis). A subscription is for one user of one tenant, so a
/// page only ever hears about its own user; a tenant subscription (the leaderboards) hears every points change in its
/// tenant and nothing of another. Thread-safe; a subscriber that fails is logged and never throws into the publisher.
/// Components listen through <see cref="Components.Shared.LiveComponent"/>.
/// </summary>
public sealed class CircuitNotifier(ILogger<CircuitNotifier> logger) : IPointsNotifier, INotificationPublisher
{
    private readonly Lock gate = new();
    // A null user id is a tenant-wide subscription.
    private readonly Dictionary<(Guid TenantId, string? UserId), List<Subscription<PointsNotification>>> points = [];
    private readonly Dictionary<(Guid TenantId, string? UserId), List<Subscription<NotificationView>>> notices = [];

    /// <summary>How many subscriptions are open, to points and to notices (for tests and diagnostics).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return points.Values.Sum(list => list.Count) + notices.Values.Sum(list => list.Count);
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
        return Add(points, (tenantId, userId), onChange);
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change to anyone's points in <paramref name="tenantId"/> (and none
    /// of another tenant), on the publisher's thread. For pages that show everyone, such as the leaderboards.
    /// Dispose the result to stop.
    /// </summary>
    public IDisposable SubscribeTenant(Guid tenantId, Func<PointsNotification, Task> onChange) => Add(points, (tenantId, null), onChange);

    /// <summary>
    /// Calls <paramref name="onNotice"/> for every notice stored for <paramref name="userId"/> in
    /// <paramref name="tenantId"/> (the inbox: streak reminders, decay notices), on the publisher's thread. Dispose the
    /// result to stop.
    /// </summary>
    public IDisposable SubscribeNotifications(Guid tenantId, string userId, Func<NotificationView, Task> onNotice)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Add(notices, (tenantId, userId), onNotice);
    }

    private Subscription<T> Add<T>(Dictionary<(Guid TenantId, string? UserId), List<Subscription<T>>> registry, (Guid TenantId, string? UserId) key, Func<T, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var subscription = new Subscription<T>(s => Remove(registry, key, s), onChange);
        lock (gate)
        {
            if (!registry.TryGetValue(key, out var list))
            {
                list = [];
                registry[key] = list;
            }
            list.Add(subscription);
        }
        return subscription;
    }

    public void Publish(PointsNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Subscription<PointsNotification>[] targets;
        lock (gate)
        {
            points.TryGetValue((notification.TenantId, notification.UserId), out var user);
            points.TryGetValue((notification.TenantId, null), out var tenant);
            if (user is null && tenant is null)
            {
                return;
            }
            targets = [.. user ?? [], .. tenant ?? []];
        }
        Deliver(targets, notification, notification.UserId, "points notification");
    }

    public void Publish(Guid tenantId, string userId, NotificationView notification)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(notification);
        Subscription<NotificationView>[] targets;
        lock (gate)
        {
            if (!notices.TryGetValue((tenantId, userId), out var user))
            {
                return;
            }
            targets = [.. user];
        }
        Deliver(targets, notification, userId, "notice");
    }

    private void Deliver<T>(Subscription<T>[] targets, T message, string userId, string what)
    {
        foreach (var target in targets)
        {
            try
            {
                var pending = target.OnChange(message);
                if (!pending.IsCompleted)
                {
                    // The publisher does not wait for pages: a slow or failing page is logged, not awaited.
                    _ = pending.ContinueWith(
                        t => LogFailure(t.Exception!, userId, what),
                        CancellationToken.None,
                        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
                else if (pending.IsFaulted)
                {
                    LogFailure(pending.Exception!, userId, what);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFailure(ex, userId, what);
            }
        }
    }

    private void LogFailure(Exception ex, string userId, string what)
    {
        // A page closed between the snapshot and the call is expected; anything else is worth a warning.
        if (ex is ObjectDisposedException || ex.GetBaseException() is ObjectDisposedException or TaskCanceledException)
        {
            logger.LogDebug("A closed page missed a {What} for user {UserId}", what, userId);
            return;
        }
        logger.LogWarning(ex, "A page failed to handle a {What} for user {UserId}", what, userId);
    }

    private void Remove<T>(Dictionary<(Guid TenantId, string? UserId), List<Subscription<T>>> registry, (Guid TenantId, string? UserId) key, Subscription<T> subscription)
    {
        lock (gate)
        {
            if (registry.TryGetValue(key, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                registry.Remove(key);
            }
        }
    }

    private sealed class Subscription<T>(Action<Subscription<T>> remove, Func<T, Task> onChange) : IDisposable
    {
        private Action<Subscription<T>>? remove = remove;

        public Func<T, Task> OnChange { get; } = onChange;

        public void Dispose() => Interlocked.Exchange(ref remove, null)?.Invoke(this);
    }
}
