using System.Diagnostics;

using Gamification.Core.Analytics;
using Gamification.Core.Points;

namespace Gamification.Bench;

/// <param name="Agents">Agents in the tenant, farmers included.</param>
/// <param name="FarmersPerKind">Farmers injected for each <see cref="FarmingKind"/>.</param>
public sealed record FarmingSettings(int Agents, int FarmersPerKind, int Days, int Seed);

/// <summary>
/// Point-farming detection quality: a synthetic month of one call center (shift patterns, lognormal call durations
/// around 4 min with ~10 % wrong numbers, ratings, conversions, QA reviews from team reviewers, customer feedback from
/// many customers arriving in a nightly batch, part-timers, veterans with higher volumes and caps, a low-volume
/// queue, good and bad days) with farmers of each kind injected; the pure <see cref="FarmingDetector"/> runs as the
/// nightly job would (a 14-day window ending on each day from the 14th) and its flags are scored per agent and kind.
/// Points follow the moderate preset (call 10, perfect call 30, conversion 50, review 5, feedback 3) with the daily
/// cap of the agent's level (500 + 50 per level); streak multipliers are left out, they only move the cap earlier
/// for everyone.
/// </summary>
public static class FarmingBenchmark
{
    private const double Target = 0.9;
    private const int WindowDays = 14;
    private static readonly DateOnly FirstDay = new(2026, 3, 2);

    private enum Profile { FullTime, PartTime, Veteran, LowVolume }

    private sealed record Agent(string Id, Profile Profile, int Level, double Pace, int ShiftStart, double ShiftHours,
        DayOfWeek[] DaysOff, int Team, FarmingKind? Farm, double Intensity);

    private sealed class Draft(string userId, ActivityType type, DateTimeOffset at, int? duration, int? rating, string? source)
    {
        public string UserId { get; } = userId;
        public ActivityType Type { get; } = type;
        public DateTimeOffset At { get; } = at;
        public int? Duration { get; } = duration;
        public int? Rating { get; } = rating;
        public string? Source { get; } = source;
    }

    public static int Run(FarmingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var random = new Random(settings.Seed);
        var agents = CreateAgents(settings, random);
        var watch = Stopwatch.StartNew();
        var events = Generate(agents, settings.Days, random);
        var generated = watch.Elapsed;

        watch.Restart();
        var flagged = new Dictionary<(string UserId, FarmingKind Kind), FarmingCandidate>();
        var lastDay = FirstDay.AddDays(settings.Days - 1);
        for (var end = FirstDay.AddDays(WindowDays - 1); end <= lastDay; end = end.AddDays(1))
        {
            var upTo = events.Where(e => e.LocalDate <= end).ToList();
            foreach (var candidate in FarmingDetector.Detect(upTo, end.AddDays(-(WindowDays - 1)), end))
            {
                flagged.TryAdd((candidate.UserId, candidate.Kind), candidate);
            }
        }

        var detected = watch.Elapsed;
        var byId = agents.ToDictionary(a => a.Id);
        Console.WriteLine($"Farming detection: {agents.Count} agents ({settings.FarmersPerKind} farmers per kind), {settings.Days} days, "
            + $"{events.Count:N0} events, seed {settings.Seed}");
        Console.WriteLine($"  generated in {generated.TotalSeconds:0.0} s; detector run over {WindowDays}-day windows ending on each day "
            + $"from day {WindowDays} ({settings.Days - WindowDays + 1} runs) in {detected.TotalSeconds:0.0} s");
        Console.WriteLine("  A flag of kind K is a true positive on a farmer of kind K and a false positive on a normal agent;");
        Console.WriteLine("  a flag of K on a farmer of another kind (farming that also shows this way) is counted as 'cross', not as either.");
        Console.WriteLine();
        Console.WriteLine($"  {"kind",-22} {"TP",4} {"FP",4} {"FN",4} {"cross",6} {"precision",10} {"recall",8}");

        var allMet = true;
        int tpSum = 0, fpSum = 0, fnSum = 0;
        foreach (var kind in Enum.GetValues<FarmingKind>())
        {
            var flags = flagged.Keys.Where(k => k.Kind == kind).Select(k => byId[k.UserId]).ToList();
            var tp = flags.Count(a => a.Farm == kind);
            var fp = flags.Count(a => a.Farm is null);
            var cross = flags.Count(a => a.Farm is not null && a.Farm != kind);
            var fn = agents.Count(a => a.Farm == kind && !flagged.ContainsKey((a.Id, kind)));
            tpSum += tp;
            fpSum += fp;
            fnSum += fn;
            var (precision, recall) = (Ratio(tp, tp + fp), Ratio(tp, tp + fn));
            allMet &= precision >= Target && recall >= Target;
            Console.WriteLine($"  {kind,-22} {tp,4} {fp,4} {fn,4} {cross,6} {precision,10:0.000} {recall,8:0.000}");
        }

        var overallPrecision = Ratio(tpSum, tpSum + fpSum);
        var overallRecall = Ratio(tpSum, tpSum + fnSum);
        Console.WriteLine($"  {"overall (flags)",-22} {tpSum,4} {fpSum,4} {fnSum,4} {"",6} {overallPrecision,10:0.000} {overallRecall,8:0.000}");

        // Per agent: is a flagged agent a farmer at all, and is every farmer flagged at all?
        var flaggedAgents = flagged.Keys.Select(k => k.UserId).Distinct().Select(id => byId[id]).ToList();
        var agentTp = flaggedAgents.Count(a => a.Farm is not null);
        var agentPrecision = Ratio(agentTp, flaggedAgents.Count);
        var agentRecall = Ratio(agentTp, agents.Count(a => a.Farm is not null));
        Console.WriteLine($"  {"overall (agents)",-22} {agentTp,4} {flaggedAgents.Count - agentTp,4} {agents.Count(a => a.Farm is not null) - agentTp,4} {"",6} "
            + $"{agentPrecision,10:0.000} {agentRecall,8:0.000}");
        allMet &= overallPrecision >= Target && overallRecall >= Target && agentPrecision >= Target && agentRecall >= Target;

        var normalFlags = flagged.Where(f => byId[f.Key.UserId].Farm is null).Take(5).ToList();
        if (normalFlags.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("  False positives (first 5):");
            foreach (var (key, candidate) in normalFlags)
            {
                Console.WriteLine($"    {byId[key.UserId].Profile} {key.UserId} {key.Kind}: {candidate.Evidence}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("  Sample evidence:");
        foreach (var kind in Enum.GetValues<FarmingKind>())
        {
            var sample = flagged.Values.FirstOrDefault(c => c.Kind == kind && byId[c.UserId].Farm == kind);
            if (sample is not null)
            {
                Console.WriteLine($"    {kind} (score {sample.Score:0.00}): {sample.Evidence}");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"  target >= {Target:0.0} (precision and recall, each kind and overall): {(allMet ? "MET" : "NOT MET")}");
        return allMet ? 0 : 1;
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static List<Agent> CreateAgents(FarmingSettings settings, Random random)
    {
        var agents = new List<Agent>();
        var kinds = Enum.GetValues<FarmingKind>();
        var normal = Math.Max(0, settings.Agents - (kinds.Length * settings.FarmersPerKind));
        for (var i = 0; i < normal; i++)
        {
            var roll = random.NextDouble();
            var profile = roll switch { < 0.60 => Profile.FullTime, < 0.80 => Profile.PartTime, < 0.95 => Profile.Veteran, _ => Profile.LowVolume };
            agents.Add(NewAgent(agents.Count, profile, null, random));
        }

        foreach (var kind in kinds)
        {
            for (var i = 0; i < settings.FarmersPerKind; i++)
            {
                // Jump farmers come from the low-volume queue, where a jump is visible under the cap.
                var profile = kind == FarmingKind.SuddenJump ? Profile.LowVolume : random.NextDouble() < 0.75 ? Profile.FullTime : Profile.PartTime;
                agents.Add(NewAgent(agents.Count, profile, kind, random));
            }
        }

        // Shuffle so farmers are not the last ids.
        return [.. agents.OrderBy(_ => random.Next())];
    }

    private static Agent NewAgent(int index, Profile profile, FarmingKind? farm, Random random)
    {
        DayOfWeek[] weekend = [DayOfWeek.Saturday, DayOfWeek.Sunday];
        var rotated = (DayOfWeek)random.Next(7);
        DayOfWeek[] daysOff = random.NextDouble() < 0.7 ? weekend : [rotated, (DayOfWeek)(((int)rotated + 1) % 7)];
        var shiftStart = new[] { 6, 7, 8, 9, 10, 12, 14 }[random.Next(7)];
        var (level, pace, hours) = profile switch
        {
            Profile.FullTime => (1 + random.Next(4), 0.8 + (random.NextDouble() * 0.4), 8.0),
            Profile.PartTime => (1 + random.Next(3), 0.8 + (random.NextDouble() * 0.4), 4.0),
            Profile.Veteran => (5 + random.Next(4), 1.2 + (random.NextDouble() * 0.4), 8.0),
            _ => (1 + random.Next(2), 0.8 + (random.NextDouble() * 0.3), 0.8 + (random.NextDouble() * 0.5)),
        };
        if (profile == Profile.PartTime)
        {
            // Part-timers work three or four days a week.
            daysOff = [.. Enum.GetValues<DayOfWeek>().OrderBy(_ => random.Next()).Take(3 + random.Next(2))];
        }

        return new Agent($"agent-{index:D3}", profile, level, pace, shiftStart, hours, daysOff, index % 15, farm, 0.5 + (random.NextDouble() * 0.5));
    }

    private static List<DetectionEvent> Generate(List<Agent> agents, int days, Random random)
    {
        var drafts = new List<Draft>();
        var nextCustomer = 0;
        var jumped = new HashSet<string>();
        for (var d = 0; d < days; d++)
        {
            var day = FirstDay.AddDays(d);
            foreach (var agent in agents)
            {
                if (agent.DaysOff.Contains(day.DayOfWeek) || random.NextDouble() < 0.03)
                {
                    continue; // day off, or sick
                }

                WorkDay(agent, day, d, drafts, jumped, random, ref nextCustomer);
            }
        }

        return Score(agents, drafts);
    }

    private static void WorkDay(Agent agent, DateOnly day, int dayIndex, List<Draft> drafts, HashSet<string> jumped, Random random, ref int nextCustomer)
    {
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(agent.ShiftStart, 0)), TimeSpan.Zero)
            .AddMinutes(random.Next(-15, 16));
        var factor = Math.Exp(Normal(random) * 0.12);
        var hours = agent.ShiftHours;
        var mood = random.NextDouble();
        if (mood < 0.05)
        {
            factor *= 0.6; // a bad day
            hours *= random.NextDouble() < 0.5 ? 0.5 : 1;
        }
        else if (mood < 0.10)
        {
            factor *= 1.35; // a good day
        }

        var end = start.AddHours(hours);
        var lunch = agent.ShiftHours >= 6 ? start.AddHours(hours / 2) : DateTimeOffset.MaxValue;
        var t = start;
        var pace = agent.Pace * factor;
        var feedbackBatch = new DateTimeOffset(day.ToDateTime(new TimeOnly(21, 0)), TimeSpan.Zero);
        while (t < end)
        {
            if (t >= lunch)
            {
                t = t.AddMinutes(30);
                lunch = DateTimeOffset.MaxValue;
            }

            var fake = agent.Farm == FarmingKind.ShortCalls && random.NextDouble() < 0.45 + (0.4 * agent.Intensity);
            int duration;
            if (fake)
            {
                duration = random.Next(5, 26);
            }
            else if (random.NextDouble() < 0.10)
            {
                duration = random.Next(5, 41); // wrong number, voicemail
            }
            else
            {
                duration = (int)Math.Clamp(Math.Exp(Math.Log(240) + (0.5 * Normal(random))), 45, 3600);
            }

            var done = t.AddSeconds(duration);
            var rating = random.NextDouble() < 0.5 ? Rating(random) : (int?)null;
            drafts.Add(new Draft(agent.Id, ActivityType.CallCompleted, done, duration, rating, null));
            if (!fake && duration > 45 && random.NextDouble() < 0.08)
            {
                drafts.Add(new Draft(agent.Id, ActivityType.LeadConverted, done.AddSeconds(random.Next(5, 90)), null, null, null));
            }

            if (!fake && random.NextDouble() < 0.03)
            {
                // Post-call surveys come back in the nightly batch.
                drafts.Add(new Draft(agent.Id, ActivityType.CustomerFeedback, feedbackBatch.AddSeconds(random.Next(0, 600)), null, Rating(random),
                    $"customer-{nextCustomer++}"));
            }

            var idle = (-Math.Log(1 - random.NextDouble()) * 100 / pace) + 20;
            t = done.AddSeconds(fake ? random.Next(10, 40) : idle);
        }

        if (random.NextDouble() < 0.4)
        {
            // QA reviews from the team's reviewer (sometimes another team's), during office hours.
            var reviewer = random.NextDouble() < 0.9 ? agent.Team : random.Next(15);
            drafts.Add(new Draft(agent.Id, ActivityType.QualityReview, start.AddMinutes(random.Next(0, 480)), null, Rating(random), $"reviewer-{reviewer:D2}"));
        }

        switch (agent.Farm)
        {
            case FarmingKind.Bursts when random.NextDouble() < 0.6:
                for (var b = random.Next(1, 3); b > 0; b--)
                {
                    var at = start.AddMinutes(random.Next(10, (int)Math.Max(11, hours * 60)));
                    for (var k = random.Next(8, 15); k > 0; k--)
                    {
                        at = at.AddSeconds(random.Next(3, 12));
                        drafts.Add(new Draft(agent.Id, ActivityType.CallCompleted, at, (int)Math.Exp(Math.Log(240) + (0.5 * Normal(random))), null, null));
                    }
                }

                break;
            case FarmingKind.ConcentratedFeedback when random.NextDouble() < 0.8:
                for (var k = random.Next(1, 3); k > 0; k--)
                {
                    drafts.Add(new Draft(agent.Id, ActivityType.CustomerFeedback, start.AddMinutes(random.Next(0, 480)), null, 5, $"friend-{agent.Id}"));
                }

                break;
            case FarmingKind.EarlyCap when random.NextDouble() < 0.75:
                var conversion = start.AddMinutes(random.Next(5, 20));
                for (var k = random.Next(10, 15); k > 0; k--)
                {
                    drafts.Add(new Draft(agent.Id, ActivityType.LeadConverted, conversion, null, null, null));
                    conversion = conversion.AddSeconds(random.Next(120, 360));
                }

                break;
            case FarmingKind.SuddenJump when dayIndex >= 16 && (random.NextDouble() < 0.25 || (dayIndex >= 24 && jumped.Add(agent.Id))):
                jumped.Add(agent.Id);
                // A day of conversions logged over the shift (not in a rush): far above the agent's own norm.
                for (var k = random.Next(9, 14); k > 0; k--)
                {
                    drafts.Add(new Draft(agent.Id, ActivityType.LeadConverted, start.AddMinutes(random.Next(0, 300)), null, null, null));
                }

                break;
        }
    }

    /// <summary>Points in time order per agent-day with the level's daily cap, as the engine awards them.</summary>
    private static List<DetectionEvent> Score(List<Agent> agents, List<Draft> drafts)
    {
        var caps = agents.ToDictionary(a => a.Id, a => 500 + (50 * (a.Level - 1)));
        var result = new List<DetectionEvent>(drafts.Count);
        foreach (var day in drafts.GroupBy(d => (d.UserId, DateOnly.FromDateTime(d.At.UtcDateTime))))
        {
            long total = 0;
            var cap = caps[day.Key.UserId];
            foreach (var e in day.OrderBy(d => d.At))
            {
                long points = e.Type switch
                {
                    ActivityType.CallCompleted => e.Rating == 5 ? 30 : 10,
                    ActivityType.LeadConverted => 50,
                    ActivityType.QualityReview => 5,
                    _ => 3,
                };
                var awarded = Math.Min(points, Math.Max(0, cap - total));
                total += awarded;
                result.Add(new DetectionEvent(e.UserId, e.Type, e.At, day.Key.Item2, e.Duration, e.Rating, e.Source, awarded, awarded < points));
            }
        }

        return result;
    }

    private static int Rating(Random random) => random.NextDouble() switch
    {
        < 0.05 => 1,
        < 0.15 => 2,
        < 0.35 => 3,
        < 0.70 => 4,
        _ => 5,
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
