namespace Gamification.Web.Components.Shared;

/// <summary>
/// Coalesces live notifications into reloads at most once per <c>interval</c>: the first request after a quiet spell
/// reloads at once, later ones within the interval share one reload at its end. A whole tenant's calls can fire many
/// changes a second; a board reloads a few times a minute at most. Thread-safe; requests after Dispose are ignored.
/// </summary>
public sealed class ThrottledReload(TimeSpan interval, TimeProvider clock, Func<Task> reload, ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource closing = new();
    private readonly Lock gate = new();
    private DateTimeOffset lastRun = DateTimeOffset.MinValue;
    private bool scheduled;
    private bool disposed;

    /// <summary>Asks for a reload; returns at once (the reload runs in the background).</summary>
    public void Request()
    {
        TimeSpan wait;
        lock (gate)
        {
            if (disposed || scheduled)
            {
                return;
            }
            scheduled = true;
            var now = clock.GetUtcNow();
            wait = lastRun == DateTimeOffset.MinValue || now - lastRun >= interval ? TimeSpan.Zero : interval - (now - lastRun);
        }
        _ = RunAsync(wait);
    }

    /// <summary>Tells the throttle a reload just ran for another reason (a tab switch), so the next one waits.</summary>
    public void MarkReloaded()
    {
        lock (gate)
        {
            lastRun = clock.GetUtcNow();
        }
    }

    private async Task RunAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, closing.Token);
            }
            lock (gate)
            {
                // A change arriving from here on schedules the next reload: it may not be in this one.
                scheduled = false;
                lastRun = clock.GetUtcNow();
                if (disposed)
                {
                    return;
                }
            }
            await reload();
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The page closed between the request and the reload.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "A live reload failed");
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
        }
        closing.Cancel();
        closing.Dispose();
    }
}
