namespace Gamification.Core.Analytics;

/// <summary>
/// Finds agents whose activity looks like point farming rather than work. Pure: the caller gives the tenant's
/// events (the window plus, for <see cref="FarmingKind.SuddenJump"/>, some history before it) and gets candidate
/// flags with the figures behind them and their evidence in plain English (<see cref="FarmingEvidence"/> writes it from the
/// figures, and again in a reader's language). Times in the evidence are shown in the offset the events carry, so
/// give <see cref="DetectionEvent.OccurredAt"/> in the tenant's local offset.
/// </summary>
public static class FarmingDetector
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Who gave a review or feedback: the first of the string properties "source", "reviewer_id" and "customer_id"
    /// present in the event's metadata JSON object; null when none is (or the JSON is not an object).
    /// </summary>
    public static string? SourceOf(string? metadataJson)
    {
        if (string.IsNullOrWhiteSpace(metadataJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(metadataJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in (string[])["source", "reviewer_id", "customer_id"])
            {
                // Metadata stored before ingestion refused unreadable text may hold a lone surrogate: skip it.
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    && JsonText.TryGetString(value, out var text) && !string.IsNullOrWhiteSpace(text))
                {
                    return text;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs every rule over the events of [<paramref name="windowStart"/>, <paramref name="windowEnd"/>]; events
    /// before the window only serve as the agents' own history for sudden jumps.
    /// </summary>
    public static IReadOnlyList<FarmingCandidate> Detect(
        IReadOnlyCollection<DetectionEvent> events, DateOnly windowStart, DateOnly windowEnd, FarmingThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var t = thresholds ?? FarmingThresholds.Default;
        var window = events.Where(e => e.LocalDate >= windowStart && e.LocalDate <= windowEnd).ToList();
        var history = events.Where(e => e.LocalDate <= windowEnd).ToList();

        var found = new List<FarmingCandidate>();
        found.AddRange(ShortCalls(window, t));
        found.AddRange(Bursts(window, t));
        found.AddRange(ConcentratedFeedback(window, t));
        found.AddRange(EarlyCap(window, t));
        found.AddRange(SuddenJumps(history, windowStart, windowEnd, t));
        return [.. found.OrderBy(c => c.UserId, StringComparer.Ordinal).ThenBy(c => c.Kind)];
    }

    private static IEnumerable<FarmingCandidate> ShortCalls(List<DetectionEvent> window, FarmingThresholds t)
    {
        var calls = window.Where(e => e.Type == ActivityType.CallCompleted && e.DurationSeconds is not null).ToList();
        if (calls.Count == 0)
        {
            yield break;
        }

        var median = Median(calls.Select(c => (double)c.DurationSeconds!.Value));
        var cutoff = Math.Max(t.ShortCallFloorSeconds, t.ShortCallMedianFraction * median);
        var rewardedAll = calls.Where(c => c.Points > 0).ToList();
        var tenantShare = rewardedAll.Count == 0 ? 0 : (double)rewardedAll.Count(c => c.DurationSeconds < cutoff) / rewardedAll.Count;

        foreach (var group in rewardedAll.GroupBy(c => c.UserId))
        {
            var rewarded = group.ToList();
            if (rewarded.Count < t.ShortCallsMinCalls)
            {
                continue;
            }

            var shortCalls = rewarded.Where(c => c.DurationSeconds < cutoff).ToList();
            var share = (double)shortCalls.Count / rewarded.Count;
            if (share < t.ShortCallsMinShare)
            {
                continue;
            }

            var own = Median(rewarded.Select(c => (double)c.DurationSeconds!.Value));
            var figures = new Dictionary<string, object>
            {
                ["rewarded_calls"] = rewarded.Count,
                ["short_calls"] = shortCalls.Count,
                ["short_share"] = Math.Round(share, 3),
                ["cutoff_seconds"] = Math.Round(cutoff),
                ["tenant_median_seconds"] = Math.Round(median),
                ["tenant_short_share"] = Math.Round(tenantShare, 3),
                ["agent_median_seconds"] = Math.Round(own),
                ["tenant_rewarded_calls"] = rewardedAll.Count,
                ["tenant_short_calls"] = rewardedAll.Count(c => c.DurationSeconds < cutoff),
            };
            yield return new FarmingCandidate(group.Key, FarmingKind.ShortCalls,
                Severity(share, t.ShortCallsMinShare, 1.0), Evidence(FarmingKind.ShortCalls, figures),
                shortCalls.Min(c => c.LocalDate), shortCalls.Max(c => c.LocalDate), figures);
        }
    }

    private static bool IsOwnWork(ActivityType type) => type is ActivityType.CallCompleted or ActivityType.LeadConverted;

    private static IEnumerable<FarmingCandidate> Bursts(List<DetectionEvent> window, FarmingThresholds t)
    {
        foreach (var group in window.Where(e => IsOwnWork(e.Type)).GroupBy(e => e.UserId))
        {
            var ordered = group.OrderBy(e => e.OccurredAt).ToList();
            var times = ordered.Select(e => e.OccurredAt).ToList();
            var bursts = new List<(DateTimeOffset Start, DateOnly Day, int Count)>();
            var i = 0;
            var j = 0;
            while (i < times.Count)
            {
                j = Math.Max(j, i);
                while (j < times.Count && (times[j] - times[i]).TotalSeconds <= t.BurstSpanSeconds)
                {
                    j++;
                }

                if (j - i >= t.BurstEvents)
                {
                    bursts.Add((times[i], ordered[i].LocalDate, j - i));
                    i = j;
                }
                else
                {
                    i++;
                }
            }

            var fastDays = new List<(DateOnly Day, int Events, double MedianGap)>();
            foreach (var day in group.GroupBy(e => e.LocalDate))
            {
                var dayTimes = day.Select(e => e.OccurredAt).Order().ToList();
                if (dayTimes.Count < t.FastDayMinEvents)
                {
                    continue;
                }

                var gap = Median(dayTimes.Skip(1).Select((at, k) => (at - dayTimes[k]).TotalSeconds));
                if (gap < t.FastDayMedianGapSeconds)
                {
                    fastDays.Add((day.Key, dayTimes.Count, gap));
                }
            }

            if (bursts.Count == 0 && fastDays.Count == 0)
            {
                continue;
            }

            var days = new List<DateOnly>();
            days.AddRange(bursts.Select(b => b.Day));
            days.AddRange(fastDays.Select(d => d.Day));
            var figures = BurstFigures(bursts, fastDays, t);
            yield return new FarmingCandidate(group.Key, FarmingKind.Bursts,
                Math.Clamp((bursts.Count + fastDays.Count) / 5.0, 0, 1), Evidence(FarmingKind.Bursts, figures), days.Min(), days.Max(),
                figures);
        }
    }

    /// <summary>The figures of a bursts flag: a figure that does not apply (no burst, or no fast day) is left out rather than shown as 0.</summary>
    private static Dictionary<string, object> BurstFigures(
        List<(DateTimeOffset Start, DateOnly Day, int Count)> bursts, List<(DateOnly Day, int Events, double MedianGap)> fastDays, FarmingThresholds t)
    {
        var figures = new Dictionary<string, object> { ["bursts"] = bursts.Count };
        if (bursts.Count > 0)
        {
            var densest = bursts.MaxBy(b => b.Count);
            figures["densest_burst_events"] = densest.Count;
            figures["burst_starts"] = bursts.Take(20).Select(b => b.Start).ToList();
            figures["burst_min_events"] = t.BurstEvents;
            figures["burst_span_seconds"] = t.BurstSpanSeconds;
            figures["burst_days"] = bursts.Select(b => b.Day).Distinct().Count();
            figures["densest_burst_start"] = densest.Start;
            figures["densest_burst_day"] = densest.Day.ToString("yyyy-MM-dd", Invariant);
        }
        figures["fast_days"] = fastDays.Count;
        if (fastDays.Count > 0)
        {
            var fastest = fastDays.MinBy(d => d.MedianGap);
            figures["fastest_median_gap_seconds"] = Math.Round(fastest.MedianGap, 1);
            figures["fast_day_gap_seconds"] = t.FastDayMedianGapSeconds;
            // The fastest gap as the evidence shows it (whole seconds): rounding the figure above again could differ.
            figures["fastest_gap_seconds"] = (long)Math.Round(fastest.MedianGap);
            figures["fastest_day"] = fastest.Day.ToString("yyyy-MM-dd", Invariant);
            figures["fastest_day_events"] = fastest.Events;
        }
        return figures;
    }

    private static IEnumerable<FarmingCandidate> ConcentratedFeedback(List<DetectionEvent> window, FarmingThresholds t)
    {
        var feedback = window.Where(e => e.Type is ActivityType.QualityReview or ActivityType.CustomerFeedback).ToList();
        var bySource = feedback.Where(e => e.Source is not null).GroupBy(e => e.Source!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        foreach (var group in feedback.GroupBy(e => e.UserId))
        {
            var total = group.Count();
            // The source that gives this agent the most among those over every threshold (a QA reviewer may give more,
            // but spreads its reviews over the team).
            var top = group.Where(e => e.Source is not null).GroupBy(e => e.Source!, StringComparer.Ordinal)
                .Where(g => g.Count() >= t.FeedbackMinFromSource
                    && (double)g.Count() / total >= t.FeedbackSourceShare
                    && (double)g.Count() / bySource[g.Key] >= t.SourceLoyalty)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            if (top is null)
            {
                continue;
            }

            var fromTop = top.Count();
            var share = (double)fromTop / total;
            var loyalty = (double)fromTop / bySource[top.Key];
            var average = top.Where(e => e.Rating is not null).Select(e => (double)e.Rating!.Value).DefaultIfEmpty(0).Average();
            var figures = new Dictionary<string, object>
            {
                ["source"] = top.Key,
                ["from_source"] = fromTop,
                ["total"] = total,
                ["source_share"] = Math.Round(share, 3),
                ["source_total"] = bySource[top.Key],
                ["source_loyalty"] = Math.Round(loyalty, 3),
            };
            if (average > 0)
            {
                figures["average_rating"] = average;
            }
            yield return new FarmingCandidate(group.Key, FarmingKind.ConcentratedFeedback,
                (Severity(share, t.FeedbackSourceShare, 1.0) + Severity(loyalty, t.SourceLoyalty, 1.0)) / 2,
                Evidence(FarmingKind.ConcentratedFeedback, figures), top.Min(e => e.LocalDate), top.Max(e => e.LocalDate), figures);
        }
    }

    private static IEnumerable<FarmingCandidate> EarlyCap(List<DetectionEvent> window, FarmingThresholds t)
    {
        // Per agent-day: from the first call or conversion to the first event the cap cut.
        var capDays = new List<(string UserId, DateOnly Day, DateTimeOffset CappedAt, double Hours)>();
        foreach (var day in window.GroupBy(e => (e.UserId, e.LocalDate)))
        {
            var start = day.Where(e => IsOwnWork(e.Type)).Select(e => (DateTimeOffset?)e.OccurredAt).Min();
            var capped = day.Where(e => e.Capped).Select(e => (DateTimeOffset?)e.OccurredAt).Min();
            if (start is null || capped is null || capped < start)
            {
                continue;
            }

            capDays.Add((day.Key.UserId, day.Key.LocalDate, capped.Value, (capped.Value - start.Value).TotalHours));
        }

        foreach (var agent in capDays.GroupBy(d => d.UserId))
        {
            var peers = capDays.Where(d => d.UserId != agent.Key).Select(d => d.Hours).ToList();
            var enoughPeers = peers.Count >= t.EarlyCapMinPeerDays;
            var peerMedian = enoughPeers ? Median(peers) : double.NaN;
            var limit = enoughPeers ? t.EarlyCapPeerFraction * peerMedian : t.EarlyCapFallbackMinutes / 60.0;
            var early = agent.Where(d => d.Hours <= limit).OrderBy(d => d.Day).ToList();
            if (early.Count < t.EarlyCapMinDays)
            {
                continue;
            }

            var ownMedian = Median(early.Select(d => d.Hours));
            var daysScore = Math.Clamp((early.Count - t.EarlyCapMinDays + 1) / 5.0, 0, 1);
            var speedScore = Math.Clamp(1 - (ownMedian / limit), 0, 1);
            var figures = new Dictionary<string, object>
            {
                ["early_days"] = early.Count,
                ["capped_days"] = agent.Count(),
                ["median_hours_to_cap"] = Math.Round(ownMedian, 2),
                ["peer_median_hours_to_cap"] = enoughPeers ? Math.Round(peerMedian, 2) : -1,
                ["limit_hours"] = Math.Round(limit, 2),
                ["days"] = early.Select(d => d.Day.ToString("yyyy-MM-dd", Invariant)).ToList(),
                // The times as the evidence shows them (whole seconds; the hours above are rounded to 36 s).
                ["capped_at"] = early.Select(d => d.CappedAt).ToList(),
                ["median_seconds_to_cap"] = (long)Math.Round(ownMedian * 3600),
                ["limit_seconds"] = (long)Math.Round(limit * 3600),
            };
            if (enoughPeers)
            {
                figures["peer_median_seconds_to_cap"] = (long)Math.Round(peerMedian * 3600);
                figures["peer_days"] = peers.Count;
            }
            yield return new FarmingCandidate(agent.Key, FarmingKind.EarlyCap, Math.Round((daysScore + speedScore) / 2, 3),
                Evidence(FarmingKind.EarlyCap, figures), early[0].Day, early[^1].Day, figures);
        }
    }

    /// <summary>Agents under the cap whose ratios make the team's day; with fewer, the team's day is taken as ordinary (1x).</summary>
    internal const int TeamDayMinAgents = 5;

    /// <summary>An agent-day under this part of the agent's usual is not a day's work and does not make the team's day.</summary>
    private const double TeamDayMinRatio = 0.25;

    private sealed record JudgedDay(string UserId, DateOnly Day, long Points, bool Capped, double Median, int Prior)
    {
        /// <summary>The day's points against the agent's own median of the previous active days.</summary>
        public double Ratio => Points / Math.Max(Median, 1);
    }

    /// <param name="TeamRatio">The median ratio of the team's agents under the cap that day; null with too few of them to tell.</param>
    private sealed record JumpDay(JudgedDay Day, double? TeamRatio)
    {
        /// <summary>The agent's own ratio beyond the team's that day (a busy day for everyone lifts nobody above the rest).</summary>
        public double Relative => Day.Ratio / Math.Max(TeamRatio ?? 1, 1);
    }

    /// <summary>
    /// A jump day: at least JumpOwnFactor x the agent's own median of the previous active days once the team's day is
    /// taken out (the agent's ratio over the median ratio of the team's agents that day), at least JumpTenantFactor x the
    /// tenant's median agent-day and JumpMinPoints. A flag needs JumpMinDays jump days in the window, or one day at
    /// JumpExtremeFactor: one good day is not farming. A day is only judged with JumpMinPriorDays previous active days, so
    /// new hires ramping up are left alone. Days the cap cut do not make the team's day: their ratio is the cap's, not
    /// the day's, and agents who sit at the cap would hide a busy day of everyone under it.
    /// </summary>
    private static IEnumerable<FarmingCandidate> SuddenJumps(List<DetectionEvent> events, DateOnly windowStart, DateOnly windowEnd, FarmingThresholds t)
    {
        var daily = events.GroupBy(e => e.UserId).Select(g => (UserId: g.Key, Days: g.GroupBy(e => e.LocalDate)
            .Select(d => (Day: d.Key, Points: d.Sum(e => e.Points), Capped: d.Any(e => e.Capped))).OrderBy(d => d.Day).ToList())).ToList();
        var inWindow = daily.SelectMany(a => a.Days).Where(d => d.Day >= windowStart && d.Day <= windowEnd).Select(d => (double)d.Points).ToList();
        if (inWindow.Count == 0)
        {
            yield break;
        }

        var tenantMedian = Median(inWindow);
        var judged = new List<JudgedDay>();
        foreach (var (userId, days) in daily)
        {
            for (var k = 0; k < days.Count; k++)
            {
                var (day, points, capped) = days[k];
                if (day < windowStart || day > windowEnd)
                {
                    continue;
                }

                var prior = days.Take(k).TakeLast(t.JumpHistoryDays).Select(d => (double)d.Points).ToList();
                if (prior.Count >= t.JumpMinPriorDays)
                {
                    judged.Add(new JudgedDay(userId, day, points, capped, Median(prior), prior.Count));
                }
            }
        }

        // The team's day: the agents under the cap who did some of a day's work (a quarter of their usual or more: the
        // tail of a night shift past midnight, or an hour before going home sick, says nothing of how busy the day was).
        var teamRatios = judged.Where(j => !j.Capped && j.Ratio >= TeamDayMinRatio).GroupBy(j => j.Day).Where(g => g.Count() >= TeamDayMinAgents)
            .ToDictionary(g => g.Key, g => Median(g.Select(j => j.Ratio)));
        foreach (var agent in judged.GroupBy(j => j.UserId, StringComparer.Ordinal))
        {
            var jumps = agent.Select(j => new JumpDay(j, teamRatios.TryGetValue(j.Day, out var team) ? team : null))
                .Where(j => j.Day.Points >= t.JumpMinPoints && j.Relative >= t.JumpOwnFactor && j.Day.Points >= t.JumpTenantFactor * tenantMedian)
                .OrderBy(j => j.Day.Day).ToList();
            if (jumps.Count == 0)
            {
                continue;
            }

            var biggest = jumps.MaxBy(j => j.Relative)!;
            if (jumps.Count < t.JumpMinDays && biggest.Relative < t.JumpExtremeFactor)
            {
                continue;
            }

            var daysScore = Math.Clamp((jumps.Count - t.JumpMinDays + 1) / 5.0, 0, 1);
            var figures = new Dictionary<string, object>
            {
                ["jump_days"] = jumps.Select(JumpFigures).ToList(),
                ["tenant_median"] = Math.Round(tenantMedian),
                ["min_jump_days"] = t.JumpMinDays,
                ["extreme_factor"] = t.JumpExtremeFactor,
                ["own_factor"] = t.JumpOwnFactor,
                ["team_day_min_agents"] = TeamDayMinAgents,
                ["biggest_day"] = biggest.Day.Day.ToString("yyyy-MM-dd", Invariant),
                ["biggest_relative"] = Shown(biggest.Relative),
            };
            yield return new FarmingCandidate(agent.Key, FarmingKind.SuddenJump,
                Math.Round((Severity(biggest.Relative, t.JumpOwnFactor, t.JumpExtremeFactor) + daysScore) / 2, 3),
                Evidence(FarmingKind.SuddenJump, figures), jumps[0].Day.Day, jumps[^1].Day.Day, figures);
        }
    }

    /// <summary>The figures of one jump day; the team's ratio is left out on a day with too few agents under the cap to tell it.</summary>
    private static Dictionary<string, object> JumpFigures(JumpDay jump)
    {
        var figures = new Dictionary<string, object>
        {
            ["day"] = jump.Day.Day.ToString("yyyy-MM-dd", Invariant),
            ["points"] = jump.Day.Points,
            ["own_median"] = Math.Round(jump.Day.Median),
            ["prior_days"] = jump.Day.Prior,
            ["own_ratio"] = Math.Round(jump.Day.Ratio, 2),
            ["capped"] = jump.Day.Capped,
            ["own_times"] = Shown(jump.Day.Ratio),
        };
        if (jump.TeamRatio is { } team)
        {
            figures["team_ratio"] = Math.Round(team, 2);
            figures["team_times"] = Shown(team);
        }
        return figures;
    }

    /// <summary>A factor as the evidence shows it ("3.1x": one decimal); rounding the two-decimal figures again could differ.</summary>
    private static double Shown(double factor) => double.Parse(factor.ToString("0.0", Invariant), Invariant);

    /// <summary>The evidence in English for the record, from the figures (<see cref="FarmingEvidence"/>: the one source of its wording).</summary>
    private static string Evidence(FarmingKind kind, Dictionary<string, object> figures) =>
        FarmingEvidence.Render(kind, JsonSerializer.SerializeToElement(figures), Invariant)
            ?? throw new InvalidOperationException($"The {kind} figures lack what the evidence needs.");

    /// <summary>0 at the threshold, 1 at (or beyond) the extreme.</summary>
    private static double Severity(double value, double threshold, double extreme) =>
        Math.Round(Math.Clamp((value - threshold) / Math.Max(extreme - threshold, 1e-9), 0, 1), 3);

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return 0;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>"45 s", "4 min 10 s", "2 h 05 min".</summary>
    internal static string Duration(double seconds)
    {
        var total = (long)Math.Round(seconds);
        if (total < 60)
        {
            return $"{total.ToString(Invariant)} s";
        }

        if (total < 3600)
        {
            var s = total % 60;
            return s == 0 ? $"{(total / 60).ToString(Invariant)} min" : $"{(total / 60).ToString(Invariant)} min {s.ToString(Invariant)} s";
        }

        return $"{(total / 3600).ToString(Invariant)} h {(total % 3600 / 60).ToString("00", Invariant)} min";
    }
}
