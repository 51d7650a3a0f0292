namespace Gamification.Core.Analytics;

/// <summary>
/// A farming flag's evidence in plain words, from its kind and figures (the flag's data: see <see cref="FarmingDetector"/>),
/// in a reader's language: the one source of its wording. The detector stores it in English
/// (<see cref="CultureInfo.InvariantCulture"/>) for the record; pages and the API render it again in the reader's culture
/// (<see cref="Localize"/>). Times are shown in the offset the figures carry (the tenant's).
/// </summary>
public static class FarmingEvidence
{
    /// <summary>How many listed days a sentence names before "and N more".</summary>
    private const int Listed = 5;

    /// <summary>
    /// The evidence for a reader in <see cref="CultureInfo.CurrentUICulture"/>: an English reader reads the stored text
    /// (written in English for the record); others read it rendered from the figures, or the stored text when the figures
    /// lack what the sentence needs (flags stored before the figures held all of it).
    /// </summary>
    public static string Localize(FarmingKind kind, string? dataJson, string storedEvidence)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (Languages.TextCulture(culture) == CultureInfo.InvariantCulture || string.IsNullOrWhiteSpace(dataJson))
        {
            return storedEvidence;
        }
        try
        {
            using var document = JsonDocument.Parse(dataJson);
            return Render(kind, document.RootElement, culture) ?? storedEvidence;
        }
        catch (JsonException)
        {
            return storedEvidence;
        }
    }

    /// <summary>
    /// The evidence of a flag of <paramref name="kind"/> with these figures in <paramref name="culture"/>'s language
    /// (English for the invariant culture); null when the figures lack something the sentence needs.
    /// </summary>
    public static string? Render(FarmingKind kind, JsonElement data, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var text = new Text(Languages.TextCulture(culture));
        try
        {
            return kind switch
            {
                FarmingKind.ShortCalls => ShortCalls(data, text),
                FarmingKind.Bursts => Bursts(data, text),
                FarmingKind.ConcentratedFeedback => ConcentratedFeedback(data, text),
                FarmingKind.EarlyCap => EarlyCap(data, text),
                FarmingKind.SuddenJump => SuddenJump(data, text),
                _ => null,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // A figure is missing or of another type: the stored evidence stays.
            return null;
        }
    }

    private static string ShortCalls(JsonElement d, Text t)
    {
        var rewarded = Long(d, "rewarded_calls");
        var shortCalls = Long(d, "short_calls");
        var teamShare = (double)Long(d, "tenant_short_calls") / Long(d, "tenant_rewarded_calls");
        return t.Format("Evidence.ShortCalls", t.Number(shortCalls), t.Number(rewarded), t.Percent((double)shortCalls / rewarded),
            FarmingDetector.Duration(Double(d, "cutoff_seconds")), t.Percent(teamShare),
            FarmingDetector.Duration(Double(d, "tenant_median_seconds")), FarmingDetector.Duration(Double(d, "agent_median_seconds")));
    }

    private static string Bursts(JsonElement d, Text t)
    {
        var parts = new List<string>();
        var bursts = Long(d, "bursts");
        if (bursts > 0)
        {
            parts.Add(t.Format("Evidence.Bursts.Burst", t.Count("Evidence.BurstCount", bursts), t.Number(Long(d, "burst_min_events")),
                FarmingDetector.Duration(Double(d, "burst_span_seconds")), t.Count("Evidence.DayCount", Long(d, "burst_days")),
                t.Number(Long(d, "densest_burst_events")), Time(d.GetProperty("densest_burst_start").GetDateTimeOffset()),
                t.Day(Day(d, "densest_burst_day"))));
        }
        var fastDays = Long(d, "fast_days");
        if (fastDays > 0)
        {
            parts.Add(t.Format("Evidence.Bursts.Fast", t.Count("Evidence.DayCount", fastDays), FarmingDetector.Duration(Double(d, "fast_day_gap_seconds")),
                FarmingDetector.Duration(Double(d, "fastest_gap_seconds")), t.Number(Long(d, "fastest_day_events")), t.Day(Day(d, "fastest_day"))));
        }
        return parts.Count == 0 ? throw new InvalidOperationException("A bursts flag without a burst or a fast day.")
            : t.Format("Evidence.Bursts", Capitalize(string.Join("; ", parts)));
    }

    private static string ConcentratedFeedback(JsonElement d, Text t)
    {
        var fromSource = Long(d, "from_source");
        var total = Long(d, "total");
        var sourceTotal = Long(d, "source_total");
        var source = d.GetProperty("source").GetString() ?? throw new InvalidOperationException("No source.");
        object?[] args = [t.Number(fromSource), t.Number(total), t.Percent((double)fromSource / total), source,
            t.Percent((double)fromSource / sourceTotal), t.Number(sourceTotal)];
        return d.TryGetProperty("average_rating", out var average)
            ? t.Format("Evidence.ConcentratedFeedback.Rated", [.. args, average.GetDouble().ToString("0.0", t.Culture)])
            : t.Format("Evidence.ConcentratedFeedback", args);
    }

    private static string EarlyCap(JsonElement d, Text t)
    {
        var earlyDays = Long(d, "early_days");
        var days = d.GetProperty("days").EnumerateArray().Select(day => DateOnly.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var cappedAt = d.GetProperty("capped_at").EnumerateArray().Select(at => at.GetDateTimeOffset()).ToList();
        if (days.Count < Math.Min(earlyDays, Listed) || cappedAt.Count < days.Count)
        {
            throw new InvalidOperationException("Fewer listed days than the sentence names.");
        }
        var listed = t.More(string.Join(", ", days.Take(Listed).Select((day, k) => t.Format("Evidence.DayAt", t.Day(day), Time(cappedAt[k])))),
            earlyDays);
        var own = FarmingDetector.Duration(Double(d, "median_seconds_to_cap"));
        return d.TryGetProperty("peer_median_seconds_to_cap", out var peerMedian)
            ? t.Format("Evidence.EarlyCap.Peers", t.Count("Evidence.DayCount", earlyDays), own, FarmingDetector.Duration(peerMedian.GetDouble()),
                t.Number(Long(d, "peer_days")), Capitalize(listed))
            : t.Format("Evidence.EarlyCap.NoPeers", t.Count("Evidence.DayCount", earlyDays), own, FarmingDetector.Duration(Double(d, "limit_seconds")),
                Capitalize(listed));
    }

    private static string SuddenJump(JsonElement d, Text t)
    {
        var jumps = d.GetProperty("jump_days").EnumerateArray().Select(j => (
            Day: Day(j, "day"),
            Points: Long(j, "points"),
            OwnMedian: Double(j, "own_median"),
            Prior: Long(j, "prior_days"),
            Times: Double(j, "own_times"),
            TeamTimes: j.TryGetProperty("team_times", out var team) ? team.GetDouble() : (double?)null)).ToList();
        var biggestDay = Day(d, "biggest_day");
        var biggest = jumps.First(j => j.Day == biggestDay);
        var why = jumps.Count >= Long(d, "min_jump_days")
            ? t.Format("Evidence.SuddenJump.Many", t.Count("Evidence.JumpDayCount", jumps.Count), t.Times(Double(d, "own_factor")),
                Long(d, "min_jump_days").ToString(CultureInfo.InvariantCulture))
            : t.Format("Evidence.SuddenJump.One", t.Times(Double(d, "biggest_relative")), t.Times(Double(d, "extreme_factor")));
        var teamDay = biggest.TeamTimes is { } ratio
            ? t.Format("Evidence.SuddenJump.Team", t.Times(ratio))
            : t.Format("Evidence.SuddenJump.NoTeam", Long(d, "team_day_min_agents").ToString(CultureInfo.InvariantCulture));
        var listed = t.More(string.Join(", ", jumps.Take(Listed).Select(j => j.TeamTimes is { } team
            ? t.Format("Evidence.SuddenJump.DayTeam", t.Day(j.Day), t.Number(j.Points), t.Times(j.Times), t.Times(team))
            : t.Format("Evidence.SuddenJump.Day", t.Day(j.Day), t.Number(j.Points), t.Times(j.Times)))), jumps.Count);
        return t.Format("Evidence.SuddenJump", why, t.Number(biggest.Points), t.Day(biggest.Day), t.Times(biggest.Times),
            t.Number((long)Math.Round(biggest.OwnMedian)), t.Number(biggest.Prior), teamDay,
            t.Number((long)Math.Round(Double(d, "tenant_median"))), t.Number(jumps.Count), listed);
    }

    private static long Long(JsonElement data, string name) => data.GetProperty(name).GetInt64();

    private static double Double(JsonElement data, string name) => data.GetProperty(name).GetDouble();

    private static DateOnly Day(JsonElement data, string name) =>
        DateOnly.ParseExact(data.GetProperty(name).GetString() ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Texts and figures in one culture: the invariant culture writes English exactly as the detector always has.</summary>
    private sealed class Text(CultureInfo culture)
    {
        public CultureInfo Culture { get; } = culture;

        private bool English => Culture == CultureInfo.InvariantCulture;

        public string Get(string name) => CoreText.Get(name, Culture);

        public string Format(string name, params object?[] args) => string.Format(Culture, Get(name), args);

        /// <summary>A whole number: "1500" in English (as the evidence always read), "1.500" in Spanish.</summary>
        public string Number(long n) => English ? n.ToString(CultureInfo.InvariantCulture) : n.ToString("N0", Culture);

        /// <summary>"1 day", "3 days" (the noun's .One and plural keys).</summary>
        public string Count(string noun, long n) => n == 1 ? Get(noun + ".One") : Format(noun, Number(n));

        public string Percent(double share) => Format("Evidence.Percent", Math.Round(share * 100).ToString(Culture));

        public string Times(double factor) => Format("Evidence.Times", factor.ToString("0.0", Culture));

        public string Day(DateOnly day) => day.ToString("ddd d MMM", Culture);

        /// <summary>The listed items, then "and N more" when there are more than <see cref="Listed"/>.</summary>
        public string More(string listed, long count) => count > Listed ? Format("Evidence.AndMore", listed, Number(count - Listed)) : listed;
    }
}
