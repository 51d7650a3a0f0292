namespace Gamification.Core.Challenges;

/// <summary>
/// The tenant's challenges: admins create, edit and end them and read their completion rates; agents read their
/// progress in the current windows. Progress itself is counted by the points engine as events arrive.
/// </summary>
public sealed class ChallengeService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxPrizeLength = 200;

    public async Task<IReadOnlyList<ChallengeAdminView>> ListForAdminAsync(bool includeEnded = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await TenantRules.LoadAsync(db, db.TenantId, ct);
        var zone = rules.Clock;
        var today = zone.LocalDay(clock.GetUtcNow());
        var challenges = await db.Challenges.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var views = await ViewsAsync(db, challenges, rules, today, ct);
        return views
            .Where(v => includeEnded || v.Status != ChallengeStatus.Ended)
            .OrderBy(v => v.Status == ChallengeStatus.Ended)
            .ThenBy(v => v.Type)
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <exception cref="DomainException">Not in the current tenant (404).</exception>
    public async Task<ChallengeAdminView> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var challenge = await db.Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw DomainException.NotFound("The challenge");
        var rules = await TenantRules.LoadAsync(db, db.TenantId, ct);
        var zone = rules.Clock;
        return (await ViewsAsync(db, [challenge], rules, zone.LocalDay(clock.GetUtcNow()), ct))[0];
    }

    /// <exception cref="DomainException">Validation (400) with a message per field.</exception>
    public async Task<ChallengeAdminView> CreateAsync(ChallengeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await TenantRules.LoadAsync(db, db.TenantId, ct);
        var zone = rules.Clock;
        var now = clock.GetUtcNow();
        var challenge = new Challenge { TenantId = db.TenantId, CreatedAt = now, IsActive = true };
        await ApplyAsync(db, challenge, input, zone, now, creating: true, ct);
        await db.AtomicallyAsync(async () =>
        {
            db.Challenges.Add(challenge);
            await db.SaveChangesAsync(ct);
            db.Record(now, AuditKind.ChallengeCreated, "challenge", challenge.Id.ToString(CultureInfo.InvariantCulture),
                $"Created the challenge {challenge.Name}", null, Audited(challenge));
            return true;
        }, ct);
        return (await ViewsAsync(db, [challenge], rules, zone.LocalDay(now), ct))[0];
    }

    /// <summary>Edits a challenge. Windows already completed stay completed and paid; new targets apply from the next event.</summary>
    public async Task<ChallengeAdminView> UpdateAsync(long id, ChallengeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var challenge = await db.Challenges.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw DomainException.NotFound("The challenge");
        if (!challenge.IsActive)
        {
            throw new DomainException(DomainErrorKind.Conflict, "This challenge has ended; create a new one instead of editing it.");
        }
        var rules = await TenantRules.LoadAsync(db, db.TenantId, ct);
        var zone = rules.Clock;
        var now = clock.GetUtcNow();
        var before = Audited(challenge);
        await ApplyAsync(db, challenge, input, zone, now, creating: false, ct);
        db.Record(now, AuditKind.ChallengeChanged, "challenge", challenge.Id.ToString(CultureInfo.InvariantCulture),
            $"Changed the challenge {challenge.Name}", before, Audited(challenge));
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db, [challenge], rules, zone.LocalDay(now), ct))[0];
    }

    /// <summary>Ends a challenge now: no further progress; completions and rewards already paid stay.</summary>
    /// <summary>
    /// The completions of challenges that name a prize, oldest first: all, those waiting (<paramref name="handedOut"/>
    /// false) or those handed out (true).
    /// </summary>
    public async Task<IReadOnlyList<PrizeView>> PrizesAsync(bool? handedOut = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.UserChallenges.AsNoTracking().Where(r => r.Completed && r.Challenge!.Prize != null);
        if (handedOut is { } given)
        {
            rows = given ? rows.Where(r => r.PrizeHandedOutAt != null) : rows.Where(r => r.PrizeHandedOutAt == null);
        }
        return await PrizeViewsAsync(db, rows, ct);
    }

    private static async Task<List<PrizeView>> PrizeViewsAsync(GamificationDbContext db, IQueryable<UserChallenge> rows, CancellationToken ct)
    {
        var found = await (from r in rows
                           join u in db.Users on r.UserId equals u.Id
                           join a in db.Users on r.PrizeHandedOutBy equals a.Id into admins
                           from a in admins.DefaultIfEmpty()
                           orderby r.CompletedAt, r.Id
                           select new PrizeView(r.Id, r.ChallengeId, r.Challenge!.Name, r.Challenge.Prize!, r.UserId, u.DisplayName, r.WindowStart, r.WindowEnd,
                               r.CompletedAt!.Value, r.PrizeHandedOutAt, a != null ? a.DisplayName : null))
            .ToListAsync(ct);
        return found;
    }

    /// <summary>Marks a completion's prize as handed out by <paramref name="adminId"/>, once.</summary>
    /// <exception cref="DomainException">No such completion with a prize in the tenant (404); already handed out (409).</exception>
    public async Task<PrizeView> HandOutPrizeAsync(long completionId, string? adminId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        // One statement, only while it is still waiting: two admins at once hand it out once. The version moves so a
        // unit of the engine holding the row re-reads it rather than writing its old copy back.
        PrizeView? view = null;
        var changed = await db.AtomicallyAsync(async () =>
        {
            var rows = await db.UserChallenges
                .Where(r => r.Id == completionId && r.Completed && r.Challenge!.Prize != null && r.PrizeHandedOutAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.PrizeHandedOutAt, now).SetProperty(r => r.PrizeHandedOutBy, adminId)
                    .SetProperty(r => r.Version, r => r.Version + 1), ct);
            view = (await PrizeViewsAsync(db, db.UserChallenges.AsNoTracking().Where(r => r.Id == completionId && r.Completed && r.Challenge!.Prize != null), ct))
                .FirstOrDefault() ?? throw DomainException.NotFound("The prize");
            if (rows > 0)
            {
                db.Record(now, AuditKind.PrizeHandedOut, "challenge_completion", completionId.ToString(CultureInfo.InvariantCulture),
                    $"Handed out {view.DisplayName}'s prize for {view.ChallengeName}: {view.Prize}",
                    new { HandedOut = false }, new { HandedOut = true, view.Prize }, adminId);
            }
            return rows;
        }, ct);
        if (changed == 0)
        {
            throw new DomainException(DomainErrorKind.Conflict,
                $"{view!.DisplayName}'s prize for {view.ChallengeName} was already handed out{(view.HandedOutBy is { } by ? $" by {by}" : "")}.");
        }
        return view!;
    }

    public async Task<ChallengeAdminView> EndAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var challenge = await db.Challenges.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw DomainException.NotFound("The challenge");
        var now = clock.GetUtcNow();
        if (challenge.IsActive)
        {
            var before = Audited(challenge);
            challenge.IsActive = false;
            if (challenge.EndDate is not { } end || end > now)
            {
                challenge.EndDate = now;
            }
            db.Record(now, AuditKind.ChallengeChanged, "challenge", challenge.Id.ToString(CultureInfo.InvariantCulture),
                $"Ended the challenge {challenge.Name}", before, Audited(challenge));
            await db.SaveChangesAsync(ct);
        }
        var rules = await TenantRules.LoadAsync(db, db.TenantId, ct);
        var zone = rules.Clock;
        return (await ViewsAsync(db, [challenge], rules, zone.LocalDay(now), ct))[0];
    }

    /// <summary>What the audit trail records of a challenge (before and after an edit).</summary>
    private static object Audited(Challenge c) => new
    {
        c.Name,
        c.Description,
        c.ChallengeType,
        c.ObjectiveType,
        c.ObjectiveTarget,
        c.MinRatedCalls,
        c.PointsReward,
        c.BadgeRewardId,
        c.Difficulty,
        c.StartDate,
        c.EndDate,
        c.IsTeamChallenge,
        c.Prize,
        c.IsActive,
    };

    /// <summary>The active challenges' current windows with the user's (and their team's) progress, soonest to close first.</summary>
    public async Task<IReadOnlyList<ChallengeProgressView>> ActiveForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.TenantId == db.TenantId)
            .Select(u => new { u.Id, u.TeamId }).FirstOrDefaultAsync(ct) ?? throw DomainException.NotFound("The user");
        var rules = await TenantRules.LoadAsync(db, db.TenantId, ct);
        var zone = rules.Clock;
        var now = clock.GetUtcNow();
        var today = zone.LocalDay(now);
        var challenges = await db.Challenges.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
        var running = challenges
            .Where(c => ChallengeRules.Counts(c, now) && ChallengeRules.OpenWindowFor(c, today, rules) is not null)
            .Where(c => !c.IsTeamChallenge || user.TeamId is not null)
            .ToList();
        var views = await ProgressViewsAsync(db, user.Id, user.TeamId, running, zone, now, today, ct);
        return views.OrderBy(v => v.Completed).ThenBy(v => v.EndsAt).ThenBy(v => v.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The user's standing in the challenge's current window (or its last window, once it ended).</summary>
    /// <exception cref="DomainException">Not in the current tenant (404).</exception>
    public async Task<ChallengeProgressView> ProgressAsync(string userId, long challengeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.TenantId == db.TenantId)
            .Select(u => new { u.Id, u.TeamId }).FirstOrDefaultAsync(ct) ?? throw DomainException.NotFound("The user");
        var challenge = await db.Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == challengeId, ct) ?? throw DomainException.NotFound("The challenge");
        var rules = await TenantRules.LoadAsync(db, db.TenantId, ct);
        var zone = rules.Clock;
        var now = clock.GetUtcNow();
        var today = zone.LocalDay(now);
        // An ended or finished challenge answers for its last day; one not started yet for its first.
        var (first, last) = ChallengeRules.RunningDays(challenge, zone);
        var day = last is { } l && today > l ? l : first is { } f && today < f ? f : today;
        if (ChallengeRules.OpenWindowFor(challenge, day, rules) is null)
        {
            throw DomainException.NotFound("The challenge's window");
        }
        return (await ProgressViewsAsync(db, user.Id, user.TeamId, [challenge], zone, now, day, ct))[0];
    }

    private async Task<List<ChallengeProgressView>> ProgressViewsAsync(
        GamificationDbContext db, string userId, long? teamId, List<Challenge> challenges, TenantClock zone, DateTimeOffset now, DateOnly day, CancellationToken ct)
    {
        if (challenges.Count == 0)
        {
            return [];
        }
        var ids = challenges.Select(c => c.Id).ToList();
        var windows = challenges.ToDictionary(c => c.Id, c => ChallengeRules.WindowFor(c, day, zone)!.Value);
        var starts = windows.Values.Select(w => w.Start).Distinct().ToList();
        var mine = (await db.UserChallenges.AsNoTracking()
                .Where(r => r.UserId == userId && EF.Parameter(ids).Contains(r.ChallengeId) && EF.Parameter(starts).Contains(r.WindowStart))
                .ToListAsync(ct))
            .Where(r => windows[r.ChallengeId].Start == r.WindowStart)
            .ToDictionary(r => r.ChallengeId);
        var teams = new Dictionary<long, TeamChallenge>();
        string? teamName = null;
        if (teamId is { } team && challenges.Any(c => c.IsTeamChallenge))
        {
            teams = (await db.TeamChallenges.AsNoTracking()
                    .Where(r => r.TeamId == team && EF.Parameter(ids).Contains(r.ChallengeId) && EF.Parameter(starts).Contains(r.WindowStart))
                    .ToListAsync(ct))
                .Where(r => windows[r.ChallengeId].Start == r.WindowStart)
                .ToDictionary(r => r.ChallengeId);
            teamName = await db.Teams.AsNoTracking().Where(t => t.Id == team).Select(t => t.Name).FirstOrDefaultAsync(ct);
        }
        var badgeIds = challenges.Where(c => c.BadgeRewardId is not null).Select(c => c.BadgeRewardId!.Value).Distinct().ToList();
        var badgeNames = await db.Badges.AsNoTracking().Where(b => EF.Parameter(badgeIds).Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        // Rank challenges: the user's place on each window's board as of now (one board per run of days).
        var boards = new Dictionary<ChallengeWindow, List<RankedPerson>>();
        var ranks = new Dictionary<long, (int? Rank, int People, DateTimeOffset FinalAt)>();
        foreach (var c in challenges.Where(c => c.ObjectiveType == ObjectiveType.LeaderboardRank))
        {
            var days = ChallengeRules.RankedDays(c, windows[c.Id], zone);
            if (!boards.TryGetValue(days, out var board))
            {
                board = boards[days] = await WindowBoard.RankAsync(db, db.TenantId, days.Start, days.End, ct);
            }
            ranks[c.Id] = (board.Find(p => p.UserId == userId)?.Rank, board.Count, ChallengeRules.RanksFinalAt(days, zone));
        }

        return challenges.Select(c =>
        {
            var window = windows[c.Id];
            var own = mine.GetValueOrDefault(c.Id);
            var endsAt = zone.DayEndUtc(window.End);
            if (c.EndDate is { } end && end < endsAt)
            {
                endsAt = end;
            }
            decimal progress;
            decimal? contribution = null;
            bool completed;
            DateTimeOffset? completedAt;
            int percent;
            var rated = 0;
            var satisfied = 0;
            (int? Rank, int People, DateTimeOffset FinalAt)? standing = null;
            if (ChallengeRules.UsesRatings(c.ObjectiveType) && !c.IsTeamChallenge)
            {
                rated = own?.RatingCount ?? 0;
                if (c.ObjectiveType == ObjectiveType.SatisfactionRate)
                {
                    satisfied = own?.Progress ?? 0;
                    progress = ChallengeRules.SatisfactionPercent(satisfied, rated);
                }
                else
                {
                    progress = rated == 0 ? 0 : Math.Round((decimal)own!.RatingSum / rated, 2);
                }
                completed = own?.Completed ?? false;
                completedAt = own?.CompletedAt;
                // Halfway is the rated calls, the other half the average (or the share) against the target.
                var countPart = Math.Min(1m, rated / (decimal)Math.Max(1, c.MinRatedCalls));
                var valuePart = c.ObjectiveTarget <= 0 ? 1m : Math.Min(1m, progress / c.ObjectiveTarget);
                percent = completed ? 100 : (int)Math.Floor(50 * countPart + (50 * valuePart * countPart));
            }
            else if (c.ObjectiveType == ObjectiveType.LeaderboardRank)
            {
                standing = ranks[c.Id];
                var rank = standing.Value.Rank;
                progress = rank ?? 0;
                completed = own?.Completed ?? false;
                completedAt = own?.CompletedAt;
                // Inside the target: full; below it, the target's share of the rank (top 3, rank 6: 50%).
                percent = completed ? 100 : rank is not { } r ? 0 : r <= c.ObjectiveTarget ? 100 : (int)Math.Floor(100m * c.ObjectiveTarget / r);
            }
            else if (c.IsTeamChallenge)
            {
                var teamRow = teams.GetValueOrDefault(c.Id);
                progress = teamRow?.Progress ?? 0;
                contribution = own?.Progress ?? 0;
                completed = teamRow?.Completed ?? false;
                completedAt = teamRow?.CompletedAt;
                percent = Percent(progress, c.ObjectiveTarget, completed);
            }
            else
            {
                progress = own?.Progress ?? 0;
                completed = own?.Completed ?? false;
                completedAt = own?.CompletedAt;
                percent = Percent(progress, c.ObjectiveTarget, completed);
            }
            var left = endsAt - now;
            return new ChallengeProgressView(c.Id, c.Name, c.Description, c.ChallengeType, c.ObjectiveType, c.Difficulty, progress, c.ObjectiveTarget,
                c.MinRatedCalls, rated, percent, completed, completedAt, window.Start, window.End, endsAt, left < TimeSpan.Zero ? TimeSpan.Zero : left,
                c.PointsReward, c.BadgeRewardId, c.BadgeRewardId is { } b ? badgeNames.GetValueOrDefault(b) : null, c.IsTeamChallenge,
                c.IsTeamChallenge ? teamId : null, c.IsTeamChallenge ? teamName : null, contribution,
                satisfied, standing?.Rank, standing?.People ?? 0, standing?.FinalAt, c.Prize);
        }).ToList();
    }

    private static int Percent(decimal progress, int target, bool completed) =>
        completed ? 100 : target <= 0 ? 0 : (int)Math.Clamp(Math.Floor(progress * 100 / target), 0, 100);

    private async Task<List<ChallengeAdminView>> ViewsAsync(GamificationDbContext db, List<Challenge> challenges, TenantRules rules, DateOnly today, CancellationToken ct)
    {
        var zone = rules.Clock;
        var ids = challenges.Select(c => c.Id).ToList();
        // Participants: people (teams, for team challenges) with progress in a window; grouped per window in the database.
        var individual = await db.UserChallenges.AsNoTracking()
            .Where(r => EF.Parameter(ids).Contains(r.ChallengeId) && r.Progress > 0)
            .GroupBy(r => new { r.ChallengeId, r.WindowStart })
            .Select(g => new { g.Key.ChallengeId, g.Key.WindowStart, Participants = g.Count(), Completions = g.Count(r => r.Completed) })
            .ToListAsync(ct);
        var team = await db.TeamChallenges.AsNoTracking()
            .Where(r => EF.Parameter(ids).Contains(r.ChallengeId) && r.Progress > 0)
            .GroupBy(r => new { r.ChallengeId, r.WindowStart })
            .Select(g => new { g.Key.ChallengeId, g.Key.WindowStart, Participants = g.Count(), Completions = g.Count(r => r.Completed) })
            .ToListAsync(ct);
        var badgeIds = challenges.Where(c => c.BadgeRewardId is not null).Select(c => c.BadgeRewardId!.Value).Distinct().ToList();
        var badgeNames = await db.Badges.AsNoTracking().Where(b => EF.Parameter(badgeIds).Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var now = clock.GetUtcNow();

        return challenges.Select(c =>
        {
            var stats = (c.IsTeamChallenge ? team : individual).Where(s => s.ChallengeId == c.Id).ToList();
            var (first, last) = ChallengeRules.RunningDays(c, zone);
            var status = !c.IsActive || (c.EndDate is { } end && end <= now) ? ChallengeStatus.Ended
                : c.StartDate is { } start && start > now ? ChallengeStatus.Scheduled
                : ChallengeRules.WindowFor(c, today, zone) is { } w0 && !ChallengeRules.Opens(c.ChallengeType, w0, rules.Config) ? ChallengeStatus.Paused
                : ChallengeStatus.Active;
            var current = status == ChallengeStatus.Active ? ChallengeRules.WindowFor(c, today, zone) : null;
            var currentStats = current is { } w ? stats.Where(s => s.WindowStart == w.Start).ToList() : [];
            var participants = stats.Sum(s => s.Participants);
            var completions = stats.Sum(s => s.Completions);
            return new ChallengeAdminView(c.Id, c.Name, c.Description, c.ChallengeType, c.ObjectiveType, c.ObjectiveTarget, c.MinRatedCalls,
                c.PointsReward, c.BadgeRewardId, c.BadgeRewardId is { } b ? badgeNames.GetValueOrDefault(b) : null, c.Difficulty,
                first, last, c.IsTeamChallenge, c.IsActive, status, participants, completions,
                participants == 0 ? 0 : Math.Round((decimal)completions / participants, 4), ChallengeRules.TargetRate(c.Difficulty),
                current?.Start, current?.End, currentStats.Sum(s => s.Participants), currentStats.Sum(s => s.Completions),
                LastWindow: current is { } open && ChallengeRules.WindowFor(c, open.End.AddDays(1), zone) is { } after
                    && !ChallengeRules.Opens(c.ChallengeType, after, rules.Config),
                Prize: c.Prize);
        }).ToList();
    }

    /// <summary>Validates the whole input (every error at once) and copies it onto the challenge; nothing is saved on error.</summary>
    private static async Task ApplyAsync(GamificationDbContext db, Challenge challenge, ChallengeInput input, TenantClock zone, DateTimeOffset now, bool creating, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        var name = FieldChecks.Name(input.Name, "challenge", MaxNameLength, Error);
        var description = FieldChecks.Description(input.Description, MaxDescriptionLength, Error);
        var prize = input.Prize?.Trim() is { Length: > 0 } prizeText ? prizeText : null;
        if (prize is { Length: > MaxPrizeLength })
        {
            Error("prize", $"The prize is longer than {MaxPrizeLength} characters.");
        }
        else if (prize is not null && !TextRules.IsCleanText(prize))
        {
            Error("prize", TextRules.TextMessage);
        }
        var type = FieldChecks.Defined(input.Type, "type", "Choose a type: daily, weekly, monthly, seasonal or special.", Error);
        var objective = FieldChecks.Defined(input.Objective, "objective",
            "Choose an objective: total_calls, conversions, perfect_calls, quality_reviews, points_earned, avg_rating, satisfaction_rate or leaderboard_rank.", Error);
        var target = input.Target ?? 0;
        var minRated = input.MinRatedCalls ?? 0;
        if (ChallengeRules.UsesRatings(objective))
        {
            var average = objective == ObjectiveType.AvgRating;
            if (average && target is < 1 or > 5)
            {
                Error("target", "For an average rating, the target is a rating from 1 to 5.");
            }
            else if (!average && target is < 1 or > 100)
            {
                Error("target", "For a satisfaction rate, the target is a percentage from 1 to 100 (90: nine in ten rated calls rated 4 or 5).");
            }
            if (minRated is < 1 or > ChallengeRules.MaxRatedCalls)
            {
                Error("min_rated_calls",
                    $"Give the least number of rated calls before the {(average ? "average" : "rate")} counts (1 to {ChallengeRules.MaxRatedCalls:N0}).");
            }
        }
        else if (objective == ObjectiveType.LeaderboardRank)
        {
            minRated = 0;
            if (target is < 1 or > ChallengeRules.MaxRankTarget)
            {
                Error("target", $"For a leaderboard rank, the target is the rank to finish at or above: 1 to {ChallengeRules.MaxRankTarget:N0} (3: the top 3).");
            }
        }
        else
        {
            minRated = 0;
            if (target <= 0)
            {
                Error("target", "The target must be greater than 0.");
            }
            else if (target > ChallengeRules.MaxTarget)
            {
                Error("target", $"The target is at most {ChallengeRules.MaxTarget:N0}.");
            }
        }
        var reward = input.PointsReward ?? 0;
        if (reward is < 0 or > ChallengeRules.MaxPointsReward)
        {
            Error("points_reward", $"The points reward is between 0 and {ChallengeRules.MaxPointsReward:N0}.");
        }
        if (input.BadgeRewardId is { } badgeId && !await db.Badges.AnyAsync(b => b.Id == badgeId && b.IsActive, ct))
        {
            Error("badge_reward_id", "The reward badge was not found among this tenant's active badges.");
        }
        var difficulty = FieldChecks.Defined(input.Difficulty, "difficulty", "Choose a difficulty: easy, medium or hard.", Error);
        var team = input.IsTeamChallenge ?? false;
        if (team && objective == ObjectiveType.AvgRating)
        {
            Error("is_team_challenge", "An average rating is not a sum over a team's members; make it an individual challenge.");
        }
        else if (team && objective == ObjectiveType.SatisfactionRate)
        {
            Error("is_team_challenge", "A satisfaction rate is not a sum over a team's members; make it an individual challenge.");
        }
        else if (team && objective == ObjectiveType.LeaderboardRank)
        {
            Error("is_team_challenge", "A leaderboard rank ranks each person on the tenant's leaderboard; make it an individual challenge.");
        }
        if (!creating && !errors.ContainsKey("objective")
            && (challenge.ObjectiveType == ObjectiveType.LeaderboardRank) != (objective == ObjectiveType.LeaderboardRank))
        {
            Error("objective", "A challenge cannot change to or from a leaderboard rank (ranks are paid when a window closes, other objectives as events "
                + "arrive): end this one and create a new challenge.");
        }

        var today = zone.LocalDay(now);
        DateTimeOffset? startDate = challenge.StartDate;

        // Progress is counted as events arrive, never rebuilt from history: a challenge counts from its first day or
        // from now, whichever is later (a start already running when edited keeps its moment).
        DateTimeOffset CountsFrom(DateTimeOffset dayStart) =>
            dayStart >= now ? dayStart
            : !creating && challenge.StartDate is { } kept && zone.LocalDay(kept) == zone.LocalDay(dayStart) ? kept
            : now;
        DateTimeOffset? endDate = challenge.EndDate;
        if (type == ChallengeType.Special)
        {
            if (input.StartDay is not { } startDay || input.EndDay is not { } endDay)
            {
                Error(input.StartDay is null ? "start_day" : "end_day", "A special challenge needs a start and an end date.");
            }
            else if (endDay < startDay)
            {
                Error("end_day", "The end date is before the start date.");
            }
            else if (endDay < today)
            {
                Error("end_day", "The end date is in the past.");
            }
            else if (endDay.DayNumber - startDay.DayNumber > 366)
            {
                Error("end_day", "A special challenge runs at most a year.");
            }
            else
            {
                startDate = CountsFrom(zone.DayStartUtc(startDay));
                endDate = zone.DayEndUtc(endDay);
            }
        }
        else
        {
            if (input.EndDay is { } endDay && (input.StartDay ?? today) > endDay)
            {
                Error("end_day", "The end date is before the start date.");
            }
            else
            {
                // Recurring: counts from its first day (default: from now) until its optional last day.
                startDate = input.StartDay is { } startDay ? CountsFrom(zone.DayStartUtc(startDay)) : creating ? now : challenge.StartDate;
                endDate = input.EndDay is { } end ? zone.DayEndUtc(end) : null;
            }
        }

        FieldChecks.ThrowIfAny(errors, "challenge");
        challenge.Name = name;
        challenge.Description = description;
        challenge.ChallengeType = type;
        challenge.ObjectiveType = objective;
        challenge.ObjectiveTarget = target;
        challenge.MinRatedCalls = minRated;
        challenge.PointsReward = reward;
        challenge.BadgeRewardId = input.BadgeRewardId;
        challenge.Difficulty = difficulty;
        challenge.IsTeamChallenge = team;
        challenge.Prize = prize;
        challenge.StartDate = startDate;
        challenge.EndDate = endDate;
    }
}
