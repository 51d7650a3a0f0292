using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gamification.Tests.Support;

/// <summary>
/// A redis-server of one test's own (Debian's <c>/usr/bin/redis-server</c>, which scripts/services.sh installs) on a
/// free loopback port with its files in a temp folder, for the tests that stop Redis and start it again (the shared
/// server of <see cref="RedisTestServer"/> must stay up for the others). Fails loudly when redis-server is missing.
/// </summary>
internal sealed class PrivateRedisServer : IDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string directory = Path.Combine(Path.GetTempPath(), "gamification-redis-tests", Guid.NewGuid().ToString("N"));
    private Process? process;

    /// <summary>Reserves a port and a folder; <see cref="Start"/> starts the server.</summary>
    public PrivateRedisServer()
    {
        if (!File.Exists(ServerPath))
        {
            throw new InvalidOperationException(
                $"This test runs a Redis server of its own and {ServerPath} is missing. Install it (apt-get install redis-server), "
                + "or run ./test.sh or scripts/services.sh start, which install it.");
        }
        Directory.CreateDirectory(directory);
        Port = FreePort();
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, for <c>Notifications:Redis</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public bool IsRunning => process is { HasExited: false };

    /// <summary>A new server started and answering.</summary>
    public static PrivateRedisServer StartNew()
    {
        var server = new PrivateRedisServer();
        try
        {
            server.Start();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server on its port (again, after <see cref="Stop"/>) and returns once it answers PING.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The Redis server is already running.");
        }
        var log = Path.Combine(directory, "redis.log");
        var start = new ProcessStartInfo(ServerPath) { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory, "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--logfile", log,
        })
        {
            start.ArgumentList.Add(argument);
        }
        process = Process.Start(start) ?? throw new InvalidOperationException($"{ServerPath} did not start.");
        var deadline = Stopwatch.StartNew();
        while (!Answers())
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(10)) : "(no log)";
                throw new InvalidOperationException($"redis-server on 127.0.0.1:{Port} did not answer within {StartTimeout.TotalSeconds:F0} s. Its log:\n{tail}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Kills the server, as a crash or a lost host would: its clients' connections drop at once.</summary>
    public void Stop()
    {
        var running = process;
        process = null;
        if (running is null)
        {
            return;
        }
        if (!running.HasExited)
        {
            running.Kill();
            running.WaitForExit();
        }
        running.Dispose();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer, 0, buffer.Length);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>A port nobody listens on now (the OS picks it; the test binds it right after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
