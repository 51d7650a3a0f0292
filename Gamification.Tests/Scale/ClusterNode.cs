using System.Collections.Concurrent;

using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Gamification.Tests.Scale;

/// <summary>
/// One instance of the app in a cluster on a shared PostgreSQL database: its own container, caches and Quartz
/// scheduler, the clustered job store (Jobs:Store=PostgreSql, checking every second), the data-protection keys in
/// the database unless told otherwise, the cluster's shared movable clock, and its jobs' log lines in
/// <see cref="JobLog"/> under its name.
/// </summary>
public sealed class ClusterNode(string name, string connectionString, MovableClock clock, JobLog log, string? keysFolder = null)
    : GamificationAppFactory
{
    public string Name { get; } = name;

    public override TimeProvider Clock => clock;

    /// <summary>The scheduled jobs, unless the node keeps its keys in a folder (the odd one out, which only signs in).</summary>
    protected override bool RunJobs => keysFolder is null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "PostgreSql");
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Jobs:Store", "PostgreSql");
        builder.UseSetting("Jobs:CheckIntervalSeconds", "1");
        if (keysFolder is null)
        {
            builder.UseSetting("DataProtection:Store", "Database");
        }
        else
        {
            builder.UseSetting("DataProtection:Store", "Folder");
            builder.UseSetting("DataProtection:KeysDirectory", keysFolder);
        }
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(new JobLog.Provider(log, Name));
            // The jobs' debug lines (one per run) reach this provider only; the console stays at the tests' Warning.
            logging.AddFilter<JobLog.Provider>("Gamification", LogLevel.Debug);
        });
    }
}

/// <summary>Real time moved forward by an offset the test can add to: the cluster's one clock for "now".</summary>
public sealed class MovableClock(TimeSpan offset) : TimeProvider
{
    private long offsetTicks = offset.Ticks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}

/// <summary>What a node's jobs logged: every run of a job (a daily job's with the tenants it ran for), and the app's and Quartz's errors.</summary>
public sealed class JobLog
{
    private readonly ConcurrentQueue<Entry> entries = new();
    private long sequence;

    /// <summary>A line: the node, the job, how many tenants a daily job ran for (0: none due), or an error's text.</summary>
    public sealed record Entry(long Sequence, string Node, string? Job, int Tenants, string? Error);

    public IReadOnlyList<Entry> Entries => [.. entries];

    /// <summary>Where the log stands now: only lines after it count in <see cref="RunsSince"/>.</summary>
    public long Mark => Interlocked.Read(ref sequence);

    /// <summary>The runs of <paramref name="job"/> logged after <paramref name="mark"/>, on any node.</summary>
    public IReadOnlyList<Entry> RunsSince(long mark, string job) =>
        Entries.Where(e => e.Sequence > mark && e.Job == job && e.Error is null).ToList();

    public IReadOnlyList<Entry> Errors => Entries.Where(e => e.Error is not null).ToList();

    private void Add(string node, string? job, int tenants, string? error) =>
        entries.Enqueue(new Entry(Interlocked.Increment(ref sequence), node, job, tenants, error));

    public sealed class Provider(JobLog log, string node) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, node, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(JobLog log, string node, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The app's and Quartz's errors (not EF Core's: the first migration's probe of a missing history table is one).
            if (logLevel >= LogLevel.Error && (category.StartsWith("Gamification", StringComparison.Ordinal) || category.StartsWith("Quartz", StringComparison.Ordinal)))
            {
                log.Add(node, null, 0, $"{category}: {formatter(state, exception)} {exception}");
                return;
            }
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }
            var format = values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string;
            var job = values.FirstOrDefault(v => v.Key == "Job").Value as string;
            // The lines of JobsSetup.RunDueAsync and RunAsync: one per run of a job, on whichever node ran it.
            switch (format)
            {
                case "Daily job {Job} ran for {Tenants} tenant(s)":
                    log.Add(node, job, Convert.ToInt32(values.First(v => v.Key == "Tenants").Value, CultureInfo.InvariantCulture), null);
                    break;
                case "Daily job {Job}: no tenant due":
                case "Job {Job} ran":
                    log.Add(node, job, 0, null);
                    break;
            }
        }
    }
}
