using Microsoft.EntityFrameworkCore;

namespace Gamification.Web.Demo;

/// <summary>Section "Demo" of appsettings.json.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Send simulated call-center events for the demo tenant Acme (only when the demo is seeded).</summary>
    public bool SimulateActivity { get; set; }

    /// <summary>Seconds between two simulated ticks.</summary>
    public int SimulateIntervalSeconds { get; set; } = 20;
}

public static class DemoSimulatorSetup
{
    /// <summary>Registers <see cref="ActivitySimulator"/> when Demo:SimulateActivity and Seed:Demo are both true.</summary>
    public static IServiceCollection AddDemoSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DemoOptions.Section);
        services.Configure<DemoOptions>(section);
        var demo = section.Get<DemoOptions>() ?? new DemoOptions();
        if (demo.SimulateActivity && configuration.GetValue($"{SeedOptions.Section}:{nameof(SeedOptions.Demo)}", false))
        {
            services.AddHostedService<ActivitySimulator>();
        }
        return services;
    }
}

/// <summary>
/// Keeps the demo alive: every few seconds, some of Acme's agents finish a call (and now and then convert a lead,
/// get a quality review or customer feedback), sent through <see cref="EventIngestion"/> exactly as the REST
/// endpoint sends them, so points, streaks, levels and the leaderboard move. Globex is left quiet.
/// </summary>
/// <remarks>
/// Pace: in Acme's working hours (Monday to Friday, 08:00-18:00 in its zone) each agent finishes a call about
/// every three minutes (a brisk demo); outside them, a quarter of that. Every tick sends at least one call, so the demo moves
/// whenever someone looks at it, at any hour. Events count against the daily cap like real ones.
/// </remarks>
public sealed class ActivitySimulator(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<DemoOptions> options,
    ILogger<ActivitySimulator> logger) : BackgroundService
{
    private static readonly TimeSpan AverageCall = TimeSpan.FromMinutes(3);
    private const double OffHoursPace = 0.25;
    private const double ConversionRate = 0.07;
    private const double FeedbackRate = 0.10;
    private const double QualityReviewRate = 0.03;

    /// <summary>Call ratings 1..5, weighted towards 4 and 5.</summary>
    private static readonly int[] RatingWeights = [5, 10, 15, 35, 35];

    private readonly Random random = new();
    private (Guid Id, TenantClock Clock)? acme;

    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.SimulateIntervalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Demo activity simulator started: events for {Tenant} every {Seconds} s", DemoSeeder.AcmeName, Interval.TotalSeconds);
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A demo nicety must never take the app down: log and try again on the next tick.
                    logger.LogWarning(ex, "Demo activity simulator tick failed; retrying on the next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>One tick: picks the agents who finish a call now and ingests their events. Returns how many events were recorded.</summary>
    public async Task<int> TickAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<GamificationDbContext>>();
        List<string> agents;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (acme is null)
            {
                var tenant = await db.Tenants.AsNoTracking().Where(t => t.Name == DemoSeeder.AcmeName)
                    .Select(t => new { t.Id, t.TimeZoneId }).FirstOrDefaultAsync(ct);
                if (tenant is null)
                {
                    logger.LogDebug("Demo activity simulator: no tenant {Tenant}, nothing to do", DemoSeeder.AcmeName);
                    return 0;
                }
                acme = (tenant.Id, TenantClock.For(tenant.TimeZoneId));
            }
            var tenantId = acme.Value.Id;
            agents = await db.Users.IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.TenantId == tenantId && u.IsActive && u.ExternalId != null)
                .OrderBy(u => u.ExternalId)
                .Select(u => u.ExternalId!)
                .ToListAsync(ct);
        }
        if (agents.Count == 0)
        {
            logger.LogDebug("Demo activity simulator: {Tenant} has no active agents", DemoSeeder.AcmeName);
            return 0;
        }

        var now = clock.GetUtcNow();
        var events = NextEvents(agents, now, acme.Value.Clock.ToLocal(now));
        var outcomes = await scope.ServiceProvider.GetRequiredService<EventIngestion>().IngestBatchAsync(acme.Value.Id, events, ct);
        var recorded = outcomes.Count(o => o.Succeeded);
        if (outcomes.FirstOrDefault(o => !o.Succeeded) is { } refused)
        {
            logger.LogDebug("Demo activity simulator: {Refused} event(s) refused, e.g. {EventId}: {Reason}",
                outcomes.Count - recorded, refused.EventId, refused.Error?.EnglishMessage);
        }
        logger.LogDebug("Demo activity simulator: {Recorded} event(s) for {Agents} agent(s) of {Tenant}",
            recorded, events.Select(e => e.AgentId).Distinct(StringComparer.Ordinal).Count(), DemoSeeder.AcmeName);
        return recorded;
    }

    private List<IncomingEvent> NextEvents(List<string> agents, DateTimeOffset now, DateTimeOffset local)
    {
        var working = local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && local.Hour is >= 8 and < 18;
        var chance = Math.Min(1, Interval / AverageCall * (working ? 1 : OffHoursPace));
        var callers = agents.Where(_ => random.NextDouble() < chance).ToList();
        if (callers.Count == 0)
        {
            callers.Add(agents[random.Next(agents.Count)]);
        }

        var events = new List<IncomingEvent>();
        foreach (var agent in callers)
        {
            events.Add(new IncomingEvent(NewId(), ActivityType.CallCompleted, agent, now, Rating(), DurationSeconds: 90 + random.Next(810)));
            if (random.NextDouble() < ConversionRate)
            {
                events.Add(new IncomingEvent(NewId(), ActivityType.LeadConverted, agent, now, LeadId: $"sim-lead-{random.Next(1_000_000):D6}"));
            }
            if (random.NextDouble() < FeedbackRate)
            {
                events.Add(new IncomingEvent(NewId(), ActivityType.CustomerFeedback, agent, now, Rating()));
            }
            if (random.NextDouble() < QualityReviewRate)
            {
                events.Add(new IncomingEvent(NewId(), ActivityType.QualityReview, agent, now, 3 + random.Next(3)));
            }
        }
        return events;
    }

    private int Rating()
    {
        var pick = random.Next(RatingWeights.Sum());
        for (var i = 0; i < RatingWeights.Length; i++)
        {
            pick -= RatingWeights[i];
            if (pick < 0)
            {
                return i + 1;
            }
        }
        return 5;
    }

    private static string NewId() => $"sim-{Guid.NewGuid():N}";
}
