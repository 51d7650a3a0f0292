namespace Gamification.Tests.Analytics;

public class FarmingDetectorTests
{
    internal static readonly DateOnly First = new(2026, 3, 2);
    internal static readonly DateOnly Last = First.AddDays(13);
    private static readonly string[] Normals = ["n1", "n2", "n3", "n4", "n5", "n6"];

    /// <summary>What the detector finds in <paramref name="raw"/> over the 14 days from <see cref="First"/> to <see cref="Last"/>.</summary>
    private static IReadOnlyList<FarmingCandidate> DetectInTheWindow(List<Raw> raw) => FarmingDetector.Detect(Score(raw), First, Last);

    /// <summary>
    /// Six normal agents over 14 days: 40 calls a day from 09:00 (durations 3-5 min, every tenth a 20 s wrong number,
    /// 2 min between calls), a conversion every 8th call, a QA review a day from one reviewer for all, one survey answer a
    /// day from a new customer; 10 points a call, 50 a conversion, a cap of 300 (reached after about 3 h).
    /// Part-timer n5 works 2 h on odd days; n6 has a good day (60 calls) and a bad day (15 calls).
    /// </summary>
    internal static List<Raw> NormalMonth()
    {
        var raw = new List<Raw>();
        var customer = 0;
        int[] durations = [240, 200, 300, 180, 260, 220, 280, 250, 210, 20];
        for (var d = 0; d < 14; d++)
        {
            var day = First.AddDays(d);
            foreach (var user in Normals)
            {
                var calls = user switch
                {
                    "n5" when d % 2 == 1 => 12,
                    "n6" when d == 9 => 60,
                    "n6" when d == 4 => 15,
                    _ => 40,
                };
                var at = At(day, 9, 0).AddMinutes(Normals.ToList().IndexOf(user));
                for (var k = 0; k < calls; k++)
                {
                    var duration = durations[(k + d) % durations.Length];
                    at = at.AddSeconds(duration + 120);
                    raw.Add(new Raw(user, ActivityType.CallCompleted, at, duration, k % 7 == 0 ? 5 : null, null));
                    if (k % 8 == 3)
                    {
                        raw.Add(new Raw(user, ActivityType.LeadConverted, at.AddSeconds(30), null, null, null));
                    }
                }

                raw.Add(new Raw(user, ActivityType.QualityReview, At(day, 11, 0), null, 4, "qa-1"));
                raw.Add(new Raw(user, ActivityType.CustomerFeedback, At(day, 21, 0), null, 4, $"customer-{customer++}"));
            }
        }

        return raw;
    }

    [Fact]
    public void Normal_agents_with_part_timers_good_days_and_wrong_numbers_are_not_flagged()
    {
        var found = DetectInTheWindow(NormalMonth());

        Assert.Empty(found);
    }

    [Fact]
    public void Rewarded_calls_far_shorter_than_the_norm_are_flagged_with_the_numbers()
    {
        var raw = NormalMonth();
        for (var d = 0; d < 14; d++)
        {
            var at = At(First.AddDays(d), 9, 0);
            for (var k = 0; k < 20; k++)
            {
                var duration = k % 5 < 3 ? 12 : 240; // 60 % short
                at = at.AddSeconds(duration + 120);
                raw.Add(new Raw("farmer", ActivityType.CallCompleted, at, duration, null, null));
            }
        }

        var flag = Assert.Single(DetectInTheWindow(raw));
        Assert.Equal(("farmer", FarmingKind.ShortCalls), (flag.UserId, flag.Kind));
        Assert.Equal("168 of 280 rewarded calls (60%) lasted under 55 s; across the team 17% did. "
            + "The team's median call lasts 3 min 40 s, this agent's 12 s.", flag.Evidence);
        Assert.InRange(flag.Score, 0.3, 0.4);
        Assert.Equal((First, Last), (flag.WindowStart, flag.WindowEnd));
    }

    [Fact]
    public void Ten_calls_in_a_minute_are_a_burst()
    {
        var raw = NormalMonth();
        var at = At(First.AddDays(3), 14, 0);
        for (var k = 0; k < 10; k++)
        {
            raw.Add(new Raw("n2", ActivityType.CallCompleted, at.AddSeconds(6 * k), 240, null, null));
        }

        var flag = Assert.Single(DetectInTheWindow(raw));
        Assert.Equal(("n2", FarmingKind.Bursts), (flag.UserId, flag.Kind));
        Assert.Contains("1 burst of 8 or more calls and conversions within 2 min on 1 day, the densest 10 events from 14:00 on Thu 5 Mar",
            flag.Evidence, StringComparison.Ordinal);
        Assert.Equal(First.AddDays(3), flag.WindowStart);
        Assert.Equal((1, 10, 0), (flag.Data["bursts"], flag.Data["densest_burst_events"], flag.Data["fast_days"]));
        Assert.False(flag.Data.ContainsKey("fastest_median_gap_seconds"), "No fast day: no fastest gap to show.");
    }

    [Fact]
    public void A_batch_of_feedback_arriving_at_once_is_not_a_burst()
    {
        var raw = NormalMonth();
        for (var k = 0; k < 12; k++)
        {
            raw.Add(new Raw("n2", ActivityType.CustomerFeedback, At(First.AddDays(3), 21, 0), null, 4, $"batch-{k}"));
        }

        Assert.Empty(DetectInTheWindow(raw));
    }

    [Fact]
    public void Feedback_concentrated_from_one_source_on_one_agent_is_flagged()
    {
        var raw = NormalMonth();
        for (var d = 0; d < 10; d++)
        {
            raw.Add(new Raw("n3", ActivityType.CustomerFeedback, At(First.AddDays(d), 15, 0), null, 5, "friend-9"));
        }

        raw.Add(new Raw("n4", ActivityType.CustomerFeedback, At(First.AddDays(2), 15, 0), null, 5, "friend-9"));

        var flag = Assert.Single(DetectInTheWindow(raw));
        Assert.Equal(("n3", FarmingKind.ConcentratedFeedback), (flag.UserId, flag.Kind));
        Assert.Equal("10 of 38 reviews and feedback (26%) came from one source, \"friend-9\", which gave 91% of all its 11 reviews and feedback "
            + "in the team to this agent (average rating 5.0).", flag.Evidence);
    }

    /// <summary>Agent <paramref name="user"/> converts 7 leads from 09:08 every 3 minutes on each of <paramref name="days"/>: the cap (300) within 15 min.</summary>
    internal static void CapEarly(List<Raw> raw, string user, params int[] days)
    {
        foreach (var d in days)
        {
            var at = At(First.AddDays(d), 9, 5);
            for (var k = 0; k < 7; k++)
            {
                at = at.AddMinutes(3);
                raw.Add(new Raw(user, ActivityType.LeadConverted, at, null, null, null));
            }
        }
    }

    [Fact]
    public void Reaching_the_cap_within_minutes_on_three_days_is_flagged()
    {
        var raw = NormalMonth();
        CapEarly(raw, "n4", 1, 2, 5);

        var flag = Assert.Single(DetectInTheWindow(raw));
        Assert.Equal(("n4", FarmingKind.EarlyCap), (flag.UserId, flag.Kind));
        Assert.StartsWith("Reached the daily cap on 3 days within 15 min", flag.Evidence, StringComparison.Ordinal);
        Assert.Contains("Tue 3 Mar at 09:23", flag.Evidence, StringComparison.Ordinal);
        Assert.Equal((First.AddDays(1), First.AddDays(5)), (flag.WindowStart, flag.WindowEnd));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Reaching_the_cap_early_on_one_or_two_days_is_not_a_flag(int days)
    {
        var raw = NormalMonth();
        CapEarly(raw, "n4", [.. Enumerable.Range(1, days)]);

        Assert.Empty(DetectInTheWindow(raw));

        // The same days are early ones: a tenant that flags from that many early days sees them.
        var flag = Assert.Single(FarmingDetector.Detect(Score(raw), First, Last, FarmingThresholds.Default with { EarlyCapMinDays = days }));
        Assert.Equal(("n4", FarmingKind.EarlyCap), (flag.UserId, flag.Kind));
        Assert.StartsWith(days == 1 ? "Reached the daily cap on 1 day within 15 min" : "Reached the daily cap on 2 days within 15 min", flag.Evidence, StringComparison.Ordinal);
    }

    /// <summary>Agent <paramref name="user"/> makes <paramref name="usual"/> calls of 4 min a day from day <paramref name="from"/>, 6 min apart from 09:00 (10 points each), or the calls given for a day.</summary>
    internal static void Steady(List<Raw> raw, string user, int usual, IReadOnlyDictionary<int, int>? days = null, int from = 0)
    {
        for (var d = from; d < 14; d++)
        {
            var at = At(First.AddDays(d), 9, 0);
            var calls = days?.GetValueOrDefault(d, usual) ?? usual;
            for (var k = 0; k < calls; k++)
            {
                at = at.AddMinutes(6);
                raw.Add(new Raw(user, ActivityType.CallCompleted, at, 240, null, null));
            }
        }
    }

    [Fact]
    public void One_good_day_is_not_a_sudden_jump()
    {
        var raw = NormalMonth();
        Steady(raw, "low", 8, new Dictionary<int, int> { [12] = 30 });

        Assert.Empty(DetectInTheWindow(raw));

        // The day is a jump day (300 points, 3.75x the usual 80): one of them does not flag, unless a tenant says so.
        var flag = Assert.Single(FarmingDetector.Detect(Score(raw), First, Last, FarmingThresholds.Default with { JumpMinDays = 1 }));
        Assert.Equal(("low", FarmingKind.SuddenJump), (flag.UserId, flag.Kind));
        Assert.StartsWith("1 jump day at 2.2x or more of the agent's own median beyond what the team did that day (1 or more flag). "
            + "The biggest: 300 activity points on Sat 14 Mar, 3.8x the agent's own median of 80 over the previous 12 active days;", flag.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_jump_days_are_a_sudden_jump_with_the_days_points_and_ratios_named()
    {
        var raw = NormalMonth();
        Steady(raw, "low", 8, new Dictionary<int, int> { [10] = 24, [11] = 25, [12] = 30 });

        var flag = Assert.Single(DetectInTheWindow(raw));

        Assert.Equal(("low", FarmingKind.SuddenJump), (flag.UserId, flag.Kind));
        // The six others sit at the cap on those days (but for n5 on odd days): too few under the cap to read the team's day.
        Assert.Equal("3 jump days at 2.2x or more of the agent's own median beyond what the team did that day (3 or more flag). "
            + "The biggest: 300 activity points on Sat 14 Mar, 3.8x the agent's own median of 80 over the previous 12 active days; "
            + "too few of the team's agents were under the cap that day to compare (fewer than 5). The team's median agent-day is 300 points. "
            + "Jump days (3): Thu 12 Mar: 240 (3.0x), Fri 13 Mar: 250 (3.1x), Sat 14 Mar: 300 (3.8x).", flag.Evidence);
        Assert.Equal((First.AddDays(10), First.AddDays(12)), (flag.WindowStart, flag.WindowEnd));
        var days = Assert.IsType<List<Dictionary<string, object>>>(flag.Data["jump_days"]);
        Assert.Equal(["2026-03-12", "2026-03-13", "2026-03-14"], days.Select(d => (string)d["day"]));
        Assert.Equal([240L, 250L, 300L], days.Select(d => (long)d["points"]));
        Assert.Equal([3.0, 3.12, 3.75], days.Select(d => (double)d["own_ratio"]));
    }

    [Fact]
    public void One_day_at_five_times_the_agents_usual_is_a_sudden_jump_on_its_own()
    {
        var raw = NormalMonth();
        Steady(raw, "low", 5, new Dictionary<int, int> { [12] = 28 });

        var flag = Assert.Single(DetectInTheWindow(raw));

        Assert.Equal(("low", FarmingKind.SuddenJump), (flag.UserId, flag.Kind));
        Assert.StartsWith("A jump day at 5.6x the agent's own median beyond what the team did that day (one day at 5.0x or more flags on its own). "
            + "The biggest: 280 activity points on Sat 14 Mar, 5.6x the agent's own median of 50 over the previous 12 active days;", flag.Evidence, StringComparison.Ordinal);
        Assert.Equal((First.AddDays(12), First.AddDays(12)), (flag.WindowStart, flag.WindowEnd));
    }

    [Fact]
    public void A_busy_day_for_the_whole_team_is_not_a_jump_even_when_the_rest_sit_at_the_cap()
    {
        // Five low-volume agents (80 points a day) all triple on three days; the six others sit at the cap (their
        // ratio is the cap's) and do not hide the busy day.
        var peak = new Dictionary<int, int> { [10] = 24, [11] = 25, [12] = 30 };
        var raw = NormalMonth();
        foreach (var user in new[] { "q1", "q2", "q3", "q4", "q5" })
        {
            Steady(raw, user, 8, peak);
        }

        Assert.Empty(DetectInTheWindow(raw));

        // The same three days for one of them only: a jump beyond the team's day.
        var alone = NormalMonth();
        Steady(alone, "q1", 8, peak);
        foreach (var user in new[] { "q2", "q3", "q4", "q5" })
        {
            Steady(alone, user, 8);
        }

        var flag = Assert.Single(DetectInTheWindow(alone));
        Assert.Equal(("q1", FarmingKind.SuddenJump), (flag.UserId, flag.Kind));
        Assert.Contains("3.8x the agent's own median of 80 over the previous 12 active days; the team's agents under the cap were at 1.0x their own that day.",
            flag.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_hire_is_not_judged_before_ten_active_days()
    {
        // Joins on day 5: a training week at 3 calls a day, then the floor at 30 (10x the training days).
        var raw = NormalMonth();
        Steady(raw, "new", 3, Enumerable.Range(9, 5).ToDictionary(d => d, _ => 30), from: 4);

        Assert.Empty(DetectInTheWindow(raw));

        // Judged after 5 active days instead, the floor looks like a jump.
        var flag = Assert.Single(FarmingDetector.Detect(Score(raw), First, Last, FarmingThresholds.Default with { JumpMinPriorDays = 5 }));
        Assert.Equal(("new", FarmingKind.SuddenJump), (flag.UserId, flag.Kind));
    }

    [Fact]
    public void History_before_the_window_is_only_a_baseline()
    {
        var raw = NormalMonth();
        var at = At(First, 14, 0);
        for (var k = 0; k < 10; k++)
        {
            raw.Add(new Raw("n2", ActivityType.CallCompleted, at.AddSeconds(6 * k), 240, null, null));
        }

        Assert.Empty(FarmingDetector.Detect(Score(raw), First.AddDays(1), Last));
    }

    [Theory]
    [InlineData("{\"source\":\"crm\",\"reviewer_id\":\"qa-1\"}", "crm")]
    [InlineData("{\"reviewer_id\":\"qa-1\",\"customer_id\":\"c-7\"}", "qa-1")]
    [InlineData("{\"customer_id\":\"c-7\"}", "c-7")]
    [InlineData("{\"source\":42,\"customer_id\":\"c-7\"}", "c-7")]
    [InlineData("{\"channel\":\"sms\"}", null)]
    [InlineData("[1,2]", null)]
    [InlineData("not json", null)]
    [InlineData(null, null)]
    public void The_source_is_the_first_of_source_reviewer_id_customer_id(string? metadata, string? expected) =>
        Assert.Equal(expected, FarmingDetector.SourceOf(metadata));

    internal sealed record Raw(string UserId, ActivityType Type, DateTimeOffset At, int? Duration, int? Rating, string? Source);

    internal static DateTimeOffset At(DateOnly day, int hour, int minute) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    /// <summary>Awards in time order per agent-day: call 10, conversion 50, review 5, feedback 3, a daily cap of 300.</summary>
    internal static List<DetectionEvent> Score(List<Raw> raw)
    {
        var result = new List<DetectionEvent>();
        foreach (var day in raw.GroupBy(r => (r.UserId, DateOnly.FromDateTime(r.At.UtcDateTime))))
        {
            long total = 0;
            foreach (var e in day.OrderBy(r => r.At))
            {
                long points = e.Type switch
                {
                    ActivityType.CallCompleted => 10,
                    ActivityType.LeadConverted => 50,
                    ActivityType.QualityReview => 5,
                    _ => 3,
                };
                var awarded = Math.Min(points, Math.Max(0, 300 - total));
                total += awarded;
                result.Add(new DetectionEvent(e.UserId, e.Type, e.At, day.Key.Item2, e.Duration, e.Rating, e.Source, awarded, awarded < points));
            }
        }

        return result;
    }
}
