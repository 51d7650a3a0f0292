using System.Globalization;

using Gamification.Bench;
using Gamification.Core.Analytics;

// dotnet run -c Release --project bench/Gamification.Bench -- ingest [--events 100000] [--agents 1000] [--batch 1000] [--profile] [--keep] [--no-catalog] [--no-memory] [--provider sqlite|postgresql] [--connection "Host=...;Username=..."]
// dotnet run -c Release --project bench/Gamification.Bench -- bind
// dotnet run -c Release --project bench/Gamification.Bench -- analytics [--agents 10000] [--teams 20] [--days 90] [--runs 5] [--keep] [--file PATH] [--profile]
// dotnet run -c Release --project bench/Gamification.Bench -- farming [--agents 300] [--farmers 6] [--days 91] [--seed 7] [--set jump_own_factor=2.2,...] [--trace agent-042]
// dotnet run -c Release --project bench/Gamification.Bench -- leaderboard [--agents 10000] [--teams 20] [--rows 1000000] [--days 60] [--reads 1000] [--redis-port 6399] [--keep] [--plan]
// dotnet run -c Release --project bench/Gamification.Bench -- scale [--seconds 20] [--clients 8] [--batch 100] [--samples 200] [--app Gamification.Web.dll] [--connection CS] [--redis host:port] [--keep]
// dotnet run -c Release --project bench/Gamification.Bench -- live [--samples 100] [--dashboards 5]
// dotnet run -c Release --project bench/Gamification.Bench -- circuits [--circuits 100] [--contexts 5] [--release-seconds 240] [--hold 60] [--history-days 21] [--settle-seconds 65] [--census] [--updates]
const string Usage = "Usage: dotnet run -c Release --project bench/Gamification.Bench -- ingest [--events N] [--agents N] [--batch N] [--profile] [--keep] [--no-catalog] [--no-memory] [--provider sqlite|postgresql] [--connection CS] | bind"
    + " | analytics [--agents N] [--teams N] [--days N] [--runs N] [--keep] [--file PATH] [--profile]"
    + " | farming [--agents N] [--farmers N] [--days N] [--seed N] [--set name=value,...] [--trace AGENT]"
    + " | leaderboard [--agents N] [--teams N] [--rows N] [--days N] [--reads N] [--redis-port N] [--keep] [--plan]"
    + " | scale [--seconds N] [--clients N] [--batch N] [--samples N] [--app PATH] [--connection CS] [--redis host:port] [--keep]"
    + " | live [--samples N] [--dashboards N] | circuits [--circuits N] [--contexts N] [--release-seconds N] [--hold SECONDS] [--history-days N] [--settle-seconds N] [--census] [--updates]";

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
}

string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

switch (args.FirstOrDefault())
{
    case "ingest":
        IngestProvider provider;
        switch (Text("--provider")?.ToUpperInvariant())
        {
            case null or "SQLITE":
                provider = IngestProvider.Sqlite;
                break;
            case "POSTGRESQL":
                provider = IngestProvider.PostgreSql;
                break;
            default:
                Console.Error.WriteLine($"--provider is sqlite (default) or postgresql, not '{Text("--provider")}'.");
                return 2;
        }
        return await IngestBenchmark.RunAsync(new IngestSettings(
            Events: Option("--events", 100_000),
            Agents: Option("--agents", 1_000),
            BatchSize: Option("--batch", 1_000),
            Keep: args.Contains("--keep"),
            Profile: args.Contains("--profile"),
            NoCatalog: args.Contains("--no-catalog"),
            NoMemory: args.Contains("--no-memory"),
            Provider: provider,
            Connection: Text("--connection")));
    case "bind":
        return BindBenchmark.Run();
    case "analytics":
        return await AnalyticsBenchmark.RunAsync(new AnalyticsSettings(
            Agents: Option("--agents", 10_000),
            Teams: Option("--teams", 20),
            Days: Option("--days", 90),
            Runs: Option("--runs", 5),
            Keep: args.Contains("--keep"),
            File: Text("--file"),
            Profile: args.Contains("--profile")));
    case "farming":
        // --set tries other thresholds (the API's names, shares 0-1), checked as an admin's change would be.
        var changes = new Dictionary<string, double>();
        foreach (var pair in (Text("--set") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                Console.Error.WriteLine($"--set takes name=value pairs separated by commas, not '{pair}'.");
                return 2;
            }
            changes[parts[0]] = number;
        }
        if (FarmingThresholds.Check(FarmingThresholds.Default, changes) is { Count: > 0 } refused)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, refused.SelectMany(e => e.Value)));
            return 2;
        }
        return FarmingBenchmark.Run(new FarmingSettings(
            Agents: Option("--agents", 300),
            FarmersPerKind: Option("--farmers", 6),
            Days: Math.Max(Option("--days", 91), 42),
            Seed: Option("--seed", 7),
            Thresholds: FarmingThresholds.Default.With(changes),
            Trace: Text("--trace")));
    case "leaderboard":
        return await LeaderboardBenchmark.RunAsync(new LeaderboardSettings(
            Agents: Option("--agents", 10_000),
            Teams: Option("--teams", 20),
            Rows: Option("--rows", 1_000_000),
            Days: Option("--days", 60),
            Reads: Option("--reads", 1_000),
            RedisPort: Option("--redis-port", 6399),
            Keep: args.Contains("--keep"),
            Plan: args.Contains("--plan")));
    case "scale":
        return await ScaleBenchmark.RunAsync(new ScaleSettings(
            Seconds: Option("--seconds", 20),
            Clients: Option("--clients", 8),
            Batch: Option("--batch", 100),
            Samples: Option("--samples", 200),
            App: Text("--app"),
            Connection: Text("--connection"),
            Redis: Text("--redis"),
            Keep: args.Contains("--keep")));
    case "live":
        return await LiveBenchmark.RunAsync(new LiveSettings(
            Samples: Option("--samples", 100),
            Dashboards: Math.Min(Option("--dashboards", 5), 23)));
    case "circuits":
        return await CircuitsBenchmark.RunAsync(new CircuitsSettings(
            Circuits: Option("--circuits", 100),
            Contexts: Option("--contexts", 5),
            ReleaseSeconds: Option("--release-seconds", 240),
            HoldSeconds: args.Contains("--hold") ? Option("--hold", 60) : 0,
            // The demo's own history (as the README's app starts): agents with a ledger, badges and challenges under way,
            // as a dashboard is open on a call-center floor; 0 shows a new agent's dashboard.
            HistoryDays: args.Contains("--history-days") ? Option("--history-days", 0) : 21,
            // The shared array pool trims arrays unused for 60 s (at a full collection): measured after that, what is
            // left is what the app holds.
            SettleSeconds: args.Contains("--settle-seconds") ? Option("--settle-seconds", 0) : 65,
            // Which components hold how many render-tree frames (read from the renderer's private state).
            Census: args.Contains("--census"),
            // Every tab drawn again once (a live change and the challenges' ticker), then measured again.
            Updates: args.Contains("--updates")));
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
