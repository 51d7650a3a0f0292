using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// The base of every component that shows live data (the agent's points, badges, challenges and shop, the
/// leaderboards, the wallboard, the redemption queue, the app-bar indicator). It holds the plumbing each of them used
/// to repeat: it listens to the <see cref="CircuitNotifier"/> only on a live (interactive) circuit, hands every change
/// to the renderer through <c>InvokeAsync</c> and renders after it, coalesces a tenant's bursts into at most one reload
/// per interval, ignores whatever arrives after <see cref="Dispose()"/>, and unsubscribes there. The reads a change
/// starts run off the renderer (<see cref="OperationScope.RunOffRenderer"/>), so one component's reload never holds up
/// another's update of the same change. A component calls
/// <see cref="ListenToUser"/> or <see cref="ListenToTenant"/> (before its first load, so that no change committed
/// during that load is missed) and says only what a change reloads.
/// </summary>
/// <remarks>
/// A base class rather than a child component such as eShop's <c>OrdersRefreshOnStatusChange.razor</c>: a child
/// subscribes only when its parent first renders, after the parent's first load has started, so a change committed in
/// between would not show until the next one. The pages also need to know, in their own load loops and timers, that
/// they were disposed (<see cref="IsDisposed"/>).
/// </remarks>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private Listener? listener;
    private IDisposable? noticeListener;
    private object? noticeOwner;

    // The reader's culture and language, as the circuit set them when the component was created: a change arrives on
    // the publisher's thread, in the culture of the request that made it (an integration's, another person's).
    private readonly CultureInfo readerCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo readerUICulture = CultureInfo.CurrentUICulture;

    [Inject]
    private CircuitNotifier Notifier { get; set; } = default!;

    [Inject]
    private TimeProvider LiveClock { get; set; } = default!;

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    /// <summary>Whether the component listens now (a live circuit that called one of the Listen methods).</summary>
    protected bool IsLive => listener is not null || noticeListener is not null;

    /// <summary>
    /// Handles a change, and renders after it, in the reader's culture and language (set for the rest of the handler:
    /// an async method's changes to them end with it), not the publisher's.
    /// </summary>
    private void UseReaderCulture()
    {
        CultureInfo.CurrentCulture = readerCulture;
        CultureInfo.CurrentUICulture = readerUICulture;
    }

    /// <summary>The component was disposed: timers and loops stop, and no change is handled any more.</summary>
    protected bool IsDisposed { get; private set; }

    /// <summary>
    /// On a live circuit, runs <paramref name="onChange"/> on the renderer for every change to one person's points,
    /// each as it comes (in the order published), then renders. Replaces what an earlier Listen call listened to.
    /// Returns whether it listens (false while prerendering: a prerendered page is thrown away once sent).
    /// </summary>
    protected bool ListenToUser(Guid tenantId, string userId, Func<PointsNotification, Task> onChange)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(onChange);
        if (!RendererInfo.IsInteractive)
        {
            return false;
        }
        StopListeningToPoints();
        var me = new Listener(throttle: null);
        listener = me;
        // Handed over (in order) rather than run on the publisher's thread: a page's reload after a change reads the
        // database, and with SQLite that read completes synchronously; run inline, it held up the next pages (the
        // app-bar indicator waited for the dashboard's whole reload) and the request that published the change.
        me.Subscription = Notifier.Subscribe(tenantId, userId, notification => me.HandOver(() => InvokeAsync(async () =>
        {
            if (IsDisposed || listener != me || notification.TenantId != tenantId || notification.UserId != userId)
            {
                return;
            }
            OperationScope.RunOffRenderer();
            UseReaderCulture();
            await onChange(notification);
            StateHasChanged();
        })));
        return true;
    }

    /// <summary>
    /// On a live circuit, reloads through <paramref name="reload"/> on the renderer when anyone's points in the tenant
    /// change (only the changes <paramref name="concerns"/> accepts, when given), then renders. A whole floor's calls
    /// fire many changes a second: the first change after a quiet spell reloads at once, later ones within
    /// <paramref name="interval"/> share one reload at its end (<see cref="ThrottledReload"/>). Replaces what an
    /// earlier Listen call listened to. Returns whether it listens.
    /// </summary>
    protected bool ListenToTenant(Guid tenantId, TimeSpan interval, Func<Task> reload, Func<PointsNotification, bool>? concerns = null)
    {
        ArgumentNullException.ThrowIfNull(reload);
        if (!RendererInfo.IsInteractive)
        {
            return false;
        }
        StopListeningToPoints();
        Listener? me = null;
        // The reload runs on the thread pool, not on the caller's thread: a reload due at once would otherwise run
        // inside Publish (the renderer runs InvokeAsync work inline when idle, and SQLite's reads complete
        // synchronously), holding up the request that recorded the change and every page after this one. The
        // throttle awaits the returned task, so its guarantees (at most one reload per interval, none after Dispose)
        // are unchanged.
        var throttle = new ThrottledReload(interval, LiveClock, () => Task.Run(() => InvokeAsync(async () =>
        {
            if (!IsDisposed && listener == me)
            {
                OperationScope.RunOffRenderer();
                UseReaderCulture();
                await reload();
                StateHasChanged();
            }
        })), LoggerFactory.CreateLogger(GetType()));
        me = new Listener(throttle);
        listener = me;
        me.Subscription = Notifier.SubscribeTenant(tenantId, notification =>
        {
            if (!IsDisposed && notification.TenantId == tenantId && (concerns is null || concerns(notification)))
            {
                throttle.Request();
            }
            return Task.CompletedTask;
        });
        return true;
    }

    /// <summary>
    /// On a live circuit, runs <paramref name="onNotice"/> on the renderer for every notice stored for one person (their
    /// inbox: streak reminders, decay notices), then renders. Independent of what the points listeners listen to;
    /// replaces an earlier call of this method. Returns whether it listens (false while prerendering).
    /// </summary>
    protected bool ListenToNotifications(Guid tenantId, string userId, Func<NotificationView, Task> onNotice)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(onNotice);
        if (!RendererInfo.IsInteractive)
        {
            return false;
        }
        StopListeningToNotifications();
        var me = new object();
        noticeOwner = me;
        noticeListener = Notifier.SubscribeNotifications(tenantId, userId, notice => InvokeAsync(async () =>
        {
            if (IsDisposed || noticeOwner != me)
            {
                return;
            }
            OperationScope.RunOffRenderer();
            UseReaderCulture();
            await onNotice(notice);
            StateHasChanged();
        }));
        return true;
    }

    /// <summary>
    /// Tells the tenant throttle that the component just loaded for another reason (its first load, a tab switch),
    /// so the next live reload waits its interval. Does nothing when not listening to a tenant.
    /// </summary>
    protected void MarkReloaded() => listener?.Throttle?.MarkReloaded();

    /// <summary>Stops listening to points and notices (a component whose signed-in person changed listens again).</summary>
    protected void StopListening()
    {
        StopListeningToPoints();
        StopListeningToNotifications();
    }

    private void StopListeningToPoints()
    {
        var old = listener;
        listener = null;
        old?.Dispose();
    }

    private void StopListeningToNotifications()
    {
        var old = noticeListener;
        (noticeListener, noticeOwner) = (null, null);
        old?.Dispose();
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Overrides stop their own timers after calling this (it marks the component disposed and unsubscribes).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            IsDisposed = true;
            StopListening();
        }
    }

    private sealed class Listener(ThrottledReload? throttle) : IDisposable
    {
        private readonly Lock order = new();
        private Task tail = Task.CompletedTask;

        public ThrottledReload? Throttle { get; } = throttle;

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool after the work handed over before it has finished: the
        /// publisher returns at once, and the changes still reach the component one at a time, in the order published.
        /// </summary>
        public Task HandOver(Func<Task> work)
        {
            lock (order)
            {
                tail = tail.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
                return tail;
            }
        }

        public IDisposable? Subscription { get; set; }

        public void Dispose()
        {
            Subscription?.Dispose();
            Throttle?.Dispose();
        }
    }
}
