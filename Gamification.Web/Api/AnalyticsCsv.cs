namespace Gamification.Web.Api;

/// <summary>
/// The supervisor dashboards' CSV files: the API's <c>engagement.csv</c> and <c>behavior.csv</c> and the pages' CSV
/// buttons use these, so a file is the same byte for byte wherever it is downloaded. Each file's content starts with
/// a byte-order mark (U+FEFF, EF BB BF in UTF-8), so a spreadsheet opening the file reads accented names right.
/// </summary>
public static class AnalyticsCsv
{
    /// <summary>Starts every file: written in UTF-8 it is the byte-order mark that tells spreadsheets the encoding.</summary>
    public const string ByteOrderMark = "\uFEFF";

    public const string TopEarners = "top_earners";
    public const string Badges = "badges";
    public const string Rewards = "rewards";
    public const string Challenges = "challenges";
    public const string Levels = "levels";
    public const string Streaks = "streaks";
    public const string LeaderboardViews = "leaderboard_views";
    public const string BadgeUnlocks = "badge_unlocks";
    public const string BadgeHolders = "badge_holders";

    /// <summary>The behaviour dashboard's charts, one CSV table each.</summary>
    public static IReadOnlyList<string> Charts { get; } = [TopEarners, Badges, Rewards, Challenges, Levels, Streaks, LeaderboardViews, BadgeUnlocks, BadgeHolders];

    /// <summary>Whether <paramref name="chart"/> names a behaviour chart (exactly, lower case).</summary>
    public static bool IsChart(string? chart) => chart is not null && Charts.Contains(chart, StringComparer.Ordinal);

    /// <summary>One row per day of the range: date, active users, points awarded, active challenges, badge unlocks, average points per active user.</summary>
    public static (string FileName, string Content) Engagement(EngagementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var content = Csv.Write(report.Days,
            ("date", d => d.Date),
            ("active_users", d => d.ActiveUsers),
            ("points_awarded", d => d.PointsAwarded),
            ("active_challenges", d => d.ActiveChallenges),
            ("badge_unlocks", d => d.BadgeUnlocks),
            ("average_points_per_user", d => d.AveragePointsPerUser));
        return (FileName("engagement", report.Filter), ByteOrderMark + content);
    }

    /// <summary>One chart of the behaviour dashboard as a table.</summary>
    /// <exception cref="DomainException">Not one of <see cref="Charts"/> (400, field <c>chart</c>).</exception>
    public static (string FileName, string Content) Behavior(BehaviorReport report, string chart)
    {
        ArgumentNullException.ThrowIfNull(report);
        var content = chart switch
        {
            TopEarners => Ranked(report.TopEarners, "user_id", "display_name", "points"),
            Badges => Ranked(report.MostEarnedBadges, "badge_id", "badge", "unlocks"),
            Rewards => Ranked(report.PopularRewards, "reward_id", "reward", "redeemed"),
            Challenges => Csv.Write(report.ChallengeSuccess,
                ("difficulty", c => c.Difficulty),
                ("participants", c => c.Participants),
                ("completed", c => c.Completed),
                ("rate", c => c.Rate),
                ("target", c => c.Target)),
            Levels => Csv.Write(report.Levels,
                ("level", l => l.Level),
                ("name", l => l.Name),
                ("people", l => l.People),
                ("reached_in_range", l => l.ReachedInRange),
                ("average_days_to_reach", l => l.AverageDaysToReach)),
            Streaks => Csv.Write(report.Streaks,
                ("streak", s => s.Label),
                ("people", s => s.Value)),
            LeaderboardViews => Csv.Write(report.LeaderboardViewsPerDay,
                ("date", v => v.Key),
                ("views", v => v.Value)),
            BadgeUnlocks => Csv.Write(report.BadgeUnlocksPerDay,
                ("date", d => d.Date),
                ("active_users", d => d.ActiveUsers),
                ("badge_unlocks", d => d.Unlocks),
                ("unlocks_per_active_user", d => d.UnlocksPerActiveUser)),
            BadgeHolders => Csv.Write(report.BadgeHolders,
                ("badge_id", b => b.BadgeId),
                ("badge", b => b.Name),
                ("category", b => b.Category),
                ("rarity", b => b.Rarity),
                ("holders", b => b.Holders),
                ("share", b => b.Share)),
            _ => throw DomainException.Invalid("chart", $"Unknown chart '{chart}'; use one of {string.Join(", ", Charts)}."),
        };
        return (FileName($"behavior-{chart}", report.Filter), ByteOrderMark + content);
    }

    /// <summary>"engagement-2026-11-01-2026-11-27.csv", with "-team-7" after the name for one team.</summary>
    public static string FileName(string name, AnalyticsFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var team = filter.TeamId is { } id ? $"-team-{id.ToString(CultureInfo.InvariantCulture)}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{name}{team}-{filter.From:yyyy-MM-dd}-{filter.To:yyyy-MM-dd}.csv");
    }

    private static string Ranked(IReadOnlyList<RankedFigure> figures, string key, string label, string value) =>
        Csv.Write(figures.Select((f, i) => (Rank: i + 1, Figure: f)),
            ("rank", r => r.Rank),
            (key, r => r.Figure.Key),
            (label, r => r.Figure.Label),
            (value, r => r.Figure.Value));
}
