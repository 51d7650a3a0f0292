namespace Gamification.Core.Badges;

/// <summary>
/// Badges inside one unit of work (RULES.md, Badges): after an activity or an award, awards the badges whose requirement
/// the change can move, in the same transaction; a completed challenge pays its badge here, and <see cref="BadgeAwards"/>
/// awards by an admin's hand and by weekly rank here. Nothing is scanned: the tenant's active badges and the unit's users'
/// earned badges are read once per unit, on first need. At most once is guaranteed twice over: the unit holds its users'
/// locks, and (user, badge) and the ledger's reward source are unique in the database.
/// </summary>
internal sealed class BadgeEvaluator(IUnitLedger unit) : IUnitEvaluator
{
    private readonly HashSet<(string UserId, long BadgeId)> earned = [];
    private readonly UnitUserReads reads = new(unit);
    private readonly List<UserBadge> newBadges = [];
    private readonly List<string> loadedUsers = [];
    private Dictionary<BadgeRequirement, Badge[]>? automatic;
    private List<Badge>? badges;
    private Dictionary<long, Badge>? badgeById;

    public bool HasChanges => newBadges.Count > 0;

    /// <summary>Badges have no windows: nothing to read ahead.</summary>
    public void ExpectEventDays(IReadOnlyCollection<DateOnly> days)
    {
    }

    /// <summary>An activity event was scored for <paramref name="user"/>: checks the badges it can move (after the challenges it completed).</summary>
    public async Task OnActivityAsync(UserState user, ActivityInput input, DateTimeOffset occurredAt, DateOnly day, long awarded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await LoadAsync([user.UserId], ct);
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

    /// <summary>Points were awarded outside activity (an admin award, a reward): check lifetime-points and level badges.</summary>
    public async Task OnAwardAsync(UserState user, CancellationToken ct)
    {
        await LoadAsync([user.UserId], ct);
        CheckBadges(user, BadgeRules.MovedByAward, null);
    }

    /// <summary>
    /// A challenge window was completed for <paramref name="user"/>: pays the challenge's badge (when it has one the user
    /// has not earned), then checks the badges completing a challenge can move.
    /// </summary>
    public async Task OnChallengeCompletedAsync(UserState user, long? badgeRewardId, string reason, CancellationToken ct)
    {
        await LoadAsync([user.UserId], ct);
        if (badgeRewardId is { } badgeId && badgeById!.TryGetValue(badgeId, out var badge) && !earned.Contains((user.UserId, badgeId)))
        {
            Award(user, badge, reason, null);
        }
        CheckBadges(user, MovedByChallenge, null);
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
            unit.PostReward(user, TransactionType.BadgeReward, badge.PointsReward, text, TransactionSource.Badge, BadgeRules.RewardSource(badge.Id), adminUserId);
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
        // The badge's own description as written, else its requirement in English (the reader's page renders that in their language).
        var ownDescription = !string.IsNullOrEmpty(badge.Description);
        user.AddNotice(new AchievementNotice(AchievementKind.BadgeEarned, badge.Name,
            ownDescription ? badge.Description : BadgeRules.Describe(badge.RequirementType, badge.RequirementValue, CultureInfo.InvariantCulture),
            badge.PointsReward, badge.Icon, badge.Rarity)
        {
            Figures = new AchievementFigures(Requirement: badge.RequirementType, RequirementValue: badge.RequirementValue, OwnDescription: ownDescription),
        });
    }

    /// <summary>Reads, once per unit, the tenant's active badges and, once per user, their earned badges.</summary>
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
        }
        var missing = reads.Take(userIds);
        if (missing.Count == 0)
        {
            return;
        }
        loadedUsers.AddRange(missing);
        // What this instance's last unit for a user left, while nothing else has moved the user since (UnitMemory).
        if (unit.Memory is { } memory)
        {
            missing = missing.Where(id => !Recall(memory, id)).ToList();
            if (missing.Count == 0)
            {
                return;
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
    }

    private bool Recall(UnitMemory memory, string userId)
    {
        if (unit.Find(userId) is not { } user || memory.Recall<EarnedBadges>(unit, user) is not { } remembered)
        {
            return false;
        }
        foreach (var badgeId in remembered.BadgeIds)
        {
            earned.Add((userId, badgeId));
        }
        return true;
    }

    /// <summary>The unit committed: remembers, for each user it read, the badges they have now (earned before or in this unit).</summary>
    public void OnCommitted()
    {
        if (unit.Memory is not { } memory || loadedUsers.Count == 0)
        {
            return;
        }
        var byUser = earned.ToLookup(e => e.UserId, e => e.BadgeId, StringComparer.Ordinal);
        foreach (var userId in loadedUsers)
        {
            if (unit.Find(userId) is { } user)
            {
                memory.Remember(unit, user, new EarnedBadges(byUser[userId].ToArray()));
            }
            else
            {
                memory.Forget<EarnedBadges>(unit.TenantId, userId);
            }
        }
    }

    /// <summary>The ids of the badges a user has earned, as a committed unit left them.</summary>
    private sealed record EarnedBadges(long[] BadgeIds);

    /// <summary>Writes the badges earned in this unit.</summary>
    public async Task FlushAsync(GamificationDbContext db, CancellationToken ct)
    {
        if (newBadges.Count > 0)
        {
            await using var insert = new RowInserter<UserBadge>(db);
            await insert.InsertAllAsync(newBadges, ct);
        }
    }
}
