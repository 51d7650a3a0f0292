using System.Text;

using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>GET /analytics/engagement: the engagement dashboard, a row per day of the range and the totals.</summary>
/// <remarks>Not <see cref="EngagementReport"/>: the API writes the filter flat (from, to, team_id).</remarks>
public sealed record EngagementResponse(
    DateOnly From,
    DateOnly To,
    long? TeamId,
    int People,
    IReadOnlyList<EngagementDay> Days,
    double AverageDailyActiveUsers,
    long PointsAwarded,
    int BadgeUnlocks,
    double AveragePointsPerUserPerDay,
    DateTimeOffset? UpdatedAt)
{
    internal static EngagementResponse Of(EngagementReport r) =>
        new(r.Filter.From, r.Filter.To, r.Filter.TeamId, r.People, r.Days, r.AverageDailyActiveUsers, r.PointsAwarded, r.BadgeUnlocks,
            r.AveragePointsPerUserPerDay, r.UpdatedAt);
}

/// <summary>GET /analytics/behavior: the behaviour dashboard (the report with its filter flattened).</summary>
/// <remarks>Not <see cref="BehaviorReport"/>: the API writes the filter flat (from, to, team_id).</remarks>
public sealed record BehaviorResponse(
    DateOnly From,
    DateOnly To,
    long? TeamId,
    int People,
    IReadOnlyList<RankedFigure> TopEarners,
    IReadOnlyList<RankedFigure> MostEarnedBadges,
    IReadOnlyList<RankedFigure> PopularRewards,
    IReadOnlyList<ChallengeSuccess> ChallengeSuccess,
    int Redeemers,
    double RedemptionRate,
    IReadOnlyList<LevelFigure> Levels,
    IReadOnlyList<RankedFigure> Streaks,
    IReadOnlyList<RankedFigure> LeaderboardViewsPerDay,
    double LeaderboardViewsPerActiveUserPerDay,
    int BadgeUnlocks,
    double BadgeUnlocksPerActiveUserPerDay,
    IReadOnlyList<BadgeUnlockDay> BadgeUnlocksPerDay,
    IReadOnlyList<BadgeHolding> BadgeHolders)
{
    internal static BehaviorResponse Of(BehaviorReport r) =>
        new(r.Filter.From, r.Filter.To, r.Filter.TeamId, r.People, r.TopEarners, r.MostEarnedBadges, r.PopularRewards, r.ChallengeSuccess,
            r.Redeemers, r.RedemptionRate, r.Levels, r.Streaks, r.LeaderboardViewsPerDay, r.LeaderboardViewsPerActiveUserPerDay,
            r.BadgeUnlocks, r.BadgeUnlocksPerActiveUserPerDay, r.BadgeUnlocksPerDay, r.BadgeHolders);
}

/// <summary>
/// A farming flag as the API answers it. <c>data</c> holds the figures behind the evidence; <c>revoke_url</c> (on a
/// confirmed flag) is the admin revocation endpoint, where an admin takes the points back with a reason.
/// </summary>
/// <remarks>Not <see cref="FarmingFlagView"/>: data is parsed JSON (the view holds its text) and revoke_url is added.</remarks>
public sealed record FarmingFlagItem(
    long Id,
    string UserId,
    string DisplayName,
    FarmingKind Kind,
    double Score,
    string Evidence,
    JsonElement? Data,
    DateTimeOffset DetectedAt,
    FarmingFlagStatus Status,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    string? Note,
    DateTimeOffset? DecidedAt,
    string? DecidedByUserId,
    string? RevokeUrl)
{
    /// <summary>The admin revocation (body <c>{user_id, points, reason}</c>), as in the People page's points dialog.</summary>
    public const string RevocationPath = "/api/v1/gamification/points/revoke";

    internal static FarmingFlagItem From(FarmingFlagView f) =>
        new(f.Id, f.UserId, f.DisplayName, f.Kind, f.Score, f.Evidence, JsonText.ParseOrNull(f.DataJson), f.DetectedAt, f.Status, f.WindowStart, f.WindowEnd,
            f.Note, f.DecidedAt, f.DecidedByUserId, f.Status == FarmingFlagStatus.Confirmed ? RevocationPath : null);
}

/// <summary>One farming threshold as a settings form shows it (label, unit, range).</summary>
/// <remarks>Not <see cref="FarmingThresholdField"/>: that record would also write its C# property_name, and in another order.</remarks>
public sealed record FarmingThresholdFieldItem(string Name, FarmingKind Kind, string Label, string Unit, double Min, double Max, bool Whole, string Help)
{
    internal static FarmingThresholdFieldItem From(FarmingThresholdField f) => new(f.Name, f.Kind, f.Label, f.Unit, f.Min, f.Max, f.Whole, f.Help);
}

/// <summary>
/// GET /analytics/farming-thresholds: the tenant's detection thresholds by API name, the defaults, the names the
/// tenant changed and a description of every field.
/// </summary>
public sealed record FarmingThresholdsResponse(
    IReadOnlyDictionary<string, double> Values,
    IReadOnlyDictionary<string, double> Defaults,
    IReadOnlyList<string> Customized,
    IReadOnlyList<FarmingThresholdFieldItem> Fields)
{
    internal static FarmingThresholdsResponse Of(FarmingThresholds t) => new(
        FarmingThresholds.Fields.ToDictionary(f => f.Name, f => t.Get(f.Name)),
        FarmingThresholds.Fields.ToDictionary(f => f.Name, f => FarmingThresholds.Default.Get(f.Name)),
        t.Customized(),
        FarmingThresholds.Fields.Select(FarmingThresholdFieldItem.From).ToList());
}

/// <summary>
/// POST /analytics/farming-flags/detect: the flags the run raised, the open flags it found again (their evidence brought
/// up to date) and the open flags after it.
/// </summary>
public sealed record FarmingDetectResponse(int NewFlags, int UpdatedFlags, int OpenFlags);

/// <summary>A supervisor's decision on a farming flag; the note is optional (at most 500 characters).</summary>
public sealed record FarmingDecisionBody(string? Note);

/// <summary>
/// The supervisor dashboards (the guide's Analytics &amp; Monitoring) and fair play: engagement and behaviour figures
/// with their CSV files, and the point-farming flags with dismiss and confirm. Supervisors and admins of the tenant;
/// the tenant always comes from the caller's identity, so another tenant's team or flag answers 404.
/// </summary>
internal static class AnalyticsApi
{
    private const string Base = "/api/v1/gamification/analytics";

    private const string FilterDescription =
        "from and to: tenant-local days as yyyy-MM-dd, inclusive (default: to = the tenant's today, from = to - 29 days; at most 366 days); "
        + "team_id: one team's current members (another tenant's or an unknown team: 404). A bad date or team_id: 400 per field; to before from: 400.";

    private static readonly string DecisionDescription =
        $"Body (optional): {{note}}, at most {FarmingService.NoteMaxLength} characters (longer: 400). Unknown or another tenant's flag: 404; already decided: 409.";

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var supervisor = app.MapGroup(Base).WithTags("Analytics").RequireAuthorization(Policies.Supervisor);
        supervisor.MapGet("/engagement", GetEngagementAnalytics).WithName("GetEngagementAnalytics").ProducesValidationProblem()
            .WithSummary("Daily active users, points awarded, active challenges and badge unlocks per day of the range, with the averages.")
            .WithDescription(FilterDescription + " Figures come from the daily rollup (every 5 minutes); updated_at says when.");
        supervisor.MapGet("/engagement.csv", ExportEngagementAnalytics).WithName("ExportEngagementAnalytics").ProducesValidationProblem()
            .WithSummary("The engagement dashboard as CSV, one row per day (text/csv, an attachment named after the range).")
            .WithDescription(FilterDescription);
        supervisor.MapGet("/behavior", GetBehaviorAnalytics).WithName("GetBehaviorAnalytics").ProducesValidationProblem()
            .WithSummary("Top earners, most earned badges, popular rewards, challenge success by difficulty, redemption rate, levels, streaks, leaderboard views and the badge unlocking rate.")
            .WithDescription(FilterDescription + " Badge unlocking rate: badge_unlocks over the range's active person-days (badge_unlocks_per_active_user_per_day, "
                + "day by day in badge_unlocks_per_day), and badge_holders: every active badge with the share of the people in scope who hold it.");
        supervisor.MapGet("/behavior.csv", ExportBehaviorAnalytics).WithName("ExportBehaviorAnalytics").ProducesValidationProblem()
            .WithSummary("One chart of the behaviour dashboard as a CSV table (text/csv, an attachment named after the chart and range).")
            .WithDescription("chart: " + string.Join(", ", AnalyticsCsv.Charts) + ". " + FilterDescription);
        supervisor.MapGet("/farming-flags", ListFarmingFlags).WithName("ListFarmingFlags").ProducesValidationProblem()
            .WithSummary("Possible point farming found by the detector: open flags by default, open first, then the newest and most severe (at most 1000).")
            .WithDescription("status: open (the default), dismissed, confirmed or all. kind: short_calls, bursts, concentrated_feedback, early_cap, sudden_jump; "
                + "score from 0 (just over the threshold) to 1 (far over it); evidence in words and data with its figures.");
        supervisor.MapGet("/farming-flags/{id:long}", GetFarmingFlag).WithName("GetFarmingFlag")
            .WithSummary("One farming flag with its evidence; another tenant's or an unknown id: 404.");
        supervisor.MapPost("/farming-flags/{id:long}/dismiss", DismissFarmingFlag).WithName("DismissFarmingFlag")
            .WithSummary("The activity was legitimate: closes the flag for good (the same window is not flagged again).")
            .WithDescription(DecisionDescription);
        supervisor.MapPost("/farming-flags/{id:long}/confirm", ConfirmFarmingFlag).WithName("ConfirmFarmingFlag")
            .WithSummary("The activity was farming: closes the flag as confirmed. Nothing is revoked here: revoke_url is the admin revocation, where an admin takes points back with a reason.")
            .WithDescription(DecisionDescription);
        supervisor.MapPost("/farming-flags/detect", DetectFarming).WithName("DetectFarming")
            .WithSummary("Runs the farming check now over the last 14 days with the tenant's thresholds (the hourly job does the same).")
            .WithDescription("Answers the number of new flags, of open flags found again (updated with the latest evidence) and of open flags after the run. A decided flag is never reopened.");
        supervisor.MapGet("/farming-thresholds", GetFarmingThresholds).WithName("GetFarmingThresholds")
            .WithSummary("The tenant's farming-detection thresholds, the defaults, which ones the tenant changed, and each field's label, unit and range.");

        var admin = app.MapGroup(Base).WithTags("Analytics").RequireAuthorization(Policies.Admin);
        admin.MapPut("/farming-thresholds", UpdateFarmingThresholds).WithName("UpdateFarmingThresholds")
            .WithSummary("Admins: changes some thresholds ({name: number}, the names GET returns); null puts that one back to its default. One bad field changes nothing.")
            .WithDescription("Shares are 0-1 (0.4 is 40 %). The next detection run uses the new values; flags already raised stay.");
        admin.MapPost("/farming-thresholds/reset", ResetFarmingThresholds).WithName("ResetFarmingThresholds")
            .WithSummary("Admins: puts every farming threshold back to its default.");
        return app;
    }

    public static async Task<Ok<EngagementResponse>> GetEngagementAnalytics(
        AnalyticsService analytics, string? from, string? to, [FromQuery(Name = "team_id")] string? teamId, CancellationToken ct) =>
        TypedResults.Ok(EngagementResponse.Of(await analytics.EngagementAsync(await FilterAsync(analytics, from, to, teamId, ct), ct)));

    public static async Task<FileContentHttpResult> ExportEngagementAnalytics(
        AnalyticsService analytics, string? from, string? to, [FromQuery(Name = "team_id")] string? teamId, CancellationToken ct) =>
        File(AnalyticsCsv.Engagement(await analytics.EngagementAsync(await FilterAsync(analytics, from, to, teamId, ct), ct)));

    public static async Task<Ok<BehaviorResponse>> GetBehaviorAnalytics(
        AnalyticsService analytics, string? from, string? to, [FromQuery(Name = "team_id")] string? teamId, CancellationToken ct) =>
        TypedResults.Ok(BehaviorResponse.Of(await analytics.BehaviorAsync(await FilterAsync(analytics, from, to, teamId, ct), ct)));

    public static async Task<FileContentHttpResult> ExportBehaviorAnalytics(
        AnalyticsService analytics, string? chart, string? from, string? to, [FromQuery(Name = "team_id")] string? teamId, CancellationToken ct)
    {
        var filter = await FilterAsync(analytics, from, to, teamId, ct, errors =>
        {
            if (!AnalyticsCsv.IsChart(chart))
            {
                errors["chart"] = [string.IsNullOrWhiteSpace(chart)
                    ? $"chart is required: one of {string.Join(", ", AnalyticsCsv.Charts)}."
                    : $"Unknown chart '{chart}'; use one of {string.Join(", ", AnalyticsCsv.Charts)}."];
            }
        });
        return File(AnalyticsCsv.Behavior(await analytics.BehaviorAsync(filter, ct), chart!));
    }

    public static async Task<Ok<List<FarmingFlagItem>>> ListFarmingFlags(FarmingService farming, string? status, CancellationToken ct)
    {
        FarmingFlagStatus? wanted = FarmingFlagStatus.Open;
        if (!string.IsNullOrWhiteSpace(status))
        {
            wanted = string.Equals(status.Trim(), "all", StringComparison.OrdinalIgnoreCase) ? null
                : SnakeCaseNames.TryParse<FarmingFlagStatus>(status, out var parsed) ? parsed
                : throw DomainException.Invalid(new Dictionary<string, string[]>
                {
                    ["status"] = [$"Unknown status '{status}'; use open, dismissed, confirmed or all."],
                });
        }
        return TypedResults.Ok((await farming.ListAsync(wanted, ct)).Select(FarmingFlagItem.From).ToList());
    }

    public static async Task<Ok<FarmingFlagItem>> GetFarmingFlag(long id, FarmingService farming, CancellationToken ct) =>
        TypedResults.Ok(FarmingFlagItem.From(await farming.GetAsync(id, ct)));

    public static async Task<Ok<FarmingFlagItem>> DismissFarmingFlag(
        long id, FarmingDecisionBody? body, ClaimsPrincipal user, FarmingService farming, CancellationToken ct) =>
        TypedResults.Ok(FarmingFlagItem.From(await farming.DismissAsync(id, body?.Note, user.GetUserId(), ct)));

    public static async Task<Ok<FarmingFlagItem>> ConfirmFarmingFlag(
        long id, FarmingDecisionBody? body, ClaimsPrincipal user, FarmingService farming, CancellationToken ct) =>
        TypedResults.Ok(FarmingFlagItem.From(await farming.ConfirmAsync(id, body?.Note, user.GetUserId(), ct)));

    public static async Task<Ok<FarmingDetectResponse>> DetectFarming(FarmingService farming, CancellationToken ct)
    {
        var run = await farming.DetectCurrentAsync(ct);
        var open = await farming.ListAsync(FarmingFlagStatus.Open, ct);
        return TypedResults.Ok(new FarmingDetectResponse(run.NewFlags, run.UpdatedFlags, open.Count));
    }

    public static async Task<Ok<FarmingThresholdsResponse>> GetFarmingThresholds(FarmingService farming, CancellationToken ct) =>
        TypedResults.Ok(FarmingThresholdsResponse.Of(await farming.ThresholdsAsync(ct)));

    public static async Task<Ok<FarmingThresholdsResponse>> UpdateFarmingThresholds(
        JsonElement body, ClaimsPrincipal user, FarmingService farming, CancellationToken ct)
    {
        var (values, resets, errors) = ParseThresholds(body);
        // Every bad field at once: the unreadable ones, and the readable ones out of range or not fitting.
        foreach (var (field, messages) in FarmingThresholds.Check(await farming.ThresholdsAsync(ct), values))
        {
            errors.TryAdd(field, messages);
        }
        DomainException.ThrowIfInvalid(errors, "The thresholds were not saved: fix the fields marked.");
        foreach (var name in resets)
        {
            values[name] = FarmingThresholds.Default.Get(name);
        }
        return TypedResults.Ok(FarmingThresholdsResponse.Of(await farming.UpdateThresholdsAsync(values, user.GetUserId(), ct)));
    }

    public static async Task<Ok<FarmingThresholdsResponse>> ResetFarmingThresholds(ClaimsPrincipal user, FarmingService farming, CancellationToken ct) =>
        TypedResults.Ok(FarmingThresholdsResponse.Of(await farming.ResetThresholdsAsync(user.GetUserId(), ct)));

    /// <summary>
    /// Reads a thresholds body field by field: numbers by name, null for "back to the default"; anything else is
    /// reported against its field (ranges are checked by <see cref="FarmingThresholds.Check"/>).
    /// </summary>
    private static (Dictionary<string, double> Values, List<string> Resets, Dictionary<string, string[]> Errors) ParseThresholds(JsonElement body)
    {
        var values = new Dictionary<string, double>();
        var resets = new List<string>();
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Send a JSON object of thresholds, such as {\"burst_events\": 10}."];
            return (values, resets, errors);
        }
        foreach (var property in body.EnumerateObject())
        {
            if (FarmingThresholds.Field(property.Name) is null)
            {
                errors[property.Name] = [$"'{property.Name}' is not a farming threshold."];
            }
            else if (property.Value.ValueKind == JsonValueKind.Null)
            {
                resets.Add(property.Name);
            }
            else if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var number))
            {
                values[property.Name] = number;
            }
            else
            {
                errors[property.Name] = ["Must be a number (null puts the default back)."];
            }
        }
        return (values, resets, errors);
    }

    /// <summary>
    /// The filter from the query; a bad value is a 400 naming its field, together with what <paramref name="alsoCheck"/>
    /// finds in the endpoint's other values. Missing dates default to the caller's tenant-local today (the tenant's time zone,
    /// as the pages use) and the <see cref="AnalyticsService.DefaultDays"/> days ending on it.
    /// </summary>
    private static async Task<AnalyticsFilter> FilterAsync(
        AnalyticsService analytics, string? from, string? to, string? teamId, CancellationToken ct, Action<Dictionary<string, string[]>>? alsoCheck = null)
    {
        var errors = new Dictionary<string, string[]>();
        var f = QueryValues.Day(from, "from", errors);
        var t = QueryValues.Day(to, "to", errors);
        var team = QueryValues.Long(teamId, "team_id", errors, min: 1);
        alsoCheck?.Invoke(errors);
        DomainException.ThrowIfInvalid(errors);
        var end = t ?? await analytics.TodayAsync(ct);
        var start = f ?? AnalyticsFilter.LastDays(end).From;
        return new AnalyticsFilter(start, end, team);
    }

    private static FileContentHttpResult File((string FileName, string Content) csv) =>
        TypedResults.File(Encoding.UTF8.GetBytes(csv.Content), Csv.ContentType, csv.FileName);
}
