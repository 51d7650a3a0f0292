using System.Diagnostics;

using Gamification.Core;
using Gamification.Core.Analytics;
using Gamification.Core.Points;

namespace Gamification.Bench;

/// <param name="Agents">Agents in the tenant, farmers included.</param>
/// <param name="FarmersPerKind">Farmers injected for each <see cref="FarmingKind"/>.</param>
/// <param name="Days">Days simulated (about three months by default).</param>
/// <param name="Thresholds">The detector's thresholds: the defaults unless a run tries others (<c>--set name=value,...</c>).</param>
/// <param name="Trace">An agent whose days to print (points, cap, own median), to see why it was or was not flagged.</param>
public sealed record FarmingSettings(int Agents, int FarmersPerKind, int Days, int Seed, FarmingThresholds? Thresholds = null, string? Trace = null);

/// <summary>
/// Point-farming detection on three months of one synthetic call center: does it find the farmers, and does it leave
/// ordinary people alone? Ordinary agents: full-timers and veterans on shift patterns, part-timers working three or four
/// days a week (now and then a double shift), a low-volume queue whose hours vary, new hires joining during the run and
/// ramping up from a third of the pace, good and bad days, good weeks, and team-wide busy days (a campaign, a
/// pre-holiday week, a public holiday and its catch-up day, a holiday peak with overtime). Calls are log-normal around
/// 4 min with ~10 % wrong numbers; ratings, conversions, QA reviews from team reviewers and customer feedback from many
/// customers arrive as they do. Farmers of each kind start farming on some day of the run. The pure
/// <see cref="FarmingDetector"/> runs as <see cref="FarmingService"/>'s hourly check does: a 14-day window ending on
/// each day, with 21 days of history before it, and a finding that overlaps or touches an open flag of the same agent
/// and kind extends that flag rather than raising another. The same activity is scored under two caps: the moderate
/// preset's (call 10, perfect call 30, conversion 50, review 5, feedback 3; a daily cap of 500 + 50 per level) and one
/// out of reach (the same points, no agent ever reaches the cap). Streak multipliers are left out: they only move the
/// cap earlier for everyone.
/// </summary>
public static class FarmingBenchmark
{
    private const double RecallTarget = 0.9;
    private const double FalseFlagTarget = 1.0;
    private const int WindowDays = FarmingService.DefaultDays;
    private const int HistoryDays = FarmingThresholds.MaxJumpHistoryDays;
    private const double DaysPerMonth = 365.25 / 12;
    private static readonly DateOnly FirstDay = new(2026, 9, 7);

    private enum Profile { FullTime, PartTime, Veteran, LowVolume, NewHire }

    private sealed record Agent(string Id, Profile Profile, int Level, double Pace, int ShiftStart, double ShiftHours,
        DayOfWeek[] DaysOff, int Team, int JoinDay, HashSet<int> GoodWeeks, FarmingKind? Farm, int FarmFrom, double Intensity);

    private sealed record Draft(string UserId, ActivityType Type, DateTimeOffset At, int? Duration, int? Rating, string? Source);

    private sealed record Cap(string Name, Func<Agent, long> PerDay);

    /// <summary>A team-wide day: everyone's volume (busy days above 1), and whether the center is closed.</summary>
    private readonly record struct TeamDay(double Volume, bool Closed, string? Name);

    private sealed class Flag(DateOnly start, DateOnly end, FarmingCandidate candidate)
    {
        public DateOnly Start { get; } = start;
        public DateOnly End { get; set; } = end;
        public FarmingCandidate Candidate { get; set; } = candidate;
    }

    public static int Run(FarmingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var random = new Random(settings.Seed);
        var teamDays = TeamDays(settings.Days);
        var agents = CreateAgents(settings, random);
        var watch = Stopwatch.StartNew();
        var drafts = Generate(agents, teamDays, settings.Days, random);
        var generated = watch.Elapsed;
        var ordinary = agents.Where(a => a.Farm is null).ToList();
        var agentMonths = ordinary.Sum(a => settings.Days - a.JoinDay) / DaysPerMonth;

        if (settings.Thresholds is { } custom && custom.Customized() is { Count: > 0 } changed)
        {
            Console.WriteLine("Thresholds changed for this run: " + string.Join(", ", changed.Select(n => $"{n} = {custom.Get(n)}")));
        }

        Console.WriteLine($"Farming detection over {settings.Days} days ({settings.Days / DaysPerMonth:0.0} months), seed {settings.Seed}: {agents.Count} agents, "
            + $"{ordinary.Count} ordinary ({Profiles(ordinary)}) and {settings.FarmersPerKind} farmers of each kind, farming from a day between "
            + $"{agents.Where(a => a.Farm is not null).Select(a => a.FarmFrom + 1).DefaultIfEmpty().Min()} and {agents.Where(a => a.Farm is not null).Select(a => a.FarmFrom + 1).DefaultIfEmpty().Max()}; "
            + $"{ordinary.Sum(a => settings.Days - a.JoinDay) / DaysPerMonth:0.0} ordinary agent-months.");
        Console.WriteLine("  Team days: " + string.Join(", ", teamDays.Select((t, d) => (t, d)).Where(x => x.t.Name is not null)
            .GroupBy(x => x.t.Name).Select(g => $"{g.Key} day {string.Join("-", new[] { g.Min(x => x.d) + 1, g.Max(x => x.d) + 1 }.Distinct())}")));
        Console.WriteLine($"  Generated {drafts.Sum(d => d.Count):N0} events in {generated.TotalSeconds:0.0} s. Detection: a {WindowDays}-day window ending on each day "
            + $"from day {WindowDays} ({settings.Days - WindowDays + 1} runs), {HistoryDays} days of history before it, as the hourly check.");

        var allMet = true;
        foreach (var cap in new[]
        {
            new Cap("Moderate cap (500 + 50 a level)", a => 500 + (50 * (a.Level - 1))),
            new Cap("Cap out of reach (no agent reaches it)", _ => 1_000_000),
        })
        {
            allMet &= Measure(cap, agents, drafts, settings, agentMonths);
        }

        Console.WriteLine();
        Console.WriteLine($"Targets (each cap): false flags on ordinary agents <= {FalseFlagTarget:0.0} per 100 agent-months, recall >= {RecallTarget:0.0} per kind: "
            + (allMet ? "MET" : "NOT MET"));
        return allMet ? 0 : 1;
    }

    private static bool Measure(Cap cap, List<Agent> agents, List<Draft>[] drafts, FarmingSettings settings, double agentMonths)
    {
        var byDay = Score(agents, drafts, cap, settings.Days);
        var watch = Stopwatch.StartNew();
        var flags = new Dictionary<(string UserId, FarmingKind Kind), List<Flag>>();
        for (var end = WindowDays - 1; end < settings.Days; end++)
        {
            var from = Math.Max(0, end - WindowDays + 1 - HistoryDays);
            var events = new List<DetectionEvent>();
            for (var d = from; d <= end; d++)
            {
                events.AddRange(byDay[d]);
            }

            foreach (var candidate in FarmingDetector.Detect(events, FirstDay.AddDays(end - WindowDays + 1), FirstDay.AddDays(end), settings.Thresholds))
            {
                // As FarmingService: a finding that overlaps or touches the open flag extends it; otherwise a new flag.
                var list = flags.TryGetValue((candidate.UserId, candidate.Kind), out var known) ? known : flags[(candidate.UserId, candidate.Kind)] = [];
                if (list.LastOrDefault() is { } open && open.Start <= candidate.WindowEnd.AddDays(1) && open.End >= candidate.WindowStart.AddDays(-1))
                {
                    open.End = candidate.WindowEnd > open.End ? candidate.WindowEnd : open.End;
                    open.Candidate = candidate;
                }
                else
                {
                    list.Add(new Flag(candidate.WindowStart, candidate.WindowEnd, candidate));
                }
            }
        }

        var byId = agents.ToDictionary(a => a.Id);
        if (settings.Trace is { } traced && byId.TryGetValue(traced, out var tracedAgent))
        {
            Trace(tracedAgent, byDay, settings.Thresholds ?? FarmingThresholds.Default, cap);
        }

        var capReached = byDay.Any(day => day.Any(e => e.Capped));
        Console.WriteLine();
        Console.WriteLine($"{cap.Name}: {byDay.Sum(d => d.Count):N0} events, {byDay.Sum(d => d.Where(e => e.Capped).Select(e => (e.UserId, e.LocalDate)).Distinct().Count()):N0} "
            + $"agent-days capped; detector {watch.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"  {"kind",-22} {"recall (target >= 0.9)",-24} {"false flags",12} {"cross",6}");

        var met = true;
        foreach (var kind in Enum.GetValues<FarmingKind>())
        {
            var farmers = agents.Where(a => a.Farm == kind).ToList();
            var found = farmers.Count(a => flags.ContainsKey((a.Id, kind)));
            var falseFlags = flags.Where(f => f.Key.Kind == kind && byId[f.Key.UserId].Farm is null).Sum(f => f.Value.Count);
            var cross = flags.Keys.Count(k => k.Kind == kind && byId[k.UserId].Farm is { } farm && farm != kind);
            string recall;
            if (kind == FarmingKind.EarlyCap && !capReached)
            {
                recall = "n/a (cap out of reach)";
            }
            else
            {
                var ratio = farmers.Count == 0 ? 1 : (double)found / farmers.Count;
                met &= ratio >= RecallTarget;
                recall = $"{found}/{farmers.Count} = {ratio:0.00} {(ratio >= RecallTarget ? "met" : "NOT MET")}";
            }

            Console.WriteLine($"  {SnakeCaseNames.NameOf(kind),-22} {recall,-24} {falseFlags,12} {cross,6}");
            foreach (var missed in farmers.Where(a => capReached || kind != FarmingKind.EarlyCap).Where(a => !flags.ContainsKey((a.Id, kind))))
            {
                Console.WriteLine($"    missed: {missed.Id} ({missed.Profile}, farming from day {missed.FarmFrom + 1})");
            }
        }

        var falseFlagged = flags.Where(f => byId[f.Key.UserId].Farm is null).SelectMany(f => f.Value.Select(v => (Agent: byId[f.Key.UserId], f.Key.Kind, Flag: v))).ToList();
        var perHundred = falseFlagged.Count / agentMonths * 100;
        met &= perHundred <= FalseFlagTarget;
        Console.WriteLine($"  False flags on ordinary agents: {falseFlagged.Count} in {agentMonths:0.0} agent-months = {perHundred:0.00} per 100 agent-months "
            + $"(target <= {FalseFlagTarget:0.0}): {(perHundred <= FalseFlagTarget ? "met" : "NOT MET")}");
        foreach (var (agent, kind, flag) in falseFlagged.Take(5))
        {
            Console.WriteLine($"    {agent.Profile} {agent.Id} (joined day {agent.JoinDay + 1}) {SnakeCaseNames.NameOf(kind)}: {flag.Candidate.Evidence}");
        }

        Console.WriteLine("  Sample evidence:");
        foreach (var kind in Enum.GetValues<FarmingKind>())
        {
            var sample = flags.Where(f => f.Key.Kind == kind && byId[f.Key.UserId].Farm == kind).Select(f => f.Value[0].Candidate).FirstOrDefault();
            if (sample is not null)
            {
                Console.WriteLine($"    {SnakeCaseNames.NameOf(kind)} (score {sample.Score:0.00}): {sample.Evidence}");
            }
        }

        return met;
    }

    private static void Trace(Agent agent, List<DetectionEvent>[] byDay, FarmingThresholds t, Cap cap)
    {
        Console.WriteLine($"  Trace of {agent.Id} ({agent.Profile}, level {agent.Level}, cap {cap.PerDay(agent)}, joined day {agent.JoinDay + 1}"
            + (agent.Farm is { } farm ? $", farming {SnakeCaseNames.NameOf(farm)} from day {agent.FarmFrom + 1})" : ")"));
        var days = byDay.Select((events, d) => (d, Points: events.Where(e => e.UserId == agent.Id).Sum(e => e.Points),
            Active: events.Any(e => e.UserId == agent.Id), Capped: events.Any(e => e.UserId == agent.Id && e.Capped))).Where(x => x.Active).ToList();
        for (var k = 0; k < days.Count; k++)
        {
            var prior = days.Take(k).TakeLast(t.JumpHistoryDays).Select(x => (double)x.Points).Order().ToList();
            var median = prior.Count == 0 ? 0 : prior.Count % 2 == 1 ? prior[prior.Count / 2] : (prior[(prior.Count / 2) - 1] + prior[prior.Count / 2]) / 2;
            Console.WriteLine($"    day {days[k].d + 1,3} {FirstDay.AddDays(days[k].d):ddd d MMM}: {days[k].Points,5} points{(days[k].Capped ? " (capped)" : "          ")} "
                + $"own median {median,6:0} over {prior.Count,2} days: {days[k].Points / Math.Max(median, 1),5:0.00}x");
        }
    }

    private static string Profiles(List<Agent> agents) => string.Join(", ", agents.GroupBy(a => a.Profile).OrderBy(g => g.Key)
        .Select(g => $"{g.Count()} {g.Key switch
        {
            Profile.FullTime => "full-time",
            Profile.PartTime => "part-time",
            Profile.Veteran => "veterans",
            Profile.LowVolume => "low-volume queue",
            _ => "new hires joining during the run",
        }}"));

    /// <summary>
    /// The center's calendar: a two-day campaign at a quarter of the run (x1.6), a busy pre-holiday week (x1.35), a public
    /// holiday (closed) and its catch-up day (x1.5), and a three-day holiday peak near the end (x1.8, with overtime).
    /// </summary>
    private static TeamDay[] TeamDays(int days)
    {
        var calendar = Enumerable.Repeat(new TeamDay(1, false, null), days).ToArray();
        void Mark(double at, int length, TeamDay day)
        {
            for (var d = (int)(at * days); d < Math.Min(days, (int)(at * days) + length); d++)
            {
                calendar[d] = day;
            }
        }

        Mark(0.26, 2, new TeamDay(1.6, false, "campaign"));
        Mark(0.57, 5, new TeamDay(1.35, false, "pre-holiday week"));
        Mark(0.66, 1, new TeamDay(1, true, "public holiday"));
        Mark(0.66 + (1.0 / days), 1, new TeamDay(1.5, false, "catch-up"));
        Mark(0.88, 3, new TeamDay(1.8, false, "holiday peak"));
        return calendar;
    }

    private static List<Agent> CreateAgents(FarmingSettings settings, Random random)
    {
        var agents = new List<Agent>();
        var kinds = Enum.GetValues<FarmingKind>();
        var normal = Math.Max(0, settings.Agents - (kinds.Length * settings.FarmersPerKind));
        for (var i = 0; i < normal; i++)
        {
            var roll = random.NextDouble();
            var profile = roll switch
            {
                < 0.50 => Profile.FullTime,
                < 0.70 => Profile.PartTime,
                < 0.82 => Profile.Veteran,
                < 0.90 => Profile.LowVolume,
                _ => Profile.NewHire,
            };
            agents.Add(NewAgent(agents.Count, profile, null, settings.Days, random));
        }

        foreach (var kind in kinds)
        {
            for (var i = 0; i < settings.FarmersPerKind; i++)
            {
                // Jump farmers come from the quieter end of the low-volume queue (half an hour to 55 minutes a day, a usual
                // day of about 100-200 points): under the cap a jump shows only up to cap / usual day, so an agent whose
                // usual day is already half the cap cannot be seen jumping (and can take at most the other half).
                var profile = kind == FarmingKind.SuddenJump ? Profile.LowVolume : random.NextDouble() < 0.75 ? Profile.FullTime : Profile.PartTime;
                var farmer = NewAgent(agents.Count, profile, kind, settings.Days, random);
                agents.Add(kind == FarmingKind.SuddenJump ? farmer with { ShiftHours = 0.5 + (random.NextDouble() * 0.4) } : farmer);
            }
        }

        // Shuffle so farmers are not the last ids.
        return [.. agents.OrderBy(_ => random.Next())];
    }

    private static Agent NewAgent(int index, Profile profile, FarmingKind? farm, int days, Random random)
    {
        DayOfWeek[] weekend = [DayOfWeek.Saturday, DayOfWeek.Sunday];
        var rotated = (DayOfWeek)random.Next(7);
        DayOfWeek[] daysOff = random.NextDouble() < 0.7 ? weekend : [rotated, (DayOfWeek)(((int)rotated + 1) % 7)];
        var shiftStart = new[] { 6, 7, 8, 9, 10, 12, 14 }[random.Next(7)];
        var (level, pace, hours) = profile switch
        {
            Profile.FullTime or Profile.NewHire => (1 + random.Next(4), 0.8 + (random.NextDouble() * 0.4), 8.0),
            Profile.PartTime => (1 + random.Next(3), 0.8 + (random.NextDouble() * 0.4), 4.0),
            Profile.Veteran => (5 + random.Next(4), 1.2 + (random.NextDouble() * 0.4), 8.0),
            _ => (1 + random.Next(2), 0.8 + (random.NextDouble() * 0.3), 0.8 + (random.NextDouble() * 0.5)),
        };
        if (profile == Profile.PartTime)
        {
            // Part-timers work three or four days a week.
            daysOff = [.. Enum.GetValues<DayOfWeek>().OrderBy(_ => random.Next()).Take(3 + random.Next(2))];
        }

        if (profile == Profile.NewHire)
        {
            level = 1;
            shiftStart = Math.Min(shiftStart, 12);
        }

        var joinDay = profile == Profile.NewHire ? random.Next(1, Math.Max(2, days - WindowDays)) : 0;
        var goodWeeks = Enumerable.Range(0, (days / 7) + 1).Where(_ => random.NextDouble() < 0.08).ToHashSet();
        // Farmers start at some point of the run, after three weeks of ordinary work and with at least four weeks left.
        var farmFrom = farm is null ? days : Math.Min(days - 1, 21 + random.Next(Math.Max(1, days - 21 - 28)));
        return new Agent($"agent-{index:D3}", profile, level, pace, shiftStart, hours, daysOff, index % 15, joinDay, goodWeeks, farm, farmFrom,
            0.5 + (random.NextDouble() * 0.5));
    }

    private static List<Draft>[] Generate(List<Agent> agents, TeamDay[] teamDays, int days, Random random)
    {
        var drafts = new List<Draft>[days];
        var nextCustomer = 0;
        for (var d = 0; d < days; d++)
        {
            drafts[d] = [];
            var day = FirstDay.AddDays(d);
            foreach (var agent in agents)
            {
                if (d < agent.JoinDay || teamDays[d].Closed || agent.DaysOff.Contains(day.DayOfWeek) || random.NextDouble() < 0.03)
                {
                    continue; // not hired yet, the center is closed, a day off, or sick
                }

                WorkDay(agent, day, d, teamDays[d], drafts[d], random, ref nextCustomer);
            }
        }

        return drafts;
    }

    private static void WorkDay(Agent agent, DateOnly day, int dayIndex, TeamDay team, List<Draft> drafts, Random random, ref int nextCustomer)
    {
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(agent.ShiftStart, 0)), TimeSpan.Zero)
            .AddMinutes(random.Next(-15, 16));
        var factor = Math.Exp(Normal(random) * 0.12);
        var hours = agent.ShiftHours;
        if (agent.Profile == Profile.LowVolume)
        {
            hours *= Math.Exp(Normal(random) * 0.15); // the queue is longer some days than others
        }

        if (agent.Profile == Profile.PartTime && random.NextDouble() < 0.04)
        {
            hours *= 2; // covers a colleague's shift
        }

        if (agent.Profile == Profile.NewHire)
        {
            // Ramping up: half days in the first week, a third of the pace at first and the full pace after six weeks.
            var tenure = dayIndex - agent.JoinDay;
            factor *= Math.Min(1, 0.35 + (0.65 * tenure / 42.0));
            hours = tenure < 7 ? 4 : hours;
        }

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

        if (agent.GoodWeeks.Contains(dayIndex / 7))
        {
            factor *= 1.3; // a good week
            hours *= hours < 6 ? 1.2 : 1;
        }

        // A busy day for the whole center: short shifts stretch with the volume, full shifts take overtime, and the
        // queue leaves less idle time between calls.
        factor *= team.Volume;
        hours *= hours < 6 ? team.Volume : Math.Min(team.Volume, 1.25);

        var end = start.AddHours(hours);
        var lunch = hours >= 6 ? start.AddHours(hours / 2) : DateTimeOffset.MaxValue;
        var t = start;
        var pace = agent.Pace * factor;
        var feedbackBatch = new DateTimeOffset(day.ToDateTime(new TimeOnly(21, 0)), TimeSpan.Zero);
        var farming = agent.Farm is not null && dayIndex >= agent.FarmFrom;
        while (t < end)
        {
            if (t >= lunch)
            {
                t = t.AddMinutes(30);
                lunch = DateTimeOffset.MaxValue;
            }

            var fake = farming && agent.Farm == FarmingKind.ShortCalls && random.NextDouble() < 0.45 + (0.4 * agent.Intensity);
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

        if (!farming)
        {
            return;
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
            case FarmingKind.SuddenJump when random.NextDouble() < 0.4 + (0.4 * agent.Intensity):
                // A day of conversions logged over the shift (not in a rush): far above the agent's own norm.
                for (var k = random.Next(10, 17); k > 0; k--)
                {
                    drafts.Add(new Draft(agent.Id, ActivityType.LeadConverted, start.AddMinutes(random.Next(0, 300)), null, null, null));
                }

                break;
        }
    }

    /// <summary>Points in time order per agent-day with the daily cap, as the engine awards them; the events of each local day.</summary>
    private static List<DetectionEvent>[] Score(List<Agent> agents, List<Draft>[] drafts, Cap cap, int days)
    {
        var caps = agents.ToDictionary(a => a.Id, cap.PerDay);
        var byDay = Enumerable.Range(0, days + 1).Select(_ => new List<DetectionEvent>()).ToArray();
        foreach (var day in drafts.SelectMany(d => d).GroupBy(d => (d.UserId, Day: DateOnly.FromDateTime(d.At.UtcDateTime))))
        {
            var index = day.Key.Day.DayNumber - FirstDay.DayNumber;
            if (index > days)
            {
                continue;
            }

            long total = 0;
            var limit = caps[day.Key.UserId];
            foreach (var e in day.OrderBy(d => d.At))
            {
                long points = e.Type switch
                {
                    ActivityType.CallCompleted => e.Rating == 5 ? 30 : 10,
                    ActivityType.LeadConverted => 50,
                    ActivityType.QualityReview => 5,
                    _ => 3,
                };
                var awarded = Math.Min(points, Math.Max(0, limit - total));
                total += awarded;
                byDay[index].Add(new DetectionEvent(e.UserId, e.Type, e.At, day.Key.Day, e.Duration, e.Rating, e.Source, awarded, awarded < points));
            }
        }

        return byDay;
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
