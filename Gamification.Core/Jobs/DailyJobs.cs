namespace Gamification.Core.Jobs;

/// <summary>The daily jobs: what each is called and what it does for one tenant.</summary>
public static class DailyJobNames
{
    public const string Decay = "decay";
    public const string StreakExpiry = "streak-expiry";
    public const string WeeklyRankBadges = "weekly-rank-badges";
    public const string ChallengeRanks = "challenge-rank-rewards";

    public static IReadOnlyList<string> All { get; } = [StreakExpiry, Decay, WeeklyRankBadges, ChallengeRanks];

    /// <summary>What the job does, for admins, in the reader's language (the current UI culture); an unknown job is its name.</summary>
    public static string Describe(string job) => job switch
    {
        Decay => CoreText.Get("Job.Decay", Languages.TextCulture(CultureInfo.CurrentUICulture)),
        StreakExpiry => CoreText.Get("Job.StreakExpiry", Languages.TextCulture(CultureInfo.CurrentUICulture)),
        WeeklyRankBadges => CoreText.Get("Job.WeeklyRankBadges", Languages.TextCulture(CultureInfo.CurrentUICulture)),
        ChallengeRanks => CoreText.Get("Job.ChallengeRanks", Languages.TextCulture(CultureInfo.CurrentUICulture)),
        _ => job,
    };
}

/// <summary>
/// The leaderboard snapshot jobs (RULES.md, Leaderboards; the guide's cadence): the daily board hourly, the weekly
/// every 6 hours, the monthly and all-time daily. Each is idempotent within its cadence.
/// </summary>
public static class LeaderboardJobNames
{
    public const string Daily = "leaderboard-daily";
    public const string Weekly = "leaderboard-weekly";
    public const string Monthly = "leaderboard-monthly";
    public const string AllTime = "leaderboard-all-time";

    public static IReadOnlyList<string> All { get; } = [Daily, Weekly, Monthly, AllTime];

    public static LeaderboardPeriod PeriodOf(string job) => job switch
    {
        Daily => LeaderboardPeriod.Daily,
        Weekly => LeaderboardPeriod.Weekly,
        Monthly => LeaderboardPeriod.Monthly,
        AllTime => LeaderboardPeriod.AllTime,
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "Unknown job."),
    };

    public static TimeSpan Cadence(LeaderboardPeriod period) => period switch
    {
        LeaderboardPeriod.Daily => TimeSpan.FromHours(1),
        LeaderboardPeriod.Weekly => TimeSpan.FromHours(6),
        _ => TimeSpan.FromHours(24),
    };

    /// <summary>What the job does, for admins, in the reader's language (the current UI culture); an unknown job is its name.</summary>
    public static string Describe(string job) => job switch
    {
        Daily => CoreText.Get("Job.SnapshotDaily", Languages.TextCulture(CultureInfo.CurrentUICulture)),
        Weekly => CoreText.Get("Job.SnapshotWeekly", Languages.TextCulture(CultureInfo.CurrentUICulture)),
        Monthly => CoreText.Get("Job.SnapshotMonthly", Languages.TextCulture(CultureInfo.CurrentUICulture)),
        AllTime => CoreText.Get("Job.SnapshotAllTime", Languages.TextCulture(CultureInfo.CurrentUICulture)),
        _ => job,
    };
}

/// <summary>A daily job's state for one tenant, for admins.</summary>
public sealed record JobStatus(string Job, string Description, DateTimeOffset? LastRunAt, DateOnly? LastLocalDate, string? LastResult, bool LastSucceeded, DateTimeOffset NextRunAt);

/// <summary>
/// Runs the daily jobs at each tenant's local midnight. A scheduler calls <see cref="RunDueAsync"/> often (every
/// minute); for each tenant whose local day is newer than the job's last run, the job runs and the day is
/// recorded. The jobs themselves are idempotent, so a second instance or a crash between the work and the record
/// does no harm.
/// </summary>
public sealed class DailyJobs(IDbContextFactory<GamificationDbContext> dbFactory, PointsEngine engine, TimeProvider clock, ILogger<DailyJobs> logger)
{
    // Snapshots and weekly ranks read the database, not a cache: this one stays empty.
    private readonly LeaderboardService leaderboards = new(dbFactory, clock, new LeaderboardCache());

    /// <summary>Takes every tenant's leaderboard snapshots that are due by their cadence. Returns how many were taken.</summary>
    public async Task<int> SnapshotDueAsync(CancellationToken ct)
    {
        List<Guid> tenants;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            tenants = await db.Tenants.AsNoTracking().Where(t => t.IsActive).Select(t => t.Id).ToListAsync(ct);
        }
        var taken = 0;
        foreach (var tenantId in tenants)
        {
            foreach (var period in LeaderboardRules.Periods)
            {
                // A minute's slack, so an hourly check a little early still takes the hourly snapshot.
                var runs = await leaderboards.SnapshotAsync(tenantId, [period], LeaderboardJobNames.Cadence(period) - TimeSpan.FromMinutes(1), ct);
                taken += runs.Count(r => !r.Skipped);
            }
        }
        return taken;
    }

    /// <summary>Runs <paramref name="job"/> for every tenant whose local day has moved on since its last run. Returns how many ran.</summary>
    public async Task<int> RunDueAsync(string job, CancellationToken ct)
    {
        List<(Guid Id, string Zone)> tenants;
        Dictionary<Guid, DateOnly> lastDays;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            tenants = (await db.Tenants.AsNoTracking().Where(t => t.IsActive).Select(t => new { t.Id, t.TimeZoneId }).ToListAsync(ct))
                .Select(t => (t.Id, t.TimeZoneId)).ToList();
            lastDays = await db.JobRuns.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.JobName == job)
                .ToDictionaryAsync(r => r.TenantId, r => r.LastLocalDate, ct);
        }
        var ran = 0;
        foreach (var (tenantId, zone) in tenants)
        {
            var today = TenantClock.For(zone).LocalDay(clock.GetUtcNow());
            if (lastDays.TryGetValue(tenantId, out var last) && last >= today)
            {
                continue;
            }
            await RunForTenantAsync(job, tenantId, today, ct);
            ran++;
        }
        return ran;
    }

    /// <summary>Runs one job for one tenant now (also from the admin page); records the outcome.</summary>
    public async Task<string> RunForTenantAsync(string job, Guid tenantId, DateOnly? localDay, CancellationToken ct)
    {
        if (LeaderboardJobNames.All.Contains(job))
        {
            var run = (await leaderboards.SnapshotAsync(tenantId, [LeaderboardJobNames.PeriodOf(job)], null, ct))[0];
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{run.Users} people and {run.Teams} teams ranked");
        }
        string result;
        var succeeded = true;
        DateOnly day;
        try
        {
            (result, day) = job switch
            {
                DailyJobNames.Decay => await engine.DecayAsync(tenantId, ct) is var d
                    ? ($"{d.UsersDecayed} agents lost {d.PointsRemoved:N0} points", d.LocalDay) : default,
                DailyJobNames.StreakExpiry => await engine.ExpireStreaksAsync(tenantId, ct) is var s
                    ? ($"{s.StreaksEnded} streaks ended", s.LocalDay) : default,
                DailyJobNames.WeeklyRankBadges => await WeeklyRankBadgesAsync(tenantId, ct),
                DailyJobNames.ChallengeRanks => await ChallengeRanksAsync(tenantId, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(job), job, "Unknown job."),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ArgumentOutOfRangeException)
        {
            logger.LogError(ex, "Daily job {Job} failed for tenant {TenantId}", job, tenantId);
            result = $"Failed: {ex.Message}";
            succeeded = false;
            day = localDay ?? default;
        }
        await RecordAsync(job, tenantId, succeeded ? day : null, result, succeeded, ct);
        return result;
    }

    /// <summary>Awards the weekly_rank badges of the last closed week (Monday to Sunday, tenant-local); idempotent, so it runs daily.</summary>
    private async Task<(string Result, DateOnly Day)> WeeklyRankBadgesAsync(Guid tenantId, CancellationToken ct)
    {
        TenantClock zone;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            zone = await TenantRules.LoadClockAsync(db, tenantId, ct);
        }
        var today = zone.LocalDay(clock.GetUtcNow());
        var lastWeek = TenantClock.WeekStart(today).AddDays(-7);
        var awarded = await new BadgeAwards(engine).AwardWeeklyRankBadgesAsync(tenantId, lastWeek, ct);
        return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{awarded} badges for the week of {lastWeek:yyyy-MM-dd}"), today);
    }

    /// <summary>Pays the leaderboard_rank challenges whose windows' ranks became final; idempotent, so it runs daily.</summary>
    private async Task<(string Result, DateOnly Day)> ChallengeRanksAsync(Guid tenantId, CancellationToken ct)
    {
        TenantClock zone;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            zone = await TenantRules.LoadClockAsync(db, tenantId, ct);
        }
        var today = zone.LocalDay(clock.GetUtcNow());
        var settled = await new ChallengeRankAwards(engine).SettleFinalWindowsAsync(tenantId, ct);
        return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{settled.Paid} people paid for {settled.Windows} rank windows"), today);
    }

    /// <summary>The jobs' last and next runs for a tenant (daily jobs: the tenant's coming local midnight; snapshots: last + cadence).</summary>
    public async Task<IReadOnlyList<JobStatus>> StatusAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clockOfTenant = await TenantRules.LoadClockAsync(db, tenantId, ct);
        var runs = await db.JobRuns.IgnoreQueryFilters().AsNoTracking().Where(r => r.TenantId == tenantId).ToListAsync(ct);
        var today = clockOfTenant.LocalDay(clock.GetUtcNow());
        var daily = DailyJobNames.All.Select(job =>
        {
            var run = runs.FirstOrDefault(r => r.JobName == job);
            // Due now if it has not run today (it runs within a minute); else at the next local midnight.
            var next = run is null || run.LastLocalDate < today ? clock.GetUtcNow() : clockOfTenant.DayStartUtc(today.AddDays(1));
            return new JobStatus(job, DailyJobNames.Describe(job), run?.LastRunAt, run?.LastLocalDate, run?.LastResult, run?.LastSucceeded ?? true, next);
        }).ToList();
        var snapshots = await db.LeaderboardSnapshots.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.TenantId == tenantId)
            .GroupBy(s => s.PeriodType)
            .Select(g => new { Period = g.Key, Last = g.Max(s => s.SnapshotAt) })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return daily.Concat(LeaderboardJobNames.All.Select(job =>
        {
            var period = LeaderboardJobNames.PeriodOf(job);
            var last = snapshots.FirstOrDefault(s => s.Period == period)?.Last;
            var next = last is { } l && l + LeaderboardJobNames.Cadence(period) > now ? l + LeaderboardJobNames.Cadence(period) : now;
            return new JobStatus(job, LeaderboardJobNames.Describe(job), last, last is { } at ? clockOfTenant.LocalDay(at) : null,
                last is null ? null : "Snapshot taken", true, next);
        })).ToList();
    }

    private async Task RecordAsync(string job, Guid tenantId, DateOnly? day, string result, bool succeeded, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.JobRuns.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.TenantId == tenantId && r.JobName == job, ct);
        if (run is null)
        {
            run = new JobRun { TenantId = tenantId, JobName = job };
            db.JobRuns.Add(run);
        }
        if (day is { } d && d > run.LastLocalDate)
        {
            run.LastLocalDate = d;
        }
        run.LastRunAt = clock.GetUtcNow();
        run.LastResult = result.Length > 300 ? result[..300] : result;
        run.LastSucceeded = succeeded;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Another instance recorded the same run first; its record stands.
            logger.LogInformation(ex, "Job run {Job} for tenant {TenantId} was recorded by another instance", job, tenantId);
        }
    }
}
