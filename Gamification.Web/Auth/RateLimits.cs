using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Gamification.Web.Auth;

/// <summary>The request budgets of sign-in and integration keys (section <c>RateLimits</c>). The defaults are far above what real users meet.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests to <c>POST /api/v1/auth/token</c> a minute from one client address.</summary>
    public int TokenRequestsPerMinutePerAddress { get; set; } = 30;

    /// <summary>Requests to <c>POST /api/v1/auth/token</c> a minute for one account (email address), from any address.</summary>
    public int TokenRequestsPerMinutePerAccount { get; set; } = 10;

    /// <summary>Failed sign-ins (token API and sign-in page together) a minute from one client address.</summary>
    public int FailedSignInsPerMinutePerAddress { get; set; } = 10;

    /// <summary>Unknown or revoked integration keys a minute from one client address.</summary>
    public int FailedKeysPerMinutePerAddress { get; set; } = 10;
}

/// <summary>
/// Every request budget the app keeps, one partition per client address, account or integration key. The token
/// endpoint's per-address budget runs in ASP.NET Core's rate-limiting middleware (<see cref="TokenPolicy"/>); the
/// others need to know something first (the key after it is authenticated, the account in the body, whether an
/// attempt failed) and are taken where that is known. Each instance counts on its own.
/// </summary>
public sealed class RateLimits : IDisposable
{
    /// <summary>The rate-limiting middleware's policy on <c>POST /api/v1/auth/token</c>: requests per client address.</summary>
    public const string TokenPolicy = "auth-token";

    /// <summary>The window of the sign-in and key budgets.</summary>
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public RateLimits(RateLimitOptions options, int ingestionRequestsPerSecondPerKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        TokenPerAccount = new(options.TokenRequestsPerMinutePerAccount, Minute);
        FailedSignIns = new(options.FailedSignInsPerMinutePerAddress, Minute);
        FailedKeys = new(options.FailedKeysPerMinutePerAddress, Minute);
        IngestionPerKey = new(ingestionRequestsPerSecondPerKey, TimeSpan.FromSeconds(1));
    }

    /// <summary>Token requests per normalized email address (<see cref="AccountKey"/>).</summary>
    public Budget<string> TokenPerAccount { get; }

    /// <summary>Failed sign-ins per client address (<see cref="ClientAddress"/>); past it every sign-in from there waits.</summary>
    public Budget<string> FailedSignIns { get; }

    /// <summary>Failed integration keys per client address; past it keys from there are not even looked up.</summary>
    public Budget<string> FailedKeys { get; }

    /// <summary>Event requests per second per authenticated integration key (by its id, however the header was spelled).</summary>
    public Budget<long> IngestionPerKey { get; }

    /// <summary>The account an email address names, as the token budget counts it.</summary>
    public static string AccountKey(string email) => email.Trim().ToUpperInvariant();

    public void Dispose()
    {
        TokenPerAccount.Dispose();
        FailedSignIns.Dispose();
        FailedKeys.Dispose();
        IngestionPerKey.Dispose();
    }
}

/// <summary>A number of permits per fixed window for each partition key. Idle partitions are dropped by the limiter.</summary>
public sealed class Budget<TKey> : IDisposable
    where TKey : notnull
{
    private readonly PartitionedRateLimiter<TKey> limiter;

    public Budget(int permitsPerWindow, TimeSpan window)
    {
        Permits = Math.Max(1, permitsPerWindow);
        Window = window;
        var options = new FixedWindowRateLimiterOptions { PermitLimit = Permits, Window = window, QueueLimit = 0 };
        limiter = PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => options));
    }

    public int Permits { get; }

    public TimeSpan Window { get; }

    /// <summary>Takes a permit for <paramref name="key"/>; false, and when to retry, once the window's permits are spent.</summary>
    public bool TryTake(TKey key, out TimeSpan retryAfter) => Acquire(key, 1, out retryAfter);

    /// <summary>Whether <paramref name="key"/> has a permit left in this window, without taking it.</summary>
    public bool HasRoom(TKey key, out TimeSpan retryAfter) => Acquire(key, 0, out retryAfter);

    private bool Acquire(TKey key, int permits, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(key, permits);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>The 429 answer: problem details and a <c>Retry-After</c> header in whole seconds.</summary>
public static class TooManyRequests
{
    public const string Title = "Too many requests.";

    public static ProblemHttpResult Problem(HttpContext http, TimeSpan retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = Seconds(retryAfter);
        return TypedResults.Problem(title: Title, detail: detail, statusCode: StatusCodes.Status429TooManyRequests);
    }

    public static string Seconds(TimeSpan retryAfter) =>
        Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The client a per-address budget counts: the connection's IPv4 address, or the /64 block of an IPv6 address (one
/// subscriber usually holds a whole /64). Behind a reverse proxy this is the proxy unless forwarded headers are
/// applied first. A request without an address (the test server's) counts as one client of its own.
/// </summary>
public static class ClientAddress
{
    public const string None = "no-address";

    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return None;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
