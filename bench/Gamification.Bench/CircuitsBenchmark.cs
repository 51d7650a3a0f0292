using System.Diagnostics;
using System.Net.Http.Json;

using Microsoft.Playwright;

namespace Gamification.Bench;

/// <summary>The options of <c>-- circuits</c>.</summary>
internal sealed record CircuitsSettings(int Circuits, int Contexts, int ReleaseSeconds, int HoldSeconds, int HistoryDays, int SettleSeconds, bool Census = false, bool Updates = false);

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
        Console.WriteLine($"circuits: {s.Circuits} agent dashboards in {s.Contexts} signed-in browser contexts, in-process app on Kestrel (SQLite), headless Chromium,"
            + $" the demo seeded with {s.HistoryDays} days of history");
        await using var app = await LiveApp.StartAsync(s.HistoryDays);
        Console.WriteLine($"  app on {app.BaseUrl}, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");

        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < s.Contexts; i++)
        {
            contexts.Add(await app.SignedInContextAsync($"agent{i % 24 + 1:00}@acme.test"));
        }
        // Warm-up: the first dashboards compile and cache what every later one shares (one tab of each agent: the medals'
        // and challenges' markup is shared per badge and challenge).
        var warm = await Task.WhenAll(contexts.Select(c => LiveApp.OpenLiveAsync(c, "/dashboard/gamification", "#dash-live")));
        if (s.Updates)
        {
            // The first events in the process fill the app's shared caches (EF Core's compiled queries, the boards): paid
            // before the baseline, so the figures after the updates are the tabs' alone.
            await UpdateAllAsync(app, contexts.Count, warm, tickerSeconds: 0);
        }
        foreach (var tab in warm)
        {
            await LiveApp.CloseAsync(tab);
        }
        if (!await ReleasedAsync(app, s.ReleaseSeconds))
        {
            Console.Error.WriteLine($"  The warm-up circuits were not released within {s.ReleaseSeconds} s.");
            return 1;
        }
        // Every figure is taken --settle-seconds after the last change (as the "closed" ones): the shared array pool then
        // has trimmed the spare arrays no tab holds (they moved figures by tens of KB a tab from run to run).
        await SettleAsync(s);
        var baseline = Measure(app, "baseline");
        await HoldAsync(s, "at the baseline");

        var pages = await OpenAllAsync(contexts, s.Circuits);
        await SettleAsync(s);
        var open = Measure(app, "open");
        if (s.Census)
        {
            FrameCensus.Print(LiveApp.Circuits);
        }
        Snapshot? updated = null;
        if (s.Updates)
        {
            // A dashboard is open all day while points flow: every component that draws again keeps its previous tree
            // beside the current one (Blazor's diff), so a tab that has been updated holds more than one just opened.
            await UpdateAllAsync(app, contexts.Count, pages, tickerSeconds: 35);
            await SettleAsync(s);
            updated = Measure(app, "updated");
            if (s.Census)
            {
                FrameCensus.Print(LiveApp.Circuits);
            }
        }
        await HoldAsync(s, "with the circuits open");

        var (released, closed) = await CloseAllAsync(app, pages, s, "closed");
        await HoldAsync(s, "after the first close");
        // A second round: a leak grows with every round. (Render trees rent their frames from ArrayPool<T>.Shared and
        // give them back when a circuit goes; the pool keeps what it was given until it trims arrays unused for a minute
        // at a full collection: hence the wait of --settle-seconds before each "closed" figure.)
        var pagesAgain = await OpenAllAsync(contexts, s.Circuits);
        var reopened = Measure(app, "reopened");
        var (releasedAgain, closedAgain) = await CloseAllAsync(app, pagesAgain, s, "closed");

        var perCircuit = (double)(open.Managed - baseline.Managed) / s.Circuits;
        var residentPerCircuit = (double)(open.Resident - baseline.Resident) / s.Circuits;
        var leftManaged = closed.Managed - baseline.Managed;
        var grewManaged = closedAgain.Managed - closed.Managed;
        // No leak: every circuit released both times, no subscription left, and after each round the heap within 5% of
        // what the open circuits add (a collection's noise) of the baseline, not counting the frame arrays the shared
        // array pool keeps for the next tabs (bounded: up to 32 of each size per core; measured, and printed).
        var added = open.Managed - baseline.Managed;
        var keptByPool = closed.Pooled - baseline.Pooled;
        var keptByPoolAgain = closedAgain.Pooled - baseline.Pooled;
        var returned = released && releasedAgain && closedAgain.Subscriptions == baseline.Subscriptions
            && leftManaged - keptByPool <= 0.05 * added && closedAgain.Managed - baseline.Managed - keptByPoolAgain <= 0.05 * added;
        Console.WriteLine();
        Console.WriteLine($"  managed per circuit   {perCircuit / 1024,8:N0} KB (target <= {TargetBytesPerCircuit / 1024} KB: {(perCircuit <= TargetBytesPerCircuit ? "met" : "MISSED")})");
        if (updated is { } u)
        {
            var perUpdated = (double)(u.Managed - baseline.Managed) / s.Circuits;
            Console.WriteLine($"  after an update       {perUpdated / 1024,8:N0} KB managed per circuit (every tab drawn again by a live change and the challenges' minute ticker;"
                + $" target <= {TargetBytesPerCircuit / 1024} KB: {(perUpdated <= TargetBytesPerCircuit ? "met" : "MISSED")})");
        }
        Console.WriteLine($"  resident per circuit  {residentPerCircuit / 1024,8:N0} KB (working set, for information)");
        Console.WriteLine($"  after closing         managed {leftManaged / 1024.0,8:N0} KB above baseline, of which {keptByPool / 1024.0:N0} KB render-tree arrays kept by the shared array pool"
            + $" ({(leftManaged - keptByPool) / 1024.0:N0} KB besides); resident {(closed.Resident - baseline.Resident) / 1024.0 / 1024,6:N1} MB above");
        Console.WriteLine($"  second round          {reopened.Circuits} reopened, then closed: managed {grewManaged / 1024.0,8:N0} KB above the first close, {(closedAgain.Managed - baseline.Managed) / 1024.0:N0} KB above baseline"
            + $" ({keptByPoolAgain / 1024.0:N0} KB of it in the pool), {closedAgain.Circuits} circuits, {closedAgain.Subscriptions} subscriptions (baseline {baseline.Subscriptions}): {(returned ? "no leak" : "LEAK")}");

        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        var updatedMet = updated is not { } after || (double)(after.Managed - baseline.Managed) / s.Circuits <= TargetBytesPerCircuit;
        return perCircuit <= TargetBytesPerCircuit && updatedMet && returned ? 0 : 1;
    }

    /// <summary>Opens <paramref name="count"/> dashboards, four at a time, round-robin over the signed-in contexts.</summary>
    private static async Task<IPage[]> OpenAllAsync(List<IBrowserContext> contexts, int count)
    {
        var pages = new IPage[count];
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
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
        return pages;
    }

    /// <summary>
    /// One rated call for each signed-in agent (through the events API, as a call platform posts it): every open tab of
    /// theirs shows the new balance. Then <paramref name="tickerSeconds"/> (35: each challenge tracker has counted its time
    /// left down once, every 30 s).
    /// </summary>
    private static async Task UpdateAllAsync(LiveApp app, int agents, IPage[] pages, int tickerSeconds)
    {
        var before = await Task.WhenAll(pages.Select(p => p.Locator("#dash-current").GetAttributeAsync("data-value")));
        var agentsOnTabs = pages.Length < agents ? pages.Length : agents;
        using var api = await app.IntegrationClientAsync();
        for (var i = 0; i < agentsOnTabs; i++)
        {
            var body = new Dictionary<string, object>
            {
                ["event_id"] = $"circuits-{Guid.NewGuid():n}",
                ["type"] = "call_completed",
                ["agent_id"] = $"agent-{i % 24 + 1:00}",
                ["occurred_at"] = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["rating"] = 5,
            };
            using var response = await api.PostAsJsonAsync("/api/v1/gamification/events", body);
            response.EnsureSuccessStatusCode();
        }
        var shown = Stopwatch.StartNew();
        for (var i = 0; i < pages.Length; i++)
        {
            await pages[i].Locator($"#dash-current:not([data-value=\"{before[i]}\"])").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }
        Console.WriteLine($"  updates: one rated call for each of {agentsOnTabs} agents, shown on all {pages.Length} tabs after {shown.Elapsed.TotalSeconds:N1} s;"
            + $" {tickerSeconds} s for the challenge ticker");
        await Task.Delay(TimeSpan.FromSeconds(tickerSeconds));
    }

    /// <summary>Closes every tab, waits until the server released their circuits and subscriptions, and measures.</summary>
    private static async Task<(bool Released, Snapshot Closed)> CloseAllAsync(LiveApp app, IPage[] pages, CircuitsSettings s, string when)
    {
        var closing = Stopwatch.StartNew();
        foreach (var page in pages)
        {
            await LiveApp.CloseAsync(page);
        }
        var released = await ReleasedAsync(app, s.ReleaseSeconds);
        Console.WriteLine($"  tabs closed: {(released ? "every circuit released" : "circuits still held")} after {closing.Elapsed.TotalSeconds:N1} s;"
            + $" measured {s.SettleSeconds} s later");
        await Task.Delay(TimeSpan.FromSeconds(s.SettleSeconds));
        return (released, Measure(app, when));
    }

    /// <summary>With --hold: time to look at the heap from outside (dotnet-dump collect -p pid) at the baseline, open and closed.</summary>
    private static async Task HoldAsync(CircuitsSettings s, string where)
    {
        if (s.HoldSeconds > 0)
        {
            Console.WriteLine($"  holding {s.HoldSeconds} s {where}: process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(s.HoldSeconds));
        }
    }

    private static async Task SettleAsync(CircuitsSettings s)
    {
        if (s.SettleSeconds > 0)
        {
            Console.WriteLine($"  settling {s.SettleSeconds} s (the array pool trims what no tab holds)");
            await Task.Delay(TimeSpan.FromSeconds(s.SettleSeconds));
        }
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
        // Unreadable (another runtime's private layout): counted as nothing, so the leak check is the strict one.
        var pooled = PoolCensus.FrameArrayBytes();
        var snapshot = new Snapshot(managed, process.WorkingSet64, LiveApp.OpenCircuits, app.Subscriptions, pooled ?? 0);
        Console.WriteLine($"  {when,-9} managed {snapshot.Managed / 1024.0 / 1024,8:N1} MB, resident {snapshot.Resident / 1024.0 / 1024,8:N1} MB,"
            + $" {snapshot.Circuits,4} circuits, {snapshot.Subscriptions,4} subscriptions,"
            + (pooled is { } p ? $" frame arrays in the shared pool {p / 1024.0 / 1024:N1} MB" : " the shared pool's frame arrays unreadable"));
        return snapshot;
    }

    private sealed record Snapshot(long Managed, long Resident, int Circuits, int Subscriptions, long Pooled);
}
