namespace Gamification.Core.Challenges;

/// <summary>
/// Where a challenge stands today. <see cref="Paused"/>: a daily, weekly or monthly challenge whose cadence the
/// tenant's settings switched off; it opens windows again when the switch is on.
/// </summary>
public enum ChallengeStatus { Scheduled, Active, Ended, Paused }

/// <summary>
/// A challenge as admins see it, with the guide's "balance difficulty" figures: of the participants (people, or
/// teams for team challenges, with any progress in a window), the share who completed.
/// </summary>
/// <param name="StartDay">Special challenges: the first local day; recurring: the first day it runs.</param>
/// <param name="EndDay">Special challenges: the last local day (inclusive); recurring: the last day before it was ended, if ended.</param>
/// <param name="CompletionRate">Completions / participants over every window so far (0 when nobody took part).</param>
/// <param name="TargetRate">The guide's target share for the difficulty: easy 0.50, medium 0.25, hard 0.05.</param>
/// <param name="LastWindow">Its cadence is switched off in the settings: the current window runs to its end and no new one opens.</param>
public sealed record ChallengeAdminView(
    long Id,
    string Name,
    string Description,
    ChallengeType Type,
    ObjectiveType Objective,
    int Target,
    int MinRatedCalls,
    int PointsReward,
    long? BadgeRewardId,
    string? BadgeRewardName,
    ChallengeDifficulty Difficulty,
    DateOnly? StartDay,
    DateOnly? EndDay,
    bool IsTeamChallenge,
    bool IsActive,
    ChallengeStatus Status,
    int Participants,
    int Completions,
    decimal CompletionRate,
    decimal TargetRate,
    DateOnly? CurrentWindowStart,
    DateOnly? CurrentWindowEnd,
    int CurrentParticipants,
    int CurrentCompletions,
    bool LastWindow = false,
    string? Prize = null);

/// <summary>
/// A completion of a challenge that names a prize, as the admin's hand-out list shows it (docs/rules.md, Special prizes).
/// </summary>
/// <param name="Id">The completion (the person's row of the challenge window); the hand-out endpoint takes it.</param>
public sealed record PrizeView(
    long Id,
    long ChallengeId,
    string ChallengeName,
    string Prize,
    string UserId,
    string DisplayName,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    DateTimeOffset CompletedAt,
    DateTimeOffset? HandedOutAt,
    string? HandedOutBy);

/// <summary>What an admin sends to create or edit a challenge. Dates are the tenant's local days, inclusive.</summary>
public sealed record ChallengeInput(
    string? Name,
    string? Description,
    ChallengeType? Type,
    ObjectiveType? Objective,
    int? Target,
    int? MinRatedCalls,
    int? PointsReward,
    long? BadgeRewardId,
    ChallengeDifficulty? Difficulty,
    DateOnly? StartDay,
    DateOnly? EndDay,
    bool? IsTeamChallenge,
    string? Prize = null);

/// <summary>
/// A user's standing in the current window of a challenge. For team challenges <paramref name="Progress"/> is the
/// team's total and <paramref name="MyContribution"/> the user's own part.
/// </summary>
/// <param name="Progress">
/// Counted progress; for <see cref="ObjectiveType.AvgRating"/> the average rating so far (2 decimals); for
/// <see cref="ObjectiveType.SatisfactionRate"/> the percentage of rated calls rated 4 or 5 (rounded down to 2 decimals);
/// for <see cref="ObjectiveType.LeaderboardRank"/> the current rank on the window's board (0: not on it yet).
/// </param>
/// <param name="RatedCalls">
/// For <see cref="ObjectiveType.AvgRating"/> and <see cref="ObjectiveType.SatisfactionRate"/>: rated calls so far (the
/// average or the share counts from <paramref name="MinRatedCalls"/>).
/// </param>
/// <param name="EndsAt">The instant the window closes (the start of the local day after <paramref name="WindowEnd"/>).</param>
/// <param name="SatisfiedCalls">For <see cref="ObjectiveType.SatisfactionRate"/>: the rated calls rated 4 or 5.</param>
/// <param name="Rank">For <see cref="ObjectiveType.LeaderboardRank"/>: the rank on the window's board by its points so far (null: no points yet).</param>
/// <param name="RankedPeople">For <see cref="ObjectiveType.LeaderboardRank"/>: the people on the window's board.</param>
/// <param name="RanksFinalAt">
/// For <see cref="ObjectiveType.LeaderboardRank"/>: when the window's ranks are final (late events can no longer
/// arrive) and the rank job pays them, at its next daily run.
/// </param>
public sealed record ChallengeProgressView(
    long ChallengeId,
    string Name,
    string Description,
    ChallengeType Type,
    ObjectiveType Objective,
    ChallengeDifficulty Difficulty,
    decimal Progress,
    int Target,
    int MinRatedCalls,
    int RatedCalls,
    int ProgressPercent,
    bool Completed,
    DateTimeOffset? CompletedAt,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    DateTimeOffset EndsAt,
    [property: System.Text.Json.Serialization.JsonIgnore] TimeSpan TimeLeft,
    int PointsReward,
    long? BadgeRewardId,
    string? BadgeRewardName,
    bool IsTeamChallenge,
    long? TeamId,
    string? TeamName,
    decimal? MyContribution,
    int SatisfiedCalls = 0,
    int? Rank = null,
    int RankedPeople = 0,
    DateTimeOffset? RanksFinalAt = null,
    string? Prize = null)
{
    /// <summary>The challenge's id under the guide's name (the same as <see cref="ChallengeId"/>).</summary>
    public long Id => ChallengeId;

    /// <summary>The time left in whole seconds, as the API writes it (time_left_seconds).</summary>
    public long TimeLeftSeconds => Math.Max(0, (long)Math.Floor(TimeLeft.TotalSeconds));
}
