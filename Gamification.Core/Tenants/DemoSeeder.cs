using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gamification.Core.Tenants;

/// <summary>Section "Seed" of appsettings.json.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Seed the demo tenants (Acme with history, Globex just started) on first start.</summary>
    public bool Demo { get; set; }
    public string DemoPassword { get; set; } = "Demo123!";
    /// <summary>Days of simulated history for Acme's agents, replayed through the points engine.</summary>
    public int DemoHistoryDays { get; set; } = 21;
    /// <summary>A platform operator to create when none exists (for installations without the demo).</summary>
    public string? OperatorEmail { get; set; }
    public string? OperatorPassword { get; set; }
}

public sealed record DemoAccount(string Email, string Role, string Tenant);

/// <summary>
/// Seeds roles always, a bootstrap operator when configured, and with Seed:Demo the two demo tenants.
/// Runs at every start and does nothing twice.
/// </summary>
public sealed class DemoSeeder(
    GamificationDbContext db,
    IDbContextFactory<GamificationDbContext> dbFactory,
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    TenantService tenants,
    IOptions<SeedOptions> options,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const string AcmeName = "Acme Contact Center";
    public const string GlobexName = "Globex Support";

    private static readonly string[] AcmeTeams = ["Inbound Sales", "Customer Care", "Retention"];

    private static readonly string[] AcmeAgents =
    [
        "Sarah Chen", "Mike Johnson", "Emma Davis", "Tom Wilson", "Priya Patel", "Carlos Mendez",
        "Aisha Okafor", "Liam O'Brien", "Sofia Rossi", "Noah Kim", "Hannah Becker", "Mateo Garcia",
        "Olivia Brown", "Yuki Tanaka", "Daniel Novak", "Grace Mensah", "Ethan Clarke", "Fatima Zahra",
        "Lucas Silva", "Chloe Martin", "Omar Haddad", "Ava Thompson", "Jonas Lindqvist", "Mia Kowalski",
    ];

    private static readonly string[] GlobexAgents =
        ["Ben Carter", "Nina Petrova", "Samuel Adeyemi", "Laura Fischer", "Ravi Sharma", "Elena Costa"];

    /// <summary>The demo sign-ins, for the start-up banner.</summary>
    public static IReadOnlyList<DemoAccount> DemoAccounts { get; } =
    [
        new("operator@platform.test", Roles.Operator, "(platform)"),
        new("admin@acme.test", Roles.Admin, AcmeName),
        new("supervisor@acme.test", Roles.Supervisor, AcmeName),
        new("agent01@acme.test ... agent24@acme.test", Roles.Agent, AcmeName),
        new("admin@globex.test", Roles.Admin, GlobexName),
        new("supervisor@globex.test", Roles.Supervisor, GlobexName),
        new("agent01@globex.test ... agent06@globex.test", Roles.Agent, GlobexName),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }

        var seed = options.Value;
        if (!string.IsNullOrWhiteSpace(seed.OperatorEmail) && !string.IsNullOrEmpty(seed.OperatorPassword))
        {
            await EnsureUserAsync(seed.OperatorEmail, "Platform Operator", seed.OperatorPassword, Roles.Operator, null, null, null);
        }
        if (!seed.Demo || await db.Tenants.AnyAsync(t => t.Name == AcmeName, ct))
        {
            return;
        }

        logger.LogInformation("Seeding the demo tenants ({Days} days of history)", seed.DemoHistoryDays);
        await EnsureUserAsync("operator@platform.test", "Olivia Operator", seed.DemoPassword, Roles.Operator, null, null, null);

        var acme = await tenants.CreateAsync(new CreateTenantRequest(AcmeName, "America/New_York", GamificationPreset.Moderate,
            "admin@acme.test", "Adam Admin", seed.DemoPassword), ct);
        // Acme works Monday to Friday: weekends neither extend nor break a streak.
        var acmeConfig = await db.GamificationConfigs.IgnoreQueryFilters().SingleAsync(c => c.TenantId == acme.Id, ct);
        acmeConfig.StreakSkipsDaysOff = true;
        acmeConfig.DaysOff = [DayOfWeek.Saturday, DayOfWeek.Sunday];
        await db.SaveChangesAsync(ct);
        await EnsureUserAsync("supervisor@acme.test", "Susan Supervisor", seed.DemoPassword, Roles.Supervisor, acme.Id, null, null);
        var acmeTeams = await AddTeamsAsync(acme.Id, AcmeTeams, ct);
        var acmeAgents = new List<ApplicationUser>();
        for (var i = 0; i < AcmeAgents.Length; i++)
        {
            acmeAgents.Add(await EnsureUserAsync($"agent{i + 1:00}@acme.test", AcmeAgents[i], seed.DemoPassword, Roles.Agent,
                acme.Id, acmeTeams[i % acmeTeams.Count].Id, $"agent-{i + 1:00}"));
        }

        var globex = await tenants.CreateAsync(new CreateTenantRequest(GlobexName, "Europe/London", GamificationPreset.Light,
            "admin@globex.test", "Gina Admin", seed.DemoPassword), ct);
        await EnsureUserAsync("supervisor@globex.test", "Gary Supervisor", seed.DemoPassword, Roles.Supervisor, globex.Id, null, null);
        var globexTeams = await AddTeamsAsync(globex.Id, ["Support Desk"], ct);
        for (var i = 0; i < GlobexAgents.Length; i++)
        {
            await EnsureUserAsync($"agent{i + 1:00}@globex.test", GlobexAgents[i], seed.DemoPassword, Roles.Agent,
                globex.Id, globexTeams[0].Id, $"agent-{i + 1:00}");
        }

        if (seed.DemoHistoryDays > 0)
        {
            await ReplayHistoryAsync(acme.Id, "America/New_York", acmeAgents, seed.DemoHistoryDays, ct);
        }
    }

    private async Task<List<Team>> AddTeamsAsync(Guid tenantId, IEnumerable<string> names, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var teams = names.Select(n => new Team { TenantId = tenantId, Name = n, CreatedAt = now }).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync(ct);
        return teams;
    }

    private async Task<ApplicationUser> EnsureUserAsync(string email, string displayName, string password, string role,
        Guid? tenantId, long? teamId, string? externalId)
    {
        var user = await userManager.FindByEmailAsync(email);
        if (user is not null)
        {
            return user;
        }
        user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            TenantId = tenantId,
            TeamId = teamId,
            ExternalId = externalId,
            // Demo people joined a week before their replayed history starts (the behaviour dashboard's days to reach a level).
            CreatedAt = clock.GetUtcNow().AddDays(-(options.Value.DemoHistoryDays + 7)),
        };
        var result = await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        await userManager.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>
    /// Simulates a few weeks of a contact center's work and replays it, in time order, through the points
    /// engine with a clock set to each event's moment: the history obeys exactly the rules live events do.
    /// </summary>
    private async Task ReplayHistoryAsync(Guid tenantId, string timeZoneId, List<ApplicationUser> agents, int days, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var random = new Random(20261124);
        var events = new List<ActivityInput>();

        // The starter challenges run from the first day of the history, so the replay earns and completes them as
        // live events would have.
        var firstDay = today.AddDays(-days).ToDateTime(TimeOnly.MinValue);
        var historyStart = new DateTimeOffset(firstDay, zone.GetUtcOffset(firstDay));
        await db.Challenges.IgnoreQueryFilters()
            .Where(c => c.TenantId == tenantId && c.StartDate > historyStart)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StartDate, historyStart), ct);
        var sequence = 0;

        for (var a = 0; a < agents.Count; a++)
        {
            // Each agent has a steady character: pace, closing skill, call quality and attendance.
            // Rewarded calls per day vary a lot between agents (part-timers, new starters, veterans).
            var pace = 5 + random.Next(16);
            var closeRate = 0.02 + random.NextDouble() * 0.08;
            var perfectRate = 0.05 + random.NextDouble() * 0.15;
            var attendance = 0.7 + random.NextDouble() * 0.3;
            var earlyBird = random.NextDouble() < 0.2;
            for (var d = days; d >= 1; d--)
            {
                var day = today.AddDays(-d);
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || random.NextDouble() > attendance)
                {
                    continue;
                }
                var calls = Math.Max(2, pace + random.Next(-3, 4));
                var start = earlyBird ? new TimeOnly(7, 15) : new TimeOnly(8, 30);
                var minute = 0.0;
                for (var c = 0; c < calls; c++)
                {
                    minute += 8 + random.NextDouble() * 14;
                    var local = day.ToDateTime(start).AddMinutes(minute);
                    var at = new DateTimeOffset(local, zone.GetUtcOffset(local));
                    var rating = random.NextDouble() < perfectRate ? 5 : random.NextDouble() < 0.5 ? 3 + random.Next(2) : (int?)null;
                    var id = $"demo-{a:00}-{++sequence:000000}";
                    events.Add(new ActivityInput(id, ActivityType.CallCompleted, agents[a].Id, at, rating, 120 + random.Next(600), null, null));
                    if (random.NextDouble() < closeRate)
                    {
                        events.Add(new ActivityInput(id + "-lead", ActivityType.LeadConverted, agents[a].Id, at.AddMinutes(2), null, null, $"lead-{sequence}", null));
                    }
                    if (random.NextDouble() < 0.08)
                    {
                        events.Add(new ActivityInput(id + "-qa", ActivityType.QualityReview, agents[a].Id, at.AddMinutes(30), 3 + random.Next(3), null, null, null));
                    }
                    if (random.NextDouble() < 0.15)
                    {
                        events.Add(new ActivityInput(id + "-fb", ActivityType.CustomerFeedback, agents[a].Id, at.AddMinutes(5), 3 + random.Next(3), null, null, null));
                    }
                }
            }
        }

        var replayClock = new ReplayClock();
        var engine = new PointsEngine(dbFactory, replayClock, NullLogger<PointsEngine>.Instance, AchievementEvaluators.All, memory: new UnitMemory());
        // Replayed in batches of events within one hour, the clock set just after the batch's last event, so each
        // batch is recorded as it would have been live (the same rules, the same 48-hour window).
        var ordered = events.OrderBy(e => e.OccurredAt).ToList();
        for (var i = 0; i < ordered.Count;)
        {
            var first = ordered[i].OccurredAt;
            var batch = ordered.Skip(i).TakeWhile(e => e.OccurredAt - first < TimeSpan.FromHours(1)).Take(PointsEngine.MaxBatchSize).ToList();
            replayClock.Now = batch[^1].OccurredAt.AddSeconds(30);
            var outcomes = await engine.RecordBatchAsync(tenantId, batch, ct);
            if (outcomes.FirstOrDefault(o => !o.Succeeded) is { } failed)
            {
                throw new InvalidOperationException($"Demo event {failed.EventId} was refused: {failed.Error?.EnglishMessage}");
            }
            i += batch.Count;
        }
        logger.LogInformation("Replayed {Count} demo events for {Agents} agents", events.Count, agents.Count);

        // A few redemptions through the engine, so the shop's history and the admin's approval queue are not empty.
        var rewards = await db.RewardItems.IgnoreQueryFilters().AsNoTracking().Where(r => r.TenantId == tenantId).ToDictionaryAsync(r => r.Name, r => r.Id, ct);
        (int Agent, string Reward)[] redemptions =
        [
            (0, "Free Cafeteria Lunch"), (1, "Free Cafeteria Lunch"), (2, "Shift Swap Pass"),
            (3, "Extra Break (15 min)"), (4, "Company Hoodie"), (5, "Extra Break (15 min)"), (6, "Training Workshop Seat"),
        ];
        var redeemed = 0;
        foreach (var (agent, reward) in redemptions.Where(r => r.Agent < agents.Count && rewards.ContainsKey(r.Reward)))
        {
            try
            {
                await new Redemptions(engine).RedeemAsync(tenantId, agents[agent].Id, rewards[reward], 1, ct);
                redeemed++;
            }
            catch (DomainException)
            {
                // Not enough points in this replay: that agent simply has not redeemed.
            }
        }
        logger.LogInformation("Seeded {Count} demo redemptions", redeemed);
    }

    private sealed class ReplayClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
