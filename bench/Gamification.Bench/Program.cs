using Gamification.Bench;

// dotnet run -c Release --project bench/Gamification.Bench -- ingest [--events 100000] [--agents 1000] [--batch 1000] [--profile] [--keep] [--no-catalog]
// dotnet run -c Release --project bench/Gamification.Bench -- bind
const string Usage = "Usage: dotnet run -c Release --project bench/Gamification.Bench -- ingest [--events N] [--agents N] [--batch N] [--profile] [--keep] [--no-catalog] | bind";

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
}

switch (args.FirstOrDefault())
{
    case "ingest":
        return await IngestBenchmark.RunAsync(new IngestSettings(
            Events: Option("--events", 100_000),
            Agents: Option("--agents", 1_000),
            BatchSize: Option("--batch", 1_000),
            Keep: args.Contains("--keep"),
            Profile: args.Contains("--profile"),
            NoCatalog: args.Contains("--no-catalog")));
    case "bind":
        return BindBenchmark.Run();
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
