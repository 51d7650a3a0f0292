using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gamification.Tests.Support;

/// <summary>
/// One app instance of several, as a load balancer would have them: the test app (<see cref="GamificationAppFactory"/>)
/// with settings on top, e.g. one PostgreSQL database and one Redis for all instances (<see cref="Shared"/>). Start the
/// first instance before the others: it applies the migrations and seeds the demo, which the others then find.
/// </summary>
public class AppInstanceFactory(IReadOnlyDictionary<string, string?> settings) : GamificationAppFactory
{
    /// <summary>The settings every instance of one installation shares: its database, keys folder and Redis channel.</summary>
    public static Dictionary<string, string?> Shared(string postgres, string keysDirectory, string redis, string channel) => new()
    {
        ["Database:Provider"] = "PostgreSql",
        ["Database:ConnectionString"] = postgres,
        ["Database:MigrateOnStart"] = "true",
        ["DataProtection:KeysDirectory"] = keysDirectory,
        ["Notifications:Redis"] = redis,
        ["Notifications:RedisChannel"] = channel,
    };

    /// <summary>Instances share the database their settings name: none starts from the SQLite template.</summary>
    protected override bool StartsFromSeededTemplate => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Serves the app on Kestrel on a free loopback port (for a browser) and returns its address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The app started without an IServerAddressesFeature: it is not on Kestrel.");
        return addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))?.TrimEnd('/')
            ?? throw new InvalidOperationException($"The app listens on no http address ({string.Join(", ", addresses)}).");
    }

    /// <summary>Kestrel on a free loopback port: add to the settings of an instance that <see cref="StartKestrel"/> serves.</summary>
    public const string LoopbackUrls = "http://127.0.0.1:0";
}
