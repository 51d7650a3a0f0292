namespace Gamification.Tests.Support;

/// <summary>
/// What a subscriber heard, in order, for tests of live updates that arrive on another thread: <see cref="Add"/> is the
/// subscriber's callback, <see cref="WaitForCountAsync"/> waits (up to a generous deadline) until that many arrived.
/// </summary>
internal sealed class Received<T>
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly List<T> items = [];
    // Completed (and replaced) at each arrival.
    private TaskCompletionSource arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (gate)
            {
                return [.. items];
            }
        }
    }

    public Task Add(T item)
    {
        TaskCompletionSource arrived;
        lock (gate)
        {
            items.Add(item);
            arrived = arrival;
            arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        arrived.SetResult();
        return Task.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="count"/> items arrived and returns all of them (check there were not more).</summary>
    public async Task<IReadOnlyList<T>> WaitForCountAsync(int count, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (items.Count >= count)
                {
                    return [.. items];
                }
                next = arrival.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                throw new TimeoutException($"{what}: {Items.Count} of {count} arrived within {Timeout.TotalSeconds:F0} s.");
            }
        }
    }
}
