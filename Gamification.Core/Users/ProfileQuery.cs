namespace Gamification.Core.Users;

public sealed record ProfileUser(
    string Id,
    string DisplayName,
    string Email,
    string? ExternalId,
    IReadOnlyList<string> Roles,
    Guid? TenantId,
    string? TenantName,
    long? TeamId,
    string? TeamName);

public sealed record ProfilePoints(long CurrentPoints, long LifetimePoints, int DailyPoints, int DailyCap);

/// <param name="Tier">The level's tier name (Bronze, Silver, Gold, Legend by default).</param>
public sealed record ProfileLevel(int Number, string Tier, long StartsAt, long? NextLevelAt, int ProgressPercent);

public sealed record ProfileStreak(int Current, int Longest);

/// <summary>A person's gamification profile: who they are, points, level, streak, rank, badges and active challenges.</summary>
/// <param name="Rank">The rank on the tenant's main board (its leaderboard reset period; weekly by default), null without points there.</param>
/// <param name="Badges">The badges earned (as <see cref="BadgeService.EarnedAsync"/>).</param>
/// <param name="ActiveChallenges">The active challenges with the person's progress (as <see cref="ChallengeService.ActiveForUserAsync"/>).</param>
public sealed record GamificationProfile(
    ProfileUser User,
    ProfilePoints Points,
    ProfileLevel Level,
    ProfileStreak Streak,
    int? Rank,
    IReadOnlyList<EarnedBadge> Badges,
    IReadOnlyList<ChallengeProgressView> ActiveChallenges);

/// <summary>Puts a person's profile together from the features that own its parts (people, points, leaderboards, badges, challenges).</summary>
public sealed class ProfileQuery(
    UserDirectory directory, PointsQueries points, BadgeService badges, ChallengeService challenges, LeaderboardService leaderboards)
{
    /// <summary>The profile of a person of the current tenant, or null when they have none (unknown, or no points row).</summary>
    public async Task<GamificationProfile?> GetAsync(string userId, CancellationToken ct = default)
    {
        if (await directory.GetProfileAsync(userId, ct) is not { } profile || await points.GetSummaryAsync(userId, ct) is not { } summary)
        {
            return null;
        }
        return new GamificationProfile(
            new ProfileUser(profile.Id, profile.DisplayName, profile.Email, profile.ExternalId, profile.Roles, profile.TenantId,
                profile.TenantName, profile.TeamId, profile.TeamName),
            new ProfilePoints(summary.CurrentPoints, summary.LifetimePoints, summary.DailyPoints, summary.DailyCap),
            new ProfileLevel(summary.Level, summary.LevelName, summary.LevelStartsAt, summary.NextLevelAt, summary.ProgressPercent),
            new ProfileStreak(summary.StreakDays, summary.LongestStreak),
            await leaderboards.RankOfAsync(userId, ct),
            await badges.EarnedAsync(userId, ct),
            await challenges.ActiveForUserAsync(userId, ct));
    }
}
