using StackExchange.Redis;

namespace Gamification.Web.Notifications;

/// <summary>Section "Notifications" of appsettings.json: how live updates reach the open pages of every app instance.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public const string DefaultChannel = "gamification:notifications";

    /// <summary>How long connecting to Redis, and each command, may take before it counts as unreachable.</summary>
    public static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Redis for live updates across instances: <c>host:port</c>, or a StackExchange.Redis configuration string
    /// (<c>redis.internal:6379,password=...,ssl=true</c>). Unset (the default): updates stay in process, which is all
    /// one instance needs.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The pub/sub channel every instance of one installation shares.</summary>
    public string RedisChannel { get; set; } = DefaultChannel;

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    public static NotificationOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<NotificationOptions>() ?? new NotificationOptions();
        if (string.IsNullOrWhiteSpace(options.RedisChannel))
        {
            options.RedisChannel = DefaultChannel;
        }
        return options;
    }

    /// <summary>
    /// The connection's settings: <see cref="Redis"/>, with what keeps the app going while Redis is away (never give
    /// up connecting, fail a command at once instead of queueing it, short timeouts, retry soon). A value that is not
    /// a configuration string fails here, at start.
    /// </summary>
    public ConfigurationOptions RedisConfiguration()
    {
        if (!UsesRedis)
        {
            throw new InvalidOperationException($"{Section}:Redis is not set.");
        }
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(Redis!);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{Section}:Redis is not a Redis address (host:port): {ex.Message}", ex);
        }
        if (configuration.EndPoints.Count == 0)
        {
            throw new InvalidOperationException($"{Section}:Redis names no server (expected host:port).");
        }
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = (int)RedisTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)RedisTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)RedisTimeout.TotalMilliseconds;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 500, maxDeltaBackOffMilliseconds: 5000);
        configuration.ClientName ??= "gamification";
        return configuration;
    }
}
