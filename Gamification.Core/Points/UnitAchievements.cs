using System.Globalization;

using Gamification.Core.Analytics;
using Gamification.Core.Badges;
using Gamification.Core.Challenges;
using Gamification.Core.Data;
using Gamification.Core.Notifications;

using Microsoft.EntityFrameworkCore;

namespace Gamification.Core.Points;

/// <summary>
/// Badges and challenges inside one <see cref="LedgerUnit"/> (RULES.md: Badges, Challenges): after an activity or an
/// award, counts the challenge windows the event falls in, completes them, and awards the badges whose requirement
/// the change can move, in the same transaction. Nothing is scanned: the tenant's active badges and challenges, the
/// unit's users' earned badges and their open challenge rows are read once per unit, on first need.
/// At most once is guaranteed twice over: the unit holds its users' locks, and (user, badge), (user, challenge,
/// window) and the ledger's reward sources are unique in the database.
/// </summary>
internal sealed class UnitAchievements(IUnitLedger unit) : IUnitEvaluator
{
    private readonly HashSet<(string UserId, long BadgeId)> earned = [];
    private readonly HashSet<string> loadedUsers = new(StringComparer.Ordinal);
    private readonly HashSet<long> loadedTeams = [];
    private readonly List<UserBadge> newBadges = [];
    private readonly Dictionary<(string UserId, long ChallengeId, DateOnly Start), Row<UserChallenge>> userRows = [];
    private readonly Dictionary<(long TeamId, long ChallengeId, DateOnly Start), Row<TeamChallenge>> teamRows = [];
    private readonly Dictionary<(long ChallengeId, DateOnly Day), ChallengeWindow?> windows = [];
    private Dictionary<BadgeRequirement, Badge[]>? automatic;
    private List<Badge>? badges;
    private Dictionary<long, Badge>? badgeById;
    private List<Challenge>? challenges;
    private List<DateOnly>? openStarts;
    private List<DateOnly>? eventDays;

    /// <summary>The local days of the events this unit will record: their challenge windows are read in one query.</summary>
    public void ExpectEventDays(IReadOnlyCollection<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (badges is not null)
        {
            throw new InvalidOperationException("Name the event days before the first event is scored.");
        }
        eventDays = days.Distinct().ToList();
    }

    public bool HasChanges => newBadges.Count > 0 || userRows.Values.Any(r => r.Dirty) || teamRows.Values.Any(r => r.Dirty);

    /// <summary>An activity event was scored for <paramref name="user"/>: count challenges, then check badges.</summary>
    public async Task OnActivityAsync(UserState user, ActivityInput input, DateTimeOffset occurredAt, DateOnly day, long awarded, CancellationToken ct)
    {
        await LoadAsync([user.UserId], ct);
        foreach (var challenge in challenges!)
        {
            var added = ChallengeRules.Contribution(challenge.ObjectiveType, input.Type, input.Rating, awarded);
            if (added == 0 || !ChallengeRules.Counts(challenge, occurredAt) || WindowOf(challenge, day) is not { } window)
            {
                continue;
            }
            if (challenge.IsTeamChallenge)
            {
                if (user.TeamId is not { } teamId)
                {
                    continue; // A team challenge is for members of a team.
                }
                AddProgress(UserRow(user.UserId, challenge, window), input, added);
                var team = await TeamRowAsync(teamId, challenge, window, ct);
                team.Entity.Progress += added;
                team.Dirty = true;
                if (!team.Entity.Completed && ChallengeRules.IsComplete(challenge, team.Entity.Progress, 0, 0))
                {
                    team.Entity.Completed = true;
                    team.Entity.CompletedAt = unit.Now;
                    await CompleteForTeamAsync(teamId, challenge, window, ct);
                }
            }
            else
            {
                var row = UserRow(user.UserId, challenge, window);
                AddProgress(row, input, added);
                if (!row.Entity.Completed && ChallengeRules.IsComplete(challenge, row.Entity.Progress, row.Entity.RatingSum, row.Entity.RatingCount))
                {
                    Complete(user, row, challenge, window);
                }
            }
        }
        int? callHour = input.Type == ActivityType.CallCompleted ? unit.Clock.LocalHour(occurredAt) : null;
        CheckBadges(user, MovedBy(input.Type, input.Rating), callHour);
    }

    // The requirement types each kind of event can move, built once (no allocation per event).
    private static readonly Dictionary<(ActivityType, bool), Func<BadgeRequirement, bool>> MovedByEvent =
        Enum.GetValues<ActivityType>()
            .SelectMany(t => new[] { (t, false), (t, true) })
            .ToDictionary(k => k, k => (Func<BadgeRequirement, bool>)(r => BadgeRules.MovedByActivity(r, k.Item1, k.Item2 ? 5 : null)));

    private static readonly Func<BadgeRequirement, bool> MovedByChallenge =
        r => r == BadgeRequirement.ChallengesCompleted || BadgeRules.MovedByAward(r);

    private static Func<BadgeRequirement, bool> MovedBy(ActivityType type, int? rating) =>
        MovedByEvent[(type, PointsRules.IsPerfectCall(type, rating))];

    /// <summary>The challenge's window on a local day, computed once per unit (time-zone conversions are not free).</summary>
    private ChallengeWindow? WindowOf(Challenge challenge, DateOnly day)
    {
        if (!windows.TryGetValue((challenge.Id, day), out var window))
        {
            window = ChallengeRules.WindowFor(challenge, day, unit.Clock);
            windows[(challenge.Id, day)] = window;
        }
        return window;
    }

    /// <summary>Points were awarded outside activity (an admin award, a reward): check lifetime-points and level badges.</summary>
    public async Task OnAwardAsync(UserState user, CancellationToken ct)
    {
        await LoadAsync([user.UserId], ct);
        CheckBadges(user, BadgeRules.MovedByAward, null);
    }

    /// <summary>An admin awards a badge by hand (any active badge, manual ones included).</summary>
    /// <exception cref="DomainException">Unknown or inactive badge, or already earned.</exception>
    public async Task<Badge> AwardByHandAsync(UserState user, long badgeId, string reason, string? adminUserId, CancellationToken ct)
    {
        await LoadAsync([user.UserId], ct);
        var badge = badgeById!.GetValueOrDefault(badgeId);
        if (badge is null)
        {
            var inactive = await unit.Db.Badges.IgnoreQueryFilters().AsNoTracking()
                .AnyAsync(b => b.TenantId == unit.TenantId && b.Id == badgeId, ct);
            throw inactive
                ? DomainException.Invalid("badge_id", "This badge is deactivated; activate it before awarding it.")
                : DomainException.NotFound("The badge");
        }
        if (earned.Contains((user.UserId, badge.Id)))
        {
            throw new DomainException(DomainErrorKind.Conflict, $"{user.DisplayName} already has the badge '{badge.Name}'.");
        }
        Award(user, badge, reason, adminUserId);
        CheckBadges(user, BadgeRules.MovedByAward, null);
        return badge;
    }

    /// <summary>The weekly job: awards a closed week's rank badges to the users given with their rank.</summary>
    public async Task<int> AwardWeeklyRanksAsync(IReadOnlyDictionary<string, int> ranks, DateOnly weekStart, CancellationToken ct)
    {
        await LoadAsync(ranks.Keys.ToList(), ct);
        var awarded = 0;
        foreach (var (userId, rank) in ranks)
        {
            if (unit.Find(userId) is not { IsActive: true } user)
            {
                continue;
            }
            foreach (var badge in badges!.Where(b => b.RequirementType == BadgeRequirement.WeeklyRank && rank <= b.RequirementValue))
            {
                if (earned.Contains((userId, badge.Id)))
                {
                    continue;
                }
                Award(user, badge, string.Create(CultureInfo.InvariantCulture, $"Rank {rank} in the week of {weekStart:yyyy-MM-dd}"), null);
                awarded++;
            }
            CheckBadges(user, BadgeRules.MovedByAward, null);
        }
        return awarded;
    }

    private void AddProgress(Row<UserChallenge> row, ActivityInput input, int added)
    {
        row.Entity.Progress += added;
        if (input.Rating is { } rating && input.Type == ActivityType.CallCompleted)
        {
            row.Entity.RatingSum += rating;
            row.Entity.RatingCount++;
        }
        row.Dirty = true;
    }

    /// <summary>Completes a window for one user: marks it, counts it, pays its points and badge once.</summary>
    private void Complete(UserState user, Row<UserChallenge> row, Challenge challenge, ChallengeWindow window)
    {
        row.Entity.Completed = true;
        row.Entity.CompletedAt = unit.Now;
        row.Dirty = true;
        user.Points.ChallengesCompleted++;
        user.Dirty = true;
        var reason = $"Challenge completed: {challenge.Name}";
        if (challenge.PointsReward > 0)
        {
            unit.Post(user, new PointTransaction
            {
                Type = TransactionType.ChallengeReward,
                BasePoints = challenge.PointsReward,
                UncappedPoints = challenge.PointsReward,
                Points = challenge.PointsReward,
                Reason = reason,
                SourceType = TransactionSource.Challenge,
                SourceId = ChallengeRules.RewardSource(challenge.Id, window.Start),
                LocalDate = unit.Today,
            });
        }
        unit.AddAchievement(user, AchievementKind.ChallengeCompleted, reason, new
        {
            challenge_id = challenge.Id,
            window_start = window.Start,
            window_end = window.End,
            points = challenge.PointsReward,
            team = challenge.IsTeamChallenge,
        });
        user.AddNotice(new AchievementNotice(AchievementKind.ChallengeCompleted, challenge.Name,
            challenge.IsTeamChallenge ? $"Your team completed \"{challenge.Name}\"." : $"You completed \"{challenge.Name}\".",
            challenge.PointsReward));
        if (challenge.BadgeRewardId is { } badgeId && badgeById!.TryGetValue(badgeId, out var badge) && !earned.Contains((user.UserId, badgeId)))
        {
            Award(user, badge, reason, null);
        }
        CheckBadges(user, MovedByChallenge, null);
    }

    /// <summary>A team reached the target: every active member of the team is paid, once per window.</summary>
    private async Task CompleteForTeamAsync(long teamId, Challenge challenge, ChallengeWindow window, CancellationToken ct)
    {
        var tenantId = unit.TenantId;
        var members = await unit.Db.Users.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.TenantId == tenantId && u.TeamId == teamId && u.IsActive)
            .OrderBy(u => u.Id)
            .Select(u => u.Id)
            .ToListAsync(ct);
        await unit.AddUsersAsync(members, ct);
        await LoadAsync(members, ct);
        foreach (var memberId in members)
        {
            if (unit.Find(memberId) is not { } member)
            {
                continue;
            }
            var row = UserRow(memberId, challenge, window);
            if (!row.Entity.Completed)
            {
                Complete(member, row, challenge, window);
            }
        }
    }

    /// <summary>Awards badges whose requirement the change moved, until none is left (a reward can cross another threshold).</summary>
    private void CheckBadges(UserState user, Func<BadgeRequirement, bool> moved, int? callHour)
    {
        var check = moved;
        for (var round = 0; round < 100; round++)
        {
            var counters = BadgeCounters.From(user.Points, user.Level.LevelNumber);
            var any = false;
            foreach (var (requirement, group) in automatic!)
            {
                if (!check(requirement))
                {
                    continue;
                }
                // Ascending by value: for counters, the first badge not met ends the group (hours are not ordered so).
                var counting = BadgeRules.IsCounter(requirement);
                foreach (var badge in group)
                {
                    if (!BadgeRules.IsMet(requirement, badge.RequirementValue, counters, callHour))
                    {
                        if (counting)
                        {
                            break;
                        }
                        continue;
                    }
                    if (earned.Contains((user.UserId, badge.Id)))
                    {
                        continue;
                    }
                    Award(user, badge, null, null);
                    any = true;
                }
            }
            if (!any)
            {
                return;
            }
            // The rewards just paid move lifetime points and levels only.
            check = BadgeRules.MovedByAward;
            callHour = null;
        }
    }

    private void Award(UserState user, Badge badge, string? reason, string? adminUserId)
    {
        earned.Add((user.UserId, badge.Id));
        newBadges.Add(new UserBadge
        {
            TenantId = unit.TenantId,
            UserId = user.UserId,
            BadgeId = badge.Id,
            EarnedAt = unit.Now,
            Reason = reason,
            AwardedByUserId = adminUserId,
        });
        user.Dirty = true;
        var text = $"Badge earned: {badge.Name}";
        if (badge.PointsReward > 0)
        {
            unit.Post(user, new PointTransaction
            {
                Type = TransactionType.BadgeReward,
                BasePoints = badge.PointsReward,
                UncappedPoints = badge.PointsReward,
                Points = badge.PointsReward,
                Reason = text,
                SourceType = TransactionSource.Badge,
                SourceId = BadgeRules.RewardSource(badge.Id),
                CreatedByUserId = adminUserId,
                LocalDate = unit.Today,
            });
        }
        else
        {
            user.Headline = Headline.Say(text);
        }
        unit.AddAchievement(user, AchievementKind.BadgeEarned, text, new
        {
            badge_id = badge.Id,
            code = badge.Code,
            rarity = badge.Rarity,
            points = badge.PointsReward,
            reason,
        });
        user.AddNotice(new AchievementNotice(AchievementKind.BadgeEarned, badge.Name,
            string.IsNullOrEmpty(badge.Description) ? BadgeRules.Describe(badge.RequirementType, badge.RequirementValue) : badge.Description,
            badge.PointsReward, badge.Icon, badge.Rarity));
    }

    private Row<UserChallenge> UserRow(string userId, Challenge challenge, ChallengeWindow window)
    {
        var key = (userId, challenge.Id, window.Start);
        if (!userRows.TryGetValue(key, out var row))
        {
            row = new Row<UserChallenge>(new UserChallenge
            {
                TenantId = unit.TenantId,
                UserId = userId,
                ChallengeId = challenge.Id,
                WindowStart = window.Start,
                WindowEnd = window.End,
            }, isNew: true);
            userRows[key] = row;
        }
        return row;
    }

    private async Task<Row<TeamChallenge>> TeamRowAsync(long teamId, Challenge challenge, ChallengeWindow window, CancellationToken ct)
    {
        if (loadedTeams.Add(teamId))
        {
            var tenantId = unit.TenantId;
            var starts = openStarts!;
            var rows = await unit.Db.TeamChallenges.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.TenantId == tenantId && c.TeamId == teamId && EF.Parameter(starts).Contains(c.WindowStart))
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                teamRows.TryAdd((r.TeamId, r.ChallengeId, r.WindowStart), new Row<TeamChallenge>(r, isNew: false));
            }
        }
        var key = (teamId, challenge.Id, window.Start);
        if (!teamRows.TryGetValue(key, out var row))
        {
            row = new Row<TeamChallenge>(new TeamChallenge
            {
                TenantId = unit.TenantId,
                TeamId = teamId,
                ChallengeId = challenge.Id,
                WindowStart = window.Start,
                WindowEnd = window.End,
            }, isNew: true);
            teamRows[key] = row;
        }
        return row;
    }

    /// <summary>Reads, once per unit, the tenant's active catalog and, once per user, their earned badges and open challenge rows.</summary>
    private async Task LoadAsync(IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var tenantId = unit.TenantId;
        var db = unit.Db;
        if (badges is null)
        {
            badges = await db.Badges.IgnoreQueryFilters().AsNoTracking()
                .Where(b => b.TenantId == tenantId && b.IsActive)
                .OrderBy(b => b.Id)
                .ToListAsync(ct);
            badgeById = badges.ToDictionary(b => b.Id);
            automatic = badges.Where(b => BadgeRules.IsEventDriven(b.RequirementType))
                .GroupBy(b => b.RequirementType)
                .ToDictionary(g => g.Key, g => g.OrderBy(b => b.RequirementValue).ThenBy(b => b.Id).ToArray());
            challenges = await db.Challenges.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.TenantId == tenantId && c.IsActive)
                .OrderBy(c => c.Id)
                .ToListAsync(ct);
            // The windows this unit's events fall in (none when it records no event: awards touch no challenge).
            var days = eventDays ?? [];
            openStarts = challenges
                .SelectMany(c => days.Select(d => WindowOf(c, d)))
                .Where(w => w is not null)
                .Select(w => w!.Value.Start)
                .Distinct()
                .Order()
                .ToList();
        }
        var missing = userIds.Where(loadedUsers.Add).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        // Everyone the unit holds, so a batch reads once.
        foreach (var id in unit.UserIds)
        {
            if (loadedUsers.Add(id))
            {
                missing.Add(id);
            }
        }
        var owned = await db.UserBadges.IgnoreQueryFilters().AsNoTracking()
            .Where(b => b.TenantId == tenantId && EF.Parameter(missing).Contains(b.UserId))
            .Select(b => new { b.UserId, b.BadgeId })
            .ToListAsync(ct);
        foreach (var b in owned)
        {
            earned.Add((b.UserId, b.BadgeId));
        }
        if (challenges!.Count > 0)
        {
            // Only the windows an event of this unit can count in: one index seek per (user, window start).
            var starts = openStarts!;
            var rows = await db.UserChallenges.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.TenantId == tenantId && EF.Parameter(missing).Contains(c.UserId) && EF.Parameter(starts).Contains(c.WindowStart))
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                userRows.TryAdd((r.UserId, r.ChallengeId, r.WindowStart), new Row<UserChallenge>(r, isNew: false));
            }
        }
    }

    /// <summary>Writes new earned badges and the challenge rows that changed (each checked against the version read).</summary>
    public async Task FlushAsync(GamificationDbContext db, CancellationToken ct)
    {
        if (newBadges.Count > 0)
        {
            await using var insert = new RowInserter<UserBadge>(db);
            await insert.InsertAllAsync(newBadges, ct);
        }
        await WriteAsync(db, userRows.Values, r => r.Version, (r, v) => r.Version = v, ct);
        await WriteAsync(db, teamRows.Values, r => r.Version, (r, v) => r.Version = v, ct);
    }

    private static async Task WriteAsync<T>(GamificationDbContext db, IEnumerable<Row<T>> rows, Func<T, long> version, Action<T, long> setVersion, CancellationToken ct)
        where T : class
    {
        var dirty = rows.Where(r => r.Dirty).ToList();
        var added = dirty.Where(r => r.IsNew).Select(r => r.Entity).ToList();
        if (added.Count > 0)
        {
            await using var insert = new RowInserter<T>(db);
            await insert.InsertAllAsync(added, ct);
        }
        var changed = dirty.Where(r => !r.IsNew).ToList();
        if (changed.Count > 0)
        {
            await using var update = new RowUpdater<T>(db);
            foreach (var row in changed)
            {
                var original = version(row.Entity);
                setVersion(row.Entity, original + 1);
                await update.UpdateAsync(row.Entity, original, ct);
            }
        }
    }

    private sealed class Row<T>(T entity, bool isNew)
    {
        public T Entity { get; } = entity;
        public bool IsNew { get; } = isNew;
        public bool Dirty { get; set; }
    }
}
