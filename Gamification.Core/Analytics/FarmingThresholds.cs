using System.Reflection;

namespace Gamification.Core.Analytics;

/// <summary>
/// The thresholds of <see cref="FarmingDetector"/>, per tenant (stored as the fields an admin changed; the rest
/// follow <see cref="Default"/>). The defaults were tuned with the bench's synthetic three months
/// (<c>dotnet run -c Release --project bench/Gamification.Bench -- farming</c>): recall >= 0.9 per kind and at most 1 false
/// flag per 100 ordinary agent-months (part-timers, new hires ramping up, veterans, good and bad days and weeks, holiday
/// peaks, ~10 % legitimately short calls), under a moderate cap and under one out of reach.
/// <see cref="Fields"/> describes every threshold (API name, label, range); it is the one place ranges live.
/// </summary>
public sealed record FarmingThresholds
{
    /// <summary>The documented defaults, used for every field a tenant has not changed.</summary>
    public static FarmingThresholds Default { get; } = new();

    /// <summary>Days of history before the detection window the service reads, so sudden jumps can look back this far.</summary>
    public const int MaxJumpHistoryDays = 21;

    // Short calls: at least ShortCallsMinCalls rewarded calls in the window, and at least ShortCallsMinShare of them
    // shorter than max(ShortCallFloorSeconds, ShortCallMedianFraction x the tenant's median call duration).

    /// <summary>Rewarded calls (with a duration) the agent needs in the window before the rule applies.</summary>
    public int ShortCallsMinCalls { get; init; } = 10;

    /// <summary>Share of the agent's rewarded calls that are short for a flag (wrong numbers make ~10 % normally).</summary>
    public double ShortCallsMinShare { get; init; } = 0.4;

    /// <summary>A call is short under this many seconds at least.</summary>
    public int ShortCallFloorSeconds { get; init; } = 30;

    /// <summary>... or under this fraction of the tenant's median call duration, whichever is longer.</summary>
    public double ShortCallMedianFraction { get; init; } = 0.25;

    // Bursts: the agent's own events (completed calls and conversions; reviews and feedback arrive in batches from
    // other systems and are left out): BurstEvents or more within BurstSpanSeconds, or a day with FastDayMinEvents or
    // more of them whose median gap is under FastDayMedianGapSeconds.

    /// <summary>Events within <see cref="BurstSpanSeconds"/> that make a burst.</summary>
    public int BurstEvents { get; init; } = 8;

    public int BurstSpanSeconds { get; init; } = 120;

    /// <summary>A day is too fast when the median gap between the agent's events is under this.</summary>
    public int FastDayMedianGapSeconds { get; init; } = 15;

    /// <summary>Events a day needs before its median gap is judged.</summary>
    public int FastDayMinEvents { get; init; } = 20;

    // Concentrated feedback: one source gave the agent at least FeedbackMinFromSource reviews and feedback in the
    // window, that is at least FeedbackSourceShare of all the agent's reviews and feedback, and the source gives at
    // least SourceLoyalty of all its reviews and feedback in the tenant to this agent. (A real customer answers a
    // survey once or twice; a QA reviewer spreads reviews over a team. 25 %, not 70 %: organic survey answers from
    // many customers dilute a colluder's share even when the colluder gives one a day.)

    public int FeedbackMinFromSource { get; init; } = 6;

    public double FeedbackSourceShare { get; init; } = 0.25;

    public double SourceLoyalty { get; init; } = 0.8;

    // Early cap: a day is "early" when the cap was reached within EarlyCapPeerFraction of the peers' median time from
    // the day's first call to the cap (so shift start times do not matter); a flag needs EarlyCapMinDays early days
    // (3: one lucky morning, or two, is not farming).
    // Without enough peers (EarlyCapMinPeerDays capped days of other agents) the limit is EarlyCapFallbackMinutes.

    public double EarlyCapPeerFraction { get; init; } = 0.4;

    public int EarlyCapMinDays { get; init; } = 3;

    public int EarlyCapMinPeerDays { get; init; } = 10;

    public int EarlyCapFallbackMinutes { get; init; } = 60;

    // Sudden jump: a "jump day" has activity points at least JumpOwnFactor x the agent's median over the previous
    // JumpHistoryDays active days (at least JumpMinPriorDays of them), once the team's day is taken out (the agent's
    // ratio is divided by the median ratio of the tenant's agents under the cap that day, when that is above 1: a
    // holiday peak or a campaign lifts everyone), at least JumpTenantFactor x the tenant's median points per agent-day
    // and at least JumpMinPoints. A flag needs JumpMinDays jump days in the window, or one at JumpExtremeFactor: a good
    // day is not farming. 10 active days of history before a day is judged: a new hire ramping up has no "usual" yet to
    // jump from. The daily cap shapes the factors: a jump is cut at the cap, so 3x the own median would miss agents
    // whose usual day is a third of the cap (2.2), and the jump must lift the agent to half the tenant's usual day
    // (0.5: a quiet agent's swings from 50 to 150 points are not farming; 0.75 hid farmers from the low-volume queue
    // when no one reaches the cap and full shifts make the norm).

    public double JumpOwnFactor { get; init; } = 2.2;

    public double JumpTenantFactor { get; init; } = 0.5;

    /// <summary>Jump days in the window that flag.</summary>
    public int JumpMinDays { get; init; } = 3;

    /// <summary>A single jump day at this many times the agent's own median (beyond the team's day) flags on its own.</summary>
    public double JumpExtremeFactor { get; init; } = 5;

    public int JumpHistoryDays { get; init; } = 14;

    public int JumpMinPriorDays { get; init; } = 10;

    public int JumpMinPoints { get; init; } = 100;

    /// <summary>Every threshold, grouped by the kind of farming it tunes, in the order a settings form shows them.</summary>
    public static IReadOnlyList<FarmingThresholdField> Fields { get; } =
    [
        new(nameof(ShortCallsMinCalls), FarmingKind.ShortCalls, "Rewarded calls before judging", "calls", 1, 10_000,
            "An agent needs at least this many rewarded calls in the window before short calls are judged."),
        new(nameof(ShortCallsMinShare), FarmingKind.ShortCalls, "Share of short calls that flags", "share", 0.05, 1,
            "Flag when at least this share of the agent's rewarded calls are short (wrong numbers make about 10 % normally)."),
        new(nameof(ShortCallFloorSeconds), FarmingKind.ShortCalls, "A call is short under", "seconds", 1, 3_600,
            "A call shorter than this always counts as short."),
        new(nameof(ShortCallMedianFraction), FarmingKind.ShortCalls, "... or under this part of the median call", "share", 0.01, 1,
            "A call also counts as short under this fraction of the tenant's median call (whichever limit is longer)."),

        new(nameof(BurstEvents), FarmingKind.Bursts, "Events that make a burst", "events", 2, 1_000,
            "This many calls and conversions within the burst span make a burst."),
        new(nameof(BurstSpanSeconds), FarmingKind.Bursts, "Burst span", "seconds", 1, 3_600,
            "The time in which the burst's events happen."),
        new(nameof(FastDayMedianGapSeconds), FarmingKind.Bursts, "Too-fast median gap", "seconds", 1, 3_600,
            "A day is too fast when the median gap between the agent's events is under this."),
        new(nameof(FastDayMinEvents), FarmingKind.Bursts, "Events before a day is judged", "events", 2, 10_000,
            "A day needs this many events before its median gap is judged."),

        new(nameof(FeedbackMinFromSource), FarmingKind.ConcentratedFeedback, "Reviews from one source", "reviews", 1, 1_000,
            "One reviewer or customer gave the agent at least this many reviews and feedback in the window."),
        new(nameof(FeedbackSourceShare), FarmingKind.ConcentratedFeedback, "Share of the agent's reviews", "share", 0.01, 1,
            "... and they make at least this share of all the agent's reviews and feedback."),
        new(nameof(SourceLoyalty), FarmingKind.ConcentratedFeedback, "Share of the source's reviews", "share", 0.01, 1,
            "... and the source gives at least this share of all its reviews and feedback in the tenant to this agent."),

        new(nameof(EarlyCapPeerFraction), FarmingKind.EarlyCap, "Early against peers", "share", 0.01, 1,
            "A day is early when the cap was reached within this fraction of the peers' median time from first call to cap."),
        new(nameof(EarlyCapMinDays), FarmingKind.EarlyCap, "Early days that flag", "days", 1, 90,
            "Flag an agent with at least this many early days in the window."),
        new(nameof(EarlyCapMinPeerDays), FarmingKind.EarlyCap, "Peer days needed", "days", 1, 10_000,
            "Peers must have reached the cap on this many days before they are the yardstick."),
        new(nameof(EarlyCapFallbackMinutes), FarmingKind.EarlyCap, "Early without peers", "minutes", 1, 1_440,
            "Without enough peer days, reaching the cap within this time of the day's first call is early."),

        new(nameof(JumpOwnFactor), FarmingKind.SuddenJump, "Times the agent's own median", "times", 1, 100,
            "A jump day's activity points are at least this many times the agent's median of previous active days, beyond what the whole team did that day."),
        new(nameof(JumpTenantFactor), FarmingKind.SuddenJump, "Times the tenant's median", "times", 0, 100,
            "... and at least this many times the tenant's median points per agent and day."),
        new(nameof(JumpMinDays), FarmingKind.SuddenJump, "Jump days that flag", "days", 1, 90,
            "Flag an agent with at least this many jump days in the window: one good day is not farming."),
        new(nameof(JumpExtremeFactor), FarmingKind.SuddenJump, "Times for a single day to flag", "times", 1, 100,
            "... or a single jump day at this many times the agent's own median (beyond the team's day); at least the factor above."),
        new(nameof(JumpHistoryDays), FarmingKind.SuddenJump, "Active days looked back", "days", 1, MaxJumpHistoryDays,
            "The agent's own median is taken over this many previous active days."),
        new(nameof(JumpMinPriorDays), FarmingKind.SuddenJump, "Active days needed", "days", 1, MaxJumpHistoryDays,
            "An agent needs this many previous active days (at most the days looked back) before a jump is judged, so new hires ramping up are left alone."),
        new(nameof(JumpMinPoints), FarmingKind.SuddenJump, "Least points on the day", "points", 0, 1_000_000,
            "A day under this many activity points is never a jump."),
    ];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The field of an API name ("burst_events"), or null.</summary>
    public static FarmingThresholdField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>A threshold's value by its API name.</summary>
    public double Get(string name) => Convert.ToDouble(
        (Field(name) ?? throw new ArgumentException($"'{name}' is not a farming threshold.", nameof(name))).Property.GetValue(this),
        CultureInfo.InvariantCulture);

    /// <summary>A copy with the given values (by API name); unknown names throw. Check values with <see cref="Check"/> first.</summary>
    public FarmingThresholds With(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = this with { };
        foreach (var (name, value) in values)
        {
            var field = Field(name) ?? throw new ArgumentException($"'{name}' is not a farming threshold.", nameof(values));
            field.Property.SetValue(copy, field.Whole ? (object)(int)value : value);
        }
        return copy;
    }

    /// <summary>The API names of the fields whose value differs from <see cref="Default"/>.</summary>
    public IReadOnlyList<string> Customized() => Fields.Where(f => Get(f.Name) != Default.Get(f.Name)).Select(f => f.Name).ToList();

    /// <summary>
    /// The errors of a change, by API name: unknown names, values out of range or not whole, and thresholds that do
    /// not fit together once applied to <paramref name="current"/>. Empty when the change is valid.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Check(FarmingThresholds current, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new Dictionary<string, string[]>();
        var valid = new Dictionary<string, double>();
        foreach (var (name, value) in values)
        {
            if (Field(name) is not { } field)
            {
                errors[name] = [$"'{name}' is not a farming threshold."];
            }
            else if (field.Error(value) is { } error)
            {
                errors[name] = [error];
            }
            else
            {
                valid[name] = value;
            }
        }
        var merged = current.With(valid);
        foreach (var pair in Pairs)
        {
            if (!errors.ContainsKey(pair.Field) && pair.Error(merged) is { } error)
            {
                errors[pair.Field] = [error];
            }
        }
        return errors;
    }

    /// <summary>Thresholds that must fit together: the field an error is reported on, the field it is measured against, and the rule.</summary>
    private static readonly (string Field, string Other, Func<FarmingThresholds, string?> Error)[] Pairs =
    [
        ("jump_min_prior_days", "jump_history_days", t => t.JumpMinPriorDays > t.JumpHistoryDays
            ? $"Active days needed ({t.JumpMinPriorDays}) cannot exceed the active days looked back ({t.JumpHistoryDays})."
            : null),
        ("jump_extreme_factor", "jump_own_factor", t => t.JumpExtremeFactor < t.JumpOwnFactor
            ? $"Times for a single day to flag ({t.JumpExtremeFactor.ToString("0.##", CultureInfo.InvariantCulture)}) cannot be below the times the "
                + $"agent's own median that make a jump day ({t.JumpOwnFactor.ToString("0.##", CultureInfo.InvariantCulture)})."
            : null),
    ];

    /// <summary>The stored form: only the customized fields, as a JSON object; null when every field is the default.</summary>
    public string? ToStored()
    {
        var changed = Customized();
        return changed.Count == 0 ? null : JsonSerializer.Serialize(changed.ToDictionary(n => n, Get), Json);
    }

    /// <summary>
    /// Reads the stored form. Unknown fields and values that are no longer valid (a range narrowed in a later
    /// release, or a pair that no longer fits together) fall back to their default, one by one, rather than stopping
    /// detection; the other changed fields are kept.
    /// </summary>
    public static FarmingThresholds FromStored(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return Default;
        }
        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, double>>(stored, Json) ?? [];
            var usable = values.Where(v => Field(v.Key) is { } f && f.Error(v.Value) is null).ToDictionary(v => v.Key, v => v.Value);
            // A pair that does not fit: the field named in the error goes back to its default (then re-check). When that
            // field was not changed (its default moved in a later release, e.g. active days needed from 5 to 10), the
            // stored field it is measured against goes back to its default instead.
            while (Check(Default, usable) is { Count: > 0 } errors)
            {
                var drop = errors.Keys
                    .Select(name => usable.ContainsKey(name) ? name : Pairs.Where(p => p.Field == name).Select(p => p.Other).FirstOrDefault())
                    .Where(name => name is not null && usable.ContainsKey(name)).ToList();
                if (drop.Count == 0)
                {
                    return Default;
                }
                foreach (var name in drop)
                {
                    usable.Remove(name!);
                }
            }
            return Default.With(usable);
        }
        catch (JsonException)
        {
            return Default;
        }
    }
}

/// <summary>One threshold as a settings form and the API show it.</summary>
/// <param name="PropertyName">The <see cref="FarmingThresholds"/> property.</param>
/// <param name="Unit">"share" (0-1, shown as a percentage), "seconds", "minutes", "days", "events", "times", ...</param>
public sealed record FarmingThresholdField(string PropertyName, FarmingKind Kind, string Label, string Unit, double Min, double Max, string Help)
{
    /// <summary>The API name: snake_case of the property ("BurstEvents" is "burst_events").</summary>
    public string Name { get; } = JsonNamingPolicy.SnakeCaseLower.ConvertName(PropertyName);

    internal PropertyInfo Property { get; } = typeof(FarmingThresholds).GetProperty(PropertyName)
        ?? throw new ArgumentException($"FarmingThresholds has no property {PropertyName}.", nameof(PropertyName));

    /// <summary>Whole numbers only (counts, seconds, days), or any number in range (shares and factors).</summary>
    public bool Whole => Property.PropertyType == typeof(int);

    /// <summary>Why the value is refused, in plain words; null when it is fine.</summary>
    public string? Error(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return $"{Label} must be a number.";
        }
        if (Whole && value != Math.Floor(value))
        {
            return $"{Label} must be a whole number.";
        }
        if (value < Min || value > Max)
        {
            return Unit == "share"
                ? $"{Label} must be a share from {Min.ToString(CultureInfo.InvariantCulture)} to {Max.ToString(CultureInfo.InvariantCulture)} (for example 0.4 for 40 %)."
                : $"{Label} must be from {Min.ToString("#,0.##", CultureInfo.InvariantCulture)} to {Max.ToString("#,0.##", CultureInfo.InvariantCulture)} {Unit}.";
        }
        return null;
    }
}
