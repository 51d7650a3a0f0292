using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

using StackExchange.Redis;

namespace Gamification.Bench;

/// <summary>The options of <c>-- scale</c>.</summary>
internal sealed record ScaleSettings(int Seconds, int Clients, int Batch, int Samples, string? App, string? Connection, string? Redis, bool Keep);

/// <summary>
/// Several app instances on one PostgreSQL database and one Redis, as real Kestrel processes of the built app
/// (Gamification.Web.dll), each started as scripts/instances.sh starts them. Measures events per second through HTTP
/// (batches from concurrent clients spread round-robin across the instances) with 1 and with 3 instances, each on a
/// fresh database, and, with 3, how long a live update takes from an event sent to instance A to its message on the
/// Redis channel every instance (B's relay among them) listens on.
/// </summary>
internal static class ScaleBenchmark
{
    private const string Password = "Demo123!";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(ScaleSettings s)
    {
        var app = s.App ?? FindApp();
        var redis = s.Redis ?? Environment.GetEnvironmentVariable("GAMIFICATION_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(redis))
        {
            Console.Error.WriteLine("No Redis given (--redis host:port or GAMIFICATION_TEST_REDIS): start one with eval \"$(scripts/services.sh start)\".");
            return 2;
        }
        await using var server = await BenchPostgres.StartAsync(s.Connection);
        Console.WriteLine($"scale: {s.Clients} clients posting batches of {s.Batch} call_completed events for {s.Seconds} s (after 3 s of warm-up)");
        Console.WriteLine($"  app     {app}");
        Console.WriteLine($"  server  PostgreSQL {await server.VersionAsync()} on {server.Describe()}, Redis on {redis}, {Environment.ProcessorCount} cores");

        var one = await RunClusterAsync(server, app, redis, 1, s, measureLatency: false);
        var three = await RunClusterAsync(server, app, redis, 3, s, measureLatency: true);

        var ratio = three.EventsPerSecond / one.EventsPerSecond;
        Console.WriteLine();
        Console.WriteLine($"  1 instance   {one.EventsPerSecond,8:N0} events/s ({one.Events:N0} events, {one.Rejected} rejected)");
        Console.WriteLine($"  3 instances  {three.EventsPerSecond,8:N0} events/s ({three.Events:N0} events, {three.Rejected} rejected)");
        Console.WriteLine($"  ratio        {ratio,8:N2} (target >= 0.90: {(ratio >= 0.9 ? "met" : "MISSED")})");
        var latency = three.Latencies.Order().ToList();
        if (latency.Count > 0)
        {
            var p95 = Percentile(latency, 0.95);
            Console.WriteLine($"  live update  p50 {Percentile(latency, 0.5),6:N1} ms, p95 {p95,6:N1} ms, max {latency[^1],6:N1} ms over {latency.Count} events sent to A"
                + $" (target p95 < 250 ms: {(p95 < 250 ? "met" : "MISSED")}; {three.LostUpdates} not heard within 5 s)");
        }
        return ratio >= 0.9 && three.LostUpdates == 0 && one.Rejected == 0 && three.Rejected == 0 ? 0 : 1;
    }

    private sealed record ClusterResult(long Events, long Rejected, double EventsPerSecond, IReadOnlyList<double> Latencies, int LostUpdates);

    private static async Task<ClusterResult> RunClusterAsync(BenchPostgres server, string app, string redis, int count, ScaleSettings s, bool measureLatency)
    {
        var database = await server.CreateDatabaseAsync($"scale{count}");
        var channel = $"gamification-bench:{Guid.NewGuid():N}";
        var instances = new List<Instance>();
        try
        {
            var started = Stopwatch.StartNew();
            // The first migrates and seeds; the others then start on the same database.
            instances.Add(await Instance.StartAsync(app, database, redis, channel, 1));
            instances.AddRange(await Task.WhenAll(Enumerable.Range(2, count - 1).Select(n => Instance.StartAsync(app, database, redis, channel, n))));
            Console.WriteLine($"  {count} instance(s) up in {started.Elapsed.TotalSeconds:N1} s: {string.Join(", ", instances.Select(i => i.Url))}");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromMinutes(2) };
            var acmeKey = await CreateKeyAsync(http, instances[0].Url, "admin@acme.test");
            var agents = Enumerable.Range(1, 24).Select(i => $"agent-{i:00}").ToArray();
            long sequence = 0;
            long events = 0;
            long rejected = 0;
            var measuring = false;
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, s.Clients).Select(c => Task.Run(async () =>
            {
                var url = instances[c % count].Url;
                while (!stop.IsCancellationRequested)
                {
                    var now = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    var batch = Enumerable.Range(0, s.Batch).Select(_ =>
                    {
                        var n = Interlocked.Increment(ref sequence);
                        return new Dictionary<string, object?>
                        {
                            ["event_id"] = $"bench-{n:D9}",
                            ["type"] = "call_completed",
                            ["agent_id"] = agents[n % agents.Length],
                            ["occurred_at"] = now,
                        };
                    }).ToList();
                    var answer = await PostEventsAsync(http, url, acmeKey, batch);
                    if (Volatile.Read(ref measuring))
                    {
                        Interlocked.Add(ref events, answer.Accepted);
                        Interlocked.Add(ref rejected, answer.Rejected);
                    }
                }
            })).ToList();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var clock = Stopwatch.StartNew();
            Volatile.Write(ref measuring, true);
            await Task.Delay(TimeSpan.FromSeconds(s.Seconds));
            Volatile.Write(ref measuring, false);
            var elapsed = clock.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            await Task.WhenAll(clients);
            var perSecond = events / elapsed;
            Console.WriteLine($"  {count} instance(s): {perSecond:N0} events/s ({events:N0} accepted, {rejected} rejected in {elapsed:N1} s)");

            var latencies = new List<double>();
            var lost = 0;
            if (measureLatency)
            {
                (latencies, lost) = await MeasureLatencyAsync(http, instances[0].Url, redis, channel, s.Samples);
            }
            return new ClusterResult(events, rejected, perSecond, latencies, lost);
        }
        finally
        {
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
            if (!s.Keep)
            {
                await server.DropDatabaseAsync(database);
            }
        }
    }

    /// <summary>
    /// Sends one event at a time to instance A (Globex's agents: below their daily cap, so each event moves points and
    /// is published) and times it from the moment the request leaves to the first message on the instances' Redis
    /// channel, as B's relay receives it before handing it to B's circuits in memory.
    /// </summary>
    private static async Task<(List<double> Latencies, int Lost)> MeasureLatencyAsync(HttpClient http, string a, string redis, string channel, int samples)
    {
        var key = await CreateKeyAsync(http, a, "admin@globex.test");
        using var mux = await ConnectionMultiplexer.ConnectAsync(redis);
        var heard = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await mux.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, _) => Volatile.Read(ref heard).TrySetResult(Stopwatch.GetTimestamp()));
        var latencies = new List<double>();
        var lost = 0;
        for (var i = 0; i < samples; i++)
        {
            Volatile.Write(ref heard, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
            var waiting = Volatile.Read(ref heard).Task;
            var evt = new Dictionary<string, object?>
            {
                ["event_id"] = $"latency-{i:D6}-{Guid.NewGuid():N}",
                ["type"] = "call_completed",
                ["agent_id"] = $"agent-{(i % 6) + 1:00}",
                ["occurred_at"] = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
            var sent = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{a}/api/v1/gamification/events") { Content = JsonContent.Create(evt) };
            request.Headers.Add("X-Api-Key", key);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var done = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(5)));
            if (done == waiting)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, await waiting).TotalMilliseconds);
            }
            else
            {
                lost++;
            }
            // The other messages of this event (a badge's, a notification's) pass before the next one is sent.
            await Task.Delay(50);
        }
        return (latencies, lost);
    }

    private sealed record BatchAnswer(int Accepted, int Rejected);

    private static async Task<BatchAnswer> PostEventsAsync(HttpClient http, string url, string key, List<Dictionary<string, object?>> batch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/api/v1/gamification/events/batch")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { events = batch }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{url} answered a batch with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new BatchAnswer(body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32());
    }

    /// <summary>Signs in as the tenant's admin on <paramref name="url"/> and creates an integration key.</summary>
    private static async Task<string> CreateKeyAsync(HttpClient http, string url, string admin)
    {
        var tokenResponse = await http.PostAsJsonAsync($"{url}/api/v1/auth/token", new { email = admin, password = Password });
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/api/v1/gamification/admin/api-keys")
        {
            Content = JsonContent.Create(new { name = $"Bench {Guid.NewGuid():N}"[..20] }, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating a key on {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The built app: Gamification.Web/bin/Release (else Debug)/net10.0/Gamification.Web.dll above the current folder.</summary>
    private static string FindApp()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var dll = Path.Combine(directory.FullName, "Gamification.Web", "bin", configuration, "net10.0", "Gamification.Web.dll");
                if (File.Exists(dll))
                {
                    return dll;
                }
            }
        }
        throw new InvalidOperationException("No built Gamification.Web.dll found: run dotnet build -c Release Gamification.Web first, or pass --app PATH.");
    }

    /// <summary>One app instance: a <c>dotnet Gamification.Web.dll</c> process on a free loopback port, its output kept for errors.</summary>
    private sealed class Instance : IDisposable
    {
        private readonly Process process;
        private readonly Queue<string> lastLines = new();

        private Instance(Process process, string url)
        {
            this.process = process;
            Url = url;
        }

        public string Url { get; }

        public static async Task<Instance> StartAsync(string app, string database, string redis, string channel, int number)
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            var info = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(app)!,
            };
            info.ArgumentList.Add(app);
            // The settings scripts/instances.sh gives each instance, and the bench's: no simulated activity, no history.
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = url,
                ["Database__Provider"] = "PostgreSql",
                ["Database__ConnectionString"] = database,
                ["Database__MigrateOnStart"] = "true",
                ["Jobs__Store"] = "PostgreSql",
                ["DataProtection__Store"] = "Database",
                ["Notifications__Redis"] = redis,
                ["Notifications__RedisChannel"] = channel,
                ["Demo__SimulateActivity"] = "false",
                ["Seed__DemoHistoryDays"] = "0",
                ["Banner"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (name, value) in settings)
            {
                info.Environment[name] = value;
            }
            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
            var instance = new Instance(process, url);
            process.OutputDataReceived += (_, e) => instance.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => instance.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await instance.WaitHealthyAsync(number);
            return instance;
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (lastLines)
            {
                lastLines.Enqueue(line);
                if (lastLines.Count > 30)
                {
                    lastLines.Dequeue();
                }
            }
        }

        private async Task WaitHealthyAsync(int number)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (process.HasExited)
                {
                    break;
                }
                try
                {
                    using var response = await http.GetAsync($"{Url}/health");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
                await Task.Delay(250);
            }
            string output;
            lock (lastLines)
            {
                output = string.Join(Environment.NewLine, lastLines);
            }
            Dispose();
            throw new InvalidOperationException($"Instance {number} on {Url} did not become healthy. Its last lines:{Environment.NewLine}{output}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
    }
}
