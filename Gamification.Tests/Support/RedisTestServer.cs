using StackExchange.Redis;

namespace Gamification.Tests.Support;

/// <summary>
/// The Redis server named by <see cref="Variable"/> (<c>host:port</c>; ./test.sh starts one with scripts/services.sh and
/// sets it), shared by the test classes: each uses a channel of its own (<see cref="NewChannel"/>). When the variable
/// is unset or the server does not answer, the test fails here, saying so: a Redis test never passes or skips without
/// Redis. Tests that stop and start Redis run a <see cref="PrivateRedisServer"/> of their own instead.
/// </summary>
internal sealed class RedisTestServer
{
    public const string Variable = "GAMIFICATION_TEST_REDIS";

    private const string HowToStart = "Run ./test.sh, which starts one, or start it by hand: eval \"$(scripts/services.sh start)\" "
        + "(and scripts/services.sh stop afterwards)";

    public RedisTestServer()
    {
        Address = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The Redis tests need a server and {Variable} is not set. {HowToStart}.");
        try
        {
            var options = ConfigurationOptions.Parse(Address);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 5000;
            using var connection = ConnectionMultiplexer.Connect(options);
            connection.GetDatabase().Ping();
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException or TimeoutException)
        {
            throw new InvalidOperationException($"The Redis server of {Variable} ({Address}) did not answer ({ex.Message}). {HowToStart}.", ex);
        }
    }

    /// <summary><c>host:port</c>.</summary>
    public string Address { get; }

    /// <summary>A channel no other test uses, so test classes running at once never hear each other.</summary>
    public static string NewChannel() => $"gamification-test:{Guid.NewGuid():N}";
}
