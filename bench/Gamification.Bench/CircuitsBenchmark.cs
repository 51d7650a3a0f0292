using System.Diagnostics;

using Microsoft.Playwright;

namespace Gamification.Bench;

/// <summary>The options of <c>-- circuits</c>.</summary>
internal sealed record CircuitsSettings(int Circuits, int Contexts, int ReleaseSeconds, int HoldSeconds);

/// <summary>
/// What an open agent dashboard costs the server: N dashboards (Blazor Server circuits) opened in a few signed-in
/// browser contexts (demo agents in turn), the app in this process. The managed heap after a full collection and the
/// process's resident memory, before opening (after one warm-up tab), with all open, and after every tab closed and
/// its circuit released; the difference per circuit against the target, and whether memory went back to where it was.
/// </summary>
internal static class CircuitsBenchmark
{
    private const long TargetBytesPerCircuit = 500 * 1024;

    public static async Task<int> RunAsync(CircuitsSettings s)
    {
        Console.WriteLine($"circuits: {s.Circuits} agent dashboards in {s.Contexts} signed-in browser contexts, in-process app on Kestrel (SQLite), headless Chromium");
        await using var app = await LiveApp.StartAsync();
        Console.WriteLine($"  app on {app.BaseUrl}, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");

        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < s.Contexts; i++)
        {
            contexts.Add(await app.SignedInContextAsync($"agent{i % 24 + 1:00}@acme.test"));
        }
        // Warm-up: the first dashboard compiles and caches what every later one shares.
        for (var i = 0; i < 2; i++)
        {
            await LiveApp.CloseAsync(await LiveApp.OpenLiveAsync(contexts[0], "/dashboard/gamification", "#dash-live"));
        }
        if (!await ReleasedAsync(app, s.ReleaseSeconds))
        {
            Console.Error.WriteLine($"  The warm-up circuits were not released within {s.ReleaseSeconds} s.");
            return 1;
        }
        var baseline = Measure(app, "baseline");

        var pages = new IPage[s.Circuits];
        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(Enumerable.Range(0, s.Circuits).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    pages[i] = await LiveApp.OpenLiveAsync(contexts[i % contexts.Count], "/dashboard/gamification", "#dash-live");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var open = Measure(app, "open");
        if (s.HoldSeconds > 0)
        {
            // Time to look at the heap from outside: dotnet-gcdump collect -p <pid>.
            Console.WriteLine($"  holding the circuits open {s.HoldSeconds} s: process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(s.HoldSeconds));
        }

        var closing = Stopwatch.StartNew();
        foreach (var page in pages)
        {
            await LiveApp.CloseAsync(page);
        }
        var released = await ReleasedAsync(app, s.ReleaseSeconds);
        Console.WriteLine($"  tabs closed: {(released ? "every circuit released" : "circuits still held")} after {closing.Elapsed.TotalSeconds:N1} s");
        var closed = Measure(app, "closed");

        var perCircuit = (double)(open.Managed - baseline.Managed) / s.Circuits;
        var residentPerCircuit = (double)(open.Resident - baseline.Resident) / s.Circuits;
        var leftManaged = closed.Managed - baseline.Managed;
        // Back to baseline: within 5% of what the open circuits added (a collection's noise), and no subscription left.
        var returned = released && leftManaged <= 0.05 * (open.Managed - baseline.Managed) && closed.Subscriptions == baseline.Subscriptions;
        Console.WriteLine();
        Console.WriteLine($"  managed per circuit   {perCircuit / 1024,8:N0} KB (target <= {TargetBytesPerCircuit / 1024} KB: {(perCircuit <= TargetBytesPerCircuit ? "met" : "MISSED")})");
        Console.WriteLine($"  resident per circuit  {residentPerCircuit / 1024,8:N0} KB (working set, for information)");
        Console.WriteLine($"  after closing         managed {leftManaged / 1024.0,8:N0} KB above baseline, resident {(closed.Resident - baseline.Resident) / 1024.0 / 1024,6:N1} MB above,"
            + $" {closed.Circuits} circuits, {closed.Subscriptions} subscriptions (baseline {baseline.Subscriptions}): {(returned ? "back to baseline" : "NOT back to baseline")}");

        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        return perCircuit <= TargetBytesPerCircuit && returned ? 0 : 1;
    }

    private static async Task<bool> ReleasedAsync(LiveApp app, int seconds)
    {
        var until = Stopwatch.StartNew();
        while (LiveApp.OpenCircuits > 0 || app.Subscriptions > 0)
        {
            if (until.Elapsed.TotalSeconds > seconds)
            {
                return false;
            }
            await Task.Delay(250);
        }
        return true;
    }

    private static Snapshot Measure(LiveApp app, string when)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var snapshot = new Snapshot(managed, process.WorkingSet64, LiveApp.OpenCircuits, app.Subscriptions);
        Console.WriteLine($"  {when,-9} managed {snapshot.Managed / 1024.0 / 1024,8:N1} MB, resident {snapshot.Resident / 1024.0 / 1024,8:N1} MB,"
            + $" {snapshot.Circuits,4} circuits, {snapshot.Subscriptions,4} subscriptions");
        return snapshot;
    }

    private sealed record Snapshot(long Managed, long Resident, int Circuits, int Subscriptions);
}
