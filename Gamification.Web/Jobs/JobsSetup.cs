using Quartz;

namespace Gamification.Web.Jobs;

/// <summary>Section "Jobs" of appsettings.json.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the scheduled daily jobs in this process (switch off in tests, or on extra instances if you like: the jobs are idempotent).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each job checks whether a tenant's local day moved on.</summary>
    public int CheckIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// "Memory" (default: each instance schedules its own checks; fine with one instance), "PostgreSql" or "SqlServer":
    /// Quartz's persistent, clustered store in that database, so that several instances run each check once between
    /// them (docs/deployment.md, "Jobs once per cluster"). Any case.
    /// </summary>
    public string Store { get; set; } = "Memory";

    /// <summary>The database holding the Quartz tables (QRTZ_*); default: the app's own (Database:ConnectionString).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The store <see cref="Store"/> names.</summary>
    /// <exception cref="InvalidOperationException">The setting names no store the app has.</exception>
    public JobStoreKind StoreKind =>
        string.IsNullOrWhiteSpace(Store) ? JobStoreKind.Memory
        : Enum.GetValues<JobStoreKind>().Cast<JobStoreKind?>().FirstOrDefault(k => string.Equals(k.ToString(), Store.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Jobs:Store is '{Store}'; use Memory, PostgreSql or SqlServer.");
}

/// <summary>Where Quartz keeps its schedule (<see cref="JobsOptions.Store"/>).</summary>
public enum JobStoreKind
{
    /// <summary>In the process: each instance schedules every check itself.</summary>
    Memory,

    /// <summary>Quartz's clustered ADO.NET store on PostgreSQL (Npgsql).</summary>
    PostgreSql,

    /// <summary>Quartz's clustered ADO.NET store on SQL Server.</summary>
    SqlServer,
}

/// <summary>
/// The scheduled jobs (Quartz; in memory, or clustered in the database with <see cref="JobsOptions.Store"/>). The daily
/// jobs run at each tenant's local midnight: a trigger fires every <see cref="JobsOptions.CheckIntervalSeconds"/> (and
/// once when the scheduler starts) and <see cref="DailyJobs.RunDueAsync"/> runs the job for the tenants whose local day
/// moved on since their last run, so a job runs once per local day whatever the zone and the day's length, and catches
/// up after downtime. In a cluster a job runs on one instance at a time, and the next run sees what the last recorded.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddGamificationJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (!options.Enabled)
        {
            return services;
        }
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.CheckIntervalSeconds));

        // A trigger more than this late is "misfired": Quartz fires it only in its misfire pass, which runs once per
        // threshold. Quartz's 60 s suits the default minute; a shorter check interval (tests, demos) gets five intervals,
        // at least 5 s, so a trigger left behind (the one thread busy, the clock moved on) fires within seconds.
        var misfireThreshold = TimeSpan.FromSeconds(Math.Clamp(interval.TotalSeconds * 5, 5, 60));

        var store = options.StoreKind;
        var connectionString = store == JobStoreKind.Memory ? "" : PersistentStoreConnectionString(options, configuration);
        services.AddQuartz(q =>
        {
            if (store == JobStoreKind.Memory)
            {
                q.UseInMemoryStore(o => o.MisfireThreshold = misfireThreshold);
            }
            else
            {
                q.UsePersistentStore(persistent =>
                {
                    if (store == JobStoreKind.PostgreSql)
                    {
                        persistent.UsePostgres(connectionString);
                    }
                    else
                    {
                        persistent.UseSqlServer(connectionString);
                    }
                    persistent.UseSystemTextJsonSerializer();
                    // The instances are one cluster: the same (Quartz's default) scheduler name and store, and an
                    // instance id each, which clustering generates. A trigger fires on one instance; a job marked
                    // [DisallowConcurrentExecution] runs on one instance at a time; a dead instance's triggers are taken over.
                    persistent.UseClustering();
                    // The tables are created before the scheduler starts (QuartzSchema); Quartz checks them at its start.
                    persistent.ConfigureStore(o =>
                    {
                        o.SchemaProvisioning = SchemaProvisioning.Validate;
                        o.MisfireThreshold = misfireThreshold;
                    });
                });
                // An instance that found nothing to fire (the others hold every trigger) looks again after one check
                // interval, not Quartz's 30 s, when the interval is shorter; the default interval (60 s) keeps the 30 s.
                q.ConfigureScheduler(o => o.IdleWaitTime = interval < TimeSpan.FromSeconds(30) ? interval : TimeSpan.FromSeconds(30));
            }
            // One job at a time (per instance): the jobs never compete for the (SQLite) writer, and when both are due
            // streak expiry goes first (higher priority). Both are idempotent, so the order is a nicety.
            q.UseDefaultThreadPool(1);
            Schedule<StreakExpiryJob>(q, DailyJobNames.StreakExpiry, interval, priority: 10);
            Schedule<DecayJob>(q, DailyJobNames.Decay, interval, priority: 5);
            Schedule<WeeklyRankBadgesJob>(q, DailyJobNames.WeeklyRankBadges, interval, priority: 1);
            Schedule<ChallengeRankRewardsJob>(q, DailyJobNames.ChallengeRanks, interval, priority: 1);
            Schedule<LeaderboardSnapshotJob>(q, "leaderboard-snapshots", interval, priority: 0);
            Schedule<RedemptionExpiryJob>(q, "redemption-expiry", interval, priority: 0);
            // The dashboards' aggregates every 5 minutes and the farming check every hour (or the check interval, if longer).
            Schedule<AnalyticsJob>(q, "analytics", interval < TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : interval, priority: 0);
            Schedule<FarmingJob>(q, "farming", interval < TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : interval, priority: 0);
            // Streak reminders (from 15:00 local) and decay notices every 15 minutes (or the check interval, if longer).
            Schedule<ReminderJob>(q, ReminderJob.Name, interval < TimeSpan.FromMinutes(15) ? TimeSpan.FromMinutes(15) : interval, priority: 0);
        });
        if (store == JobStoreKind.Memory)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        else
        {
            services.AddSingleton(sp => new QuartzSchema(store, connectionString, sp.GetRequiredService<ILogger<QuartzSchema>>()));
            services.AddQuartzHostedService<ClusteredQuartzHostedService>(o => o.WaitForJobsToComplete = true);
        }
        return services;
    }

    private static string PersistentStoreConnectionString(JobsOptions options, IConfiguration configuration) =>
        (string.IsNullOrWhiteSpace(options.ConnectionString) ? configuration["Database:ConnectionString"] : options.ConnectionString) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Jobs:Store is {options.StoreKind} but neither Jobs:ConnectionString nor Database:ConnectionString is set.");

    private static void Schedule<TJob>(IQuartzBuilder q, string name, TimeSpan interval, int priority)
        where TJob : IJob
    {
        var key = new JobKey(name, "daily");
        q.AddJob<TJob>(j => j.WithIdentity(key).WithDescription(name switch
        {
            "leaderboard-snapshots" => "Leaderboard snapshots by cadence",
            "redemption-expiry" => "Expires unused reward codes past their date",
            "analytics" => "Rolls up the dashboards' daily figures",
            "farming" => "Looks for point farming over the last two weeks",
            ReminderJob.Name => "Streak reminders in the afternoon and decay notices a few days ahead",
            _ => DailyJobNames.Describe(name),
        }));
        q.AddTrigger<TJob>(t => t
            .ForJob(key)
            .WithIdentity($"{name}-check", "daily")
            .WithPriority(priority)
            .StartAt(DateTimeOffset.UtcNow + interval)
            // Ticks missed while the process was paused fire once, now; they do not pile up.
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
        // And once when the scheduler starts (after the app has started), so a day missed while it was down is caught up at once.
        q.RunAtStartup(key);
    }

    /// <summary>One tick of a daily job: a fresh scope, the job for the tenants that are due; a failure is logged, never thrown.</summary>
    internal static async ValueTask RunDueAsync(IServiceScopeFactory scopes, ILogger logger, string job, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var ran = await scope.ServiceProvider.GetRequiredService<DailyJobs>().RunDueAsync(job, ct);
            if (ran > 0)
            {
                logger.LogInformation("Daily job {Job} ran for {Tenants} tenant(s)", job, ran);
            }
            else
            {
                logger.LogDebug("Daily job {Job}: no tenant due", job);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Daily job {Job} stopped by shutdown", job);
        }
        catch (Exception ex)
        {
            // The scheduler keeps going; the next tick retries (a tenant whose run failed is still due).
            logger.LogError(ex, "Daily job {Job} failed; it will be retried on the next check", job);
        }
    }

    /// <summary>
    /// One run of a scheduled job: a fresh scope, the work; a failure is logged, never thrown (the scheduler keeps
    /// going and the next run retries: every job here is idempotent).
    /// </summary>
    internal static async ValueTask RunAsync(IServiceScopeFactory scopes, ILogger logger, string job, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider, ct);
            logger.LogDebug("Job {Job} ran", job);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Job {Job} stopped by shutdown", job);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed; it will be retried on the next run", job);
        }
    }
}
