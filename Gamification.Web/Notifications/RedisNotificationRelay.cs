using System.Text.Json.Serialization;

using StackExchange.Redis;

namespace Gamification.Web.Notifications;

/// <summary>
/// The app's <see cref="IPointsNotifier"/> and <see cref="INotificationPublisher"/> when <c>Notifications:Redis</c> is
/// set: live updates for the open pages of every app instance. Each notification (a points change with its
/// achievements, which the leaderboards and the redemption queue also hear; a notice for the inbox) goes first to this
/// instance's own pages through the <see cref="CircuitNotifier"/>, then once to a Redis pub/sub channel as JSON naming
/// its tenant, user, kind and the instance it came from. Every instance listens on the channel and hands what the
/// others published to its own <see cref="CircuitNotifier"/>, skipping its own: each instance delivers a notification
/// exactly once.
/// </summary>
/// <remarks>
/// Redis being away never fails or slows a write: publishing only hands the message to StackExchange.Redis (no wait),
/// and while the connection is down it is not even tried (commands fail fast instead of queueing). The origin's own
/// pages still update, the other instances' pages catch up on their next read (their data is in the database), and
/// <c>/health</c> says "degraded". StackExchange.Redis keeps reconnecting and subscribes again by itself; delivery
/// resumes with the next notification. Messages published during an outage are not replayed (pub/sub keeps nothing).
/// </remarks>
public sealed class RedisNotificationRelay : IPointsNotifier, INotificationPublisher, IHostedService, IAsyncDisposable
{
    internal const string PointsKind = "points";
    internal const string NoticeKind = "notice";
    internal const int FormatVersion = 1;

    /// <summary>The channel's JSON: snake_case, enums as names, as the API writes them.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly CircuitNotifier local;
    private readonly ConfigurationOptions configuration;
    private readonly RedisChannel channel;
    private readonly ILogger<RedisNotificationRelay> logger;
    private volatile ConnectionMultiplexer? connection;
    private volatile ISubscriber? subscriber;
    // 1 from a lost connection until it is back: the loss and the return are logged once each.
    private int down;

    public RedisNotificationRelay(CircuitNotifier local, NotificationOptions options, ILogger<RedisNotificationRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.local = local;
        this.logger = logger;
        configuration = options.RedisConfiguration();
        channel = RedisChannel.Literal(options.RedisChannel);
        ChannelName = options.RedisChannel;
    }

    /// <summary>This instance's id in the messages it publishes (a new one each start).</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The pub/sub channel this relay publishes to and listens on.</summary>
    public string ChannelName { get; }

    /// <summary>
    /// Connects (at most <see cref="NotificationOptions.RedisTimeout"/> when Redis does not answer: the app starts
    /// without it) and subscribes to the channel. The subscription is recorded even when Redis is not there yet, and
    /// StackExchange.Redis makes it again after every reconnect.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var mux = await ConnectionMultiplexer.ConnectAsync(configuration);
        mux.ConnectionFailed += OnConnectionFailed;
        mux.ConnectionRestored += OnConnectionRestored;
        var sub = mux.GetSubscriber();
        // Fire-and-forget, so that subscribing while Redis is away records the subscription instead of throwing; a
        // queue hands this instance the channel's messages one at a time, in the order they were published.
        var queue = await sub.SubscribeAsync(channel, CommandFlags.FireAndForget);
        queue.OnMessage(Receive);
        (connection, subscriber) = (mux, sub);
        if (mux.IsConnected && await PingAsync(sub, cancellationToken))
        {
            logger.LogInformation("Live updates go through Redis channel {Channel} (instance {InstanceId})", ChannelName, InstanceId);
        }
        else
        {
            Interlocked.Exchange(ref down, 1);
            logger.LogWarning(
                "Redis ({Endpoints}) does not answer: live updates reach this instance's pages only, until it does (instance {InstanceId})",
                Endpoints, InstanceId);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        var mux = connection;
        (connection, subscriber) = (null, null);
        if (mux is not null)
        {
            mux.ConnectionFailed -= OnConnectionFailed;
            mux.ConnectionRestored -= OnConnectionRestored;
            await mux.DisposeAsync();
        }
    }

    /// <summary>
    /// Whether live updates reach the other instances now: connected, subscribed, and the subscription connection
    /// answers within <see cref="NotificationOptions.RedisTimeout"/>.
    /// </summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        var sub = subscriber;
        return connection is { IsConnected: true } && sub is not null && sub.IsConnected(channel) && await PingAsync(sub, cancellationToken);
    }

    public void Publish(PointsNotification notification)
    {
        local.Publish(notification);
        Send(PointsKind, notification.TenantId, notification.UserId, notification);
    }

    public void Publish(Guid tenantId, string userId, NotificationView notification)
    {
        local.Publish(tenantId, userId, notification);
        Send(NoticeKind, tenantId, userId, notification);
    }

    private void Send<T>(string kind, Guid tenantId, string userId, T payload)
    {
        var sub = subscriber;
        if (sub is null || connection is not { IsConnected: true })
        {
            // Before the start, after the stop, or while Redis is away (logged once when the connection went).
            logger.LogDebug("Redis is not connected: a {Kind} notification for user {UserId} reached this instance's pages only", kind, userId);
            return;
        }
        try
        {
            var message = JsonSerializer.SerializeToUtf8Bytes(new NotificationEnvelope<T>(FormatVersion, InstanceId, kind, tenantId, userId, payload), Json);
            // Not awaited: the engine does not wait for Redis. A failure is logged when it comes.
            _ = sub.PublishAsync(channel, message).ContinueWith(
                static (task, state) => ((RedisNotificationRelay)state!).OnPublishFailed(task.Exception!),
                this,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or JsonException or NotSupportedException)
        {
            OnPublishFailed(ex);
        }
    }

    private void OnPublishFailed(Exception ex) =>
        logger.LogWarning(ex.GetBaseException(), "A live update could not be sent through Redis: the other instances' pages show it on their next read");

    private void Receive(ChannelMessage message)
    {
        try
        {
            byte[]? bytes = message.Message;
            var envelope = bytes is null ? null : JsonSerializer.Deserialize<NotificationEnvelope<JsonElement>>(bytes, Json);
            if (envelope is null || envelope.Version != FormatVersion || envelope.Kind is null || string.IsNullOrEmpty(envelope.UserId))
            {
                logger.LogWarning("A message on Redis channel {Channel} is not a live update this version reads; ignored", ChannelName);
                return;
            }
            if (envelope.Origin == InstanceId)
            {
                // This instance's own: its pages had it when it was published.
                return;
            }
            switch (envelope.Kind)
            {
                case PointsKind:
                    var points = envelope.Payload.Deserialize<PointsNotification>(Json);
                    // The envelope and its content name the same person: a page never hears about another tenant's.
                    if (points is null || points.TenantId != envelope.TenantId || points.UserId != envelope.UserId)
                    {
                        logger.LogWarning("A points update on Redis channel {Channel} names two different people; ignored", ChannelName);
                        return;
                    }
                    local.Publish(points);
                    break;
                case NoticeKind:
                    var notice = envelope.Payload.Deserialize<NotificationView>(Json)
                        ?? throw new JsonException("A notice without its content.");
                    local.Publish(envelope.TenantId, envelope.UserId, notice);
                    break;
                default:
                    logger.LogWarning("A live update of unknown kind {Kind} on Redis channel {Channel}; ignored", envelope.Kind, ChannelName);
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            logger.LogWarning(ex, "An unreadable message on Redis channel {Channel}; ignored", ChannelName);
        }
    }

    private async Task<bool> PingAsync(ISubscriber sub, CancellationToken cancellationToken)
    {
        try
        {
            // On the subscription's own connection, behind the subscription itself.
            await sub.PingAsync().WaitAsync(NotificationOptions.RedisTimeout, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return false;
        }
    }

    private string Endpoints => string.Join(", ", configuration.EndPoints.Select(EndPointCollection.ToString));

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (Interlocked.Exchange(ref down, 1) == 0)
        {
            logger.LogWarning(
                "Lost Redis ({Endpoints}, {FailureType}): live updates reach this instance's pages only until it is back; writes go on",
                Endpoints, e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        var mux = connection;
        if (mux is { IsConnected: true } && Interlocked.Exchange(ref down, 0) == 1)
        {
            logger.LogInformation("Redis ({Endpoints}) is back: live updates reach every instance again", Endpoints);
        }
    }
}

/// <summary>
/// One live update on the Redis channel: <c>{"version":1,"origin":"…","kind":"points","tenant_id":"…","user_id":"…",
/// "payload":{…}}</c>. The payload is the <see cref="PointsNotification"/> or <see cref="NotificationView"/> as the
/// engine published it.
/// </summary>
internal sealed record NotificationEnvelope<T>(int Version, Guid Origin, string Kind, Guid TenantId, string UserId, T Payload);
