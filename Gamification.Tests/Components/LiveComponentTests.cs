using Bunit;

using Gamification.Core.Tenants;
using Gamification.Web.Components;
using Gamification.Web.Components.Shared;
using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Gamification.Tests.Components;

/// <summary>
/// The live plumbing every live page inherits (<see cref="LiveComponent"/>): it listens only on an interactive circuit,
/// runs a person's changes on the renderer and renders, throttles a tenant's bursts to one reload per interval (the
/// first at once), honours the page's filter, and hears nothing after Dispose. A probe component stands in for a page;
/// the clock's timers fire only when the test moves it.
/// </summary>
public sealed class LiveComponentTests : BunitContext, IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Guid tenantId = Guid.NewGuid();
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));

    public LiveComponentTests()
    {
        Services.AddLogging();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton<CircuitNotifier>();
        Services.AddScoped<CurrentTenant>();
        Services.AddScoped<OperationScope>();
        Services.AddScoped<WhereItRuns>();
    }

    private CircuitNotifier Notifier => Services.GetRequiredService<CircuitNotifier>();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public void A_prerendered_component_does_not_listen_and_an_interactive_one_does()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var prerendered = RenderProbe(wholeTenant: false);

        Assert.Equal(0, Notifier.SubscriberCount);
        Assert.Equal("false", prerendered.Find("#probe").GetAttribute("data-live"));
        Notifier.Publish(Change("ann"));
        Assert.Empty(prerendered.Instance.Heard);
    }

    [Fact]
    public void An_interactive_component_listens_and_says_it_is_live()
    {
        OnALiveCircuit();
        var probe = RenderProbe(wholeTenant: false);

        Assert.Equal(1, Notifier.SubscriberCount);
        Assert.Equal("true", probe.Find("#probe").GetAttribute("data-live"));
    }

    [Fact]
    public void A_persons_change_runs_on_the_renderer_and_renders_and_nobody_elses_does()
    {
        OnALiveCircuit();
        var probe = RenderProbe(wholeTenant: false);

        Notifier.Publish(Change("bob"));
        Notifier.Publish(Change("ann", tenant: Guid.NewGuid()));
        Notifier.Publish(Change("ann", points: 40));
        Notifier.Publish(Change("ann", points: 70));

        probe.WaitForAssertion(() => Assert.Equal("2", probe.Find("#probe").GetAttribute("data-handled")));
        Assert.Equal([40L, 70L], probe.Instance.Heard.Select(n => n.CurrentPoints));
        Assert.True(probe.Instance.HandledOnRenderer);
    }

    [Fact]
    public void A_burst_in_the_tenant_reloads_at_once_then_once_more_after_the_interval()
    {
        OnALiveCircuit();
        var probe = RenderProbe(wholeTenant: true);

        Notifier.Publish(Change("ann"));
        probe.WaitForAssertion(() => Assert.Equal("1", probe.Find("#probe").GetAttribute("data-reloads")));

        for (var i = 0; i < 5; i++)
        {
            Notifier.Publish(Change(i % 2 == 0 ? "bob" : "carl"));
        }
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(1, probe.Instance.Reloads);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        probe.WaitForAssertion(() => Assert.Equal("2", probe.Find("#probe").GetAttribute("data-reloads")));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, probe.Instance.Reloads);
        Assert.True(probe.Instance.ReloadedOnRenderer);
    }

    [Fact]
    public void A_load_of_the_page_pushes_the_next_live_reload_a_whole_interval_back()
    {
        OnALiveCircuit();
        var probe = RenderProbe(wholeTenant: true);

        probe.InvokeAsync(probe.Instance.MarkLoaded);
        Notifier.Publish(Change("ann"));
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, probe.Instance.Reloads);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        probe.WaitForAssertion(() => Assert.Equal(1, probe.Instance.Reloads));
    }

    [Fact]
    public void Changes_the_page_does_not_care_about_do_not_reload()
    {
        OnALiveCircuit();
        var probe = RenderProbe(wholeTenant: true, concerns: n => n.PointsDelta <= 0);

        Notifier.Publish(Change("ann", delta: 30));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, probe.Instance.Reloads);

        Notifier.Publish(Change("ann", delta: -100));
        probe.WaitForAssertion(() => Assert.Equal(1, probe.Instance.Reloads));
    }

    [Fact]
    public void After_dispose_nothing_is_heard_and_a_pending_reload_does_not_run()
    {
        OnALiveCircuit();
        var board = RenderProbe(wholeTenant: true);
        var person = RenderProbe(wholeTenant: false);
        Assert.Equal(2, Notifier.SubscriberCount);
        Notifier.Publish(Change("ann"));
        board.WaitForAssertion(() => Assert.Equal(1, board.Instance.Reloads));
        person.WaitForAssertion(() => Assert.Single(person.Instance.Heard));
        // Within the interval: the board's next reload waits; the person's page handles it at once.
        Notifier.Publish(Change("ann"));
        person.WaitForAssertion(() => Assert.Equal(2, person.Instance.Heard.Count));

        board.Instance.Dispose();
        person.Instance.Dispose();
        Assert.True(board.Instance.Disposed);
        Assert.Equal(0, Notifier.SubscriberCount);
        Notifier.Publish(Change("ann"));
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, board.Instance.Reloads);
        Assert.Equal(2, person.Instance.Heard.Count);
    }

    [Fact]
    public async Task A_page_busy_with_a_change_does_not_hold_up_the_publisher()
    {
        OnALiveCircuit();
        // Both pages block in their handlers until released, as a reload over SQLite does (its "async" reads complete
        // synchronously): the publisher, the request that recorded the change, must return all the same.
        using var busy = new ManualResetEventSlim(false);
        var person = RenderProbe(wholeTenant: false, block: busy);
        var board = RenderProbe(wholeTenant: true, block: busy);

        var publish = Task.Run(() => Notifier.Publish(Change("ann", points: 40)));
        var returned = await Task.WhenAny(publish, Task.Delay(TimeSpan.FromSeconds(5))) == publish;
        busy.Set();

        Assert.True(returned, "Publish waited for the pages' handlers.");
        person.WaitForAssertion(() => Assert.Equal([40L], person.Instance.Heard.Select(n => n.CurrentPoints)));
        board.WaitForAssertion(() => Assert.Equal(1, board.Instance.Reloads));
        Assert.True(person.Instance.HandledOnRenderer);
        Assert.True(board.Instance.ReloadedOnRenderer);
    }

    [Fact]
    public async Task A_changes_reads_run_off_the_renderer_and_a_persons_own_reads_on_it()
    {
        OnALiveCircuit();
        var person = RenderProbe(wholeTenant: false, readThroughScope: true);

        Notifier.Publish(Change("ann", points: 40));
        person.WaitForAssertion(() => Assert.Single(person.Instance.Heard));
        await person.InvokeAsync(person.Instance.ReadAsAClickWouldAsync);

        // The change's read ran on the thread pool, and the page was back on the renderer after it.
        Assert.Equal([true], person.Instance.ChangeReadsOffRenderer);
        Assert.True(person.Instance.HandledOnRenderer);
        // A click's read stays on the renderer: nothing the person does changes order.
        Assert.False(person.Instance.ClickReadOffRenderer);
    }

    /// <summary>Renders from here on as on a live (interactive) circuit, where pages listen.</summary>
    private void OnALiveCircuit() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private IRenderedComponent<LiveProbe> RenderProbe(bool wholeTenant, Func<PointsNotification, bool>? concerns = null, ManualResetEventSlim? block = null,
        bool readThroughScope = false) =>
        Render<LiveProbe>(p => p
            .Add(c => c.Block, block)
            .Add(c => c.ReadThroughScope, readThroughScope)
            .Add(c => c.TenantId, tenantId)
            .Add(c => c.UserId, "ann")
            .Add(c => c.WholeTenant, wholeTenant)
            .Add(c => c.Interval, Interval)
            .Add(c => c.Concerns, concerns));

    private PointsNotification Change(string userId, Guid? tenant = null, long points = 100, long delta = 10) =>
        new(tenant ?? tenantId, userId, points, points, 10, 500, 1, 1, null, delta, $"Completed call: +{delta}");

    /// <summary>A live page reduced to what it listens to and how many times it reloaded.</summary>
    internal sealed class LiveProbe : LiveComponent
    {
        [Parameter] public Guid TenantId { get; set; }

        [Parameter] public string UserId { get; set; } = "";

        [Parameter] public bool WholeTenant { get; set; }

        [Parameter] public TimeSpan Interval { get; set; }

        [Parameter] public Func<PointsNotification, bool>? Concerns { get; set; }

        /// <summary>When set, the handlers wait for it (at most 10 s) before doing anything.</summary>
        [Parameter] public ManualResetEventSlim? Block { get; set; }

        /// <summary>When set, a person's change also reads through <see cref="OperationScope"/>, as a page's reload does.</summary>
        [Parameter] public bool ReadThroughScope { get; set; }

        [Inject] private OperationScope Scope { get; set; } = default!;

        public List<bool> ChangeReadsOffRenderer { get; } = [];

        public bool? ClickReadOffRenderer { get; private set; }

        public async Task ReadAsAClickWouldAsync() => ClickReadOffRenderer = await Scope.RunAsync<WhereItRuns, bool>(w => w.OffRendererAsync());

        private SynchronizationContext? renderer;

        public List<PointsNotification> Heard { get; } = [];

        public int Reloads { get; private set; }

        public bool HandledOnRenderer { get; private set; } = true;

        public bool ReloadedOnRenderer { get; private set; } = true;

        public bool Disposed => IsDisposed;

        public void MarkLoaded() => MarkReloaded();

        protected override void OnInitialized()
        {
            // Initialization runs on the renderer: its synchronization context is the one changes must come back on.
            renderer = SynchronizationContext.Current;
            if (WholeTenant)
            {
                ListenToTenant(TenantId, Interval, () =>
                {
                    Block?.Wait(TimeSpan.FromSeconds(10));
                    ReloadedOnRenderer &= OnRenderer;
                    Reloads++;
                    return Task.CompletedTask;
                }, Concerns);
            }
            else
            {
                ListenToUser(TenantId, UserId, async n =>
                {
                    Block?.Wait(TimeSpan.FromSeconds(10));
                    if (ReadThroughScope)
                    {
                        ChangeReadsOffRenderer.Add(await Scope.RunAsync<WhereItRuns, bool>(w => w.OffRendererAsync()));
                    }
                    HandledOnRenderer &= OnRenderer;
                    Heard.Add(n);
                });
            }
        }

        private bool OnRenderer => renderer is not null && ReferenceEquals(SynchronizationContext.Current, renderer);

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "id", "probe");
            builder.AddAttribute(2, "data-live", IsLive ? "true" : "false");
            builder.AddAttribute(3, "data-handled", Heard.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.AddAttribute(4, "data-reloads", Reloads.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.CloseElement();
        }
    }

    /// <summary>A service that says whether it runs off the renderer (no synchronization context: the thread pool).</summary>
    internal sealed class WhereItRuns
    {
        public Task<bool> OffRendererAsync() => Task.FromResult(SynchronizationContext.Current is null);
    }

    /// <summary>A clock whose time and timers move only when the test says.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock gate = new();
        private readonly List<ManualTimer> timers = [];
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow()
        {
            lock (gate)
            {
                return now;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            DateTimeOffset target;
            lock (gate)
            {
                target = now + by;
            }
            while (true)
            {
                ManualTimer? next;
                lock (gate)
                {
                    next = timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                    if (next is null)
                    {
                        now = target;
                        return;
                    }
                    now = next.DueAt!.Value;
                    next.DueAt = next.Period > TimeSpan.Zero ? now + next.Period : null;
                    if (next.DueAt is null)
                    {
                        timers.Remove(next);
                    }
                }
                next.Fire();
            }
        }

        private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset? DueAt { get; set; }

            public TimeSpan Period { get; private set; }

            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock.gate)
                {
                    clock.timers.Remove(this);
                    Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                    DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.now + dueTime;
                    if (DueAt is not null)
                    {
                        clock.timers.Add(this);
                    }
                }
                return true;
            }

            public void Dispose()
            {
                lock (clock.gate)
                {
                    clock.timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
