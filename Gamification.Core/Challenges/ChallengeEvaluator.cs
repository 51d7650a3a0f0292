using System.Linq.Expressions;

namespace Gamification.Core.Challenges;

/// <summary>
/// Challenges inside one unit of work (RULES.md, Challenges): after an activity, counts the challenge windows the event
/// falls in (the person's row and the team's), completes them and pays them, in the same transaction; a completed
/// challenge's badge is paid through the unit's <see cref="BadgeEvaluator"/>. Nothing is scanned: the tenant's active
/// challenges are read once per unit, and only the rows of the windows the unit's events fall in, once per user and
/// team. At most once is guaranteed twice over: the unit holds its users' locks, and (user, challenge, window), (team,
/// challenge, window) and the ledger's reward source are unique in the database.
/// </summary>
internal sealed class ChallengeEvaluator(IUnitLedger unit, BadgeEvaluator badges) : IUnitEvaluator
{
    private readonly UnitUserReads reads = new(unit);
    private readonly HashSet<long> loadedTeams = [];
    private readonly Dictionary<(string UserId, long ChallengeId, DateOnly Start), Row<UserChallenge>> userRows = [];
    private readonly Dictionary<(long TeamId, long ChallengeId, DateOnly Start), Row<TeamChallenge>> teamRows = [];
    private readonly Dictionary<(long ChallengeId, DateOnly Day), ChallengeWindow?> windows = [];
    private readonly List<string> loadedUsers = [];
    private List<Challenge>? challenges;
    private List<DateOnly>? openStarts;
    private List<DateOnly>? eventDays;
    private bool settled;

    public bool HasChanges => userRows.Values.Any(r => r.Dirty) || teamRows.Values.Any(r => r.Dirty);

    /// <summary>The local days of the events this unit will record: their challenge windows are read in one query.</summary>
    public void ExpectEventDays(IReadOnlyCollection<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (challenges is not null)
        {
            throw new InvalidOperationException("Name the event days before the first event is scored.");
        }
        eventDays = days.Distinct().ToList();
    }

    /// <summary>An activity event was scored for <paramref name="user"/>: counts it in the windows it falls in and completes them.</summary>
    public async Task OnActivityAsync(UserState user, ActivityInput input, DateTimeOffset occurredAt, DateOnly day, long awarded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await LoadAsync([user.UserId], ct);
        foreach (var challenge in challenges!)
        {
            var added = ChallengeRules.Contribution(challenge.ObjectiveType, input.Type, input.Rating, awarded);
            if (!ChallengeRules.Moves(challenge.ObjectiveType, input.Type, input.Rating, awarded)
                || !ChallengeRules.Counts(challenge, occurredAt) || WindowOf(challenge, day) is not { } window)
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
                    await CompleteAsync(user, row, challenge, window, ct);
                }
            }
        }
    }

    /// <summary>
    /// The rank job: settles a window of a leaderboard_rank challenge whose ranks are final. Everyone on the window's
    /// board gets the window's row (progress: their points in it), and those ranked within the target are paid as any
    /// completion is, once: a row already completed (by this job on another instance, or a run before) is left as it
    /// is. The people to pay must be held by the unit. Returns how many were paid.
    /// </summary>
    public async Task<int> SettleRanksAsync(Challenge challenge, ChallengeWindow window, IReadOnlyList<RankedPerson> board, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(board);
        var tenantId = unit.TenantId;
        var challengeId = challenge.Id;
        var start = window.Start;
        settled = true;
        // Read inside the unit's transaction: a settlement committed meanwhile is seen here, and the unique indexes on
        // (user, challenge, window) and on the ledger's reward source stop any that is not.
        var rows = await unit.Db.UserChallenges.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.ChallengeId == challengeId && c.WindowStart == start)
            .ToListAsync(ct);
        foreach (var r in rows)
        {
            userRows.TryAdd((r.UserId, r.ChallengeId, r.WindowStart), new Row<UserChallenge>(r, isNew: false));
        }
        var paid = 0;
        foreach (var person in board)
        {
            var row = UserRow(person.UserId, challenge, window);
            if (row.Entity.Completed)
            {
                continue;
            }
            if (row.IsNew)
            {
                row.Entity.Progress = (int)Math.Clamp(person.Points, 0, int.MaxValue);
                row.Dirty = true;
            }
            if (person.Rank <= challenge.ObjectiveTarget && unit.Find(person.UserId) is { IsActive: true } user)
            {
                await CompleteAsync(user, row, challenge, window, ct, person.Rank);
                paid++;
            }
        }
        return paid;
    }

    /// <summary>An award outside activity counts in no challenge.</summary>
    public Task OnAwardAsync(UserState user, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The challenge's window on a local day, computed once per unit (time-zone conversions are not free).</summary>
    private ChallengeWindow? WindowOf(Challenge challenge, DateOnly day)
    {
        if (!windows.TryGetValue((challenge.Id, day), out var window))
        {
            window = ChallengeRules.OpenWindowFor(challenge, day, new TenantRules(unit.Clock, unit.Config));
            windows[(challenge.Id, day)] = window;
        }
        return window;
    }

    private static void AddProgress(Row<UserChallenge> row, ActivityInput input, int added)
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
    /// <param name="rank">For a leaderboard_rank window: the rank it finished at (named in the reason and the notice).</param>
    private async Task CompleteAsync(UserState user, Row<UserChallenge> row, Challenge challenge, ChallengeWindow window, CancellationToken ct, int? rank = null)
    {
        row.Entity.Completed = true;
        row.Entity.CompletedAt = unit.Now;
        row.Dirty = true;
        user.Points.ChallengesCompleted++;
        user.Dirty = true;
        var reason = rank is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"Challenge completed: {challenge.Name} (rank {r}, {window.Start:yyyy-MM-dd} to {window.End:yyyy-MM-dd})")
            : $"Challenge completed: {challenge.Name}";
        if (challenge.PointsReward > 0)
        {
            unit.PostReward(user, TransactionType.ChallengeReward, challenge.PointsReward, reason, TransactionSource.Challenge,
                ChallengeRules.RewardSource(challenge.Id, window.Start));
        }
        unit.AddAchievement(user, AchievementKind.ChallengeCompleted, reason, new
        {
            challenge_id = challenge.Id,
            window_start = window.Start,
            window_end = window.End,
            points = challenge.PointsReward,
            team = challenge.IsTeamChallenge,
        });
        // In English, with the rank and team it is written from: the reader's page renders it in their language.
        user.AddNotice(new AchievementNotice(AchievementKind.ChallengeCompleted, challenge.Name,
            AchievementText.ChallengeCompleted(challenge.Name, rank, challenge.IsTeamChallenge, CultureInfo.InvariantCulture), challenge.PointsReward)
        {
            Figures = new AchievementFigures(Rank: rank, Team: challenge.IsTeamChallenge),
        });
        await badges.OnChallengeCompletedAsync(user, challenge.BadgeRewardId, reason, ct);
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
                await CompleteAsync(member, row, challenge, window, ct);
            }
        }
    }

    private Row<UserChallenge> UserRow(string userId, Challenge challenge, ChallengeWindow window) =>
        RowFor(userRows, (userId, challenge.Id, window.Start), () => new UserChallenge
        {
            TenantId = unit.TenantId,
            UserId = userId,
            ChallengeId = challenge.Id,
            WindowStart = window.Start,
            WindowEnd = window.End,
        });

    /// <summary>The row held for <paramref name="key"/>, or a new one (written at flush if it moves).</summary>
    private static Row<T> RowFor<TKey, T>(Dictionary<TKey, Row<T>> rows, TKey key, Func<T> create)
        where TKey : notnull
    {
        if (!rows.TryGetValue(key, out var row))
        {
            row = new Row<T>(create(), isNew: true);
            rows[key] = row;
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
        return RowFor(teamRows, (teamId, challenge.Id, window.Start), () => new TeamChallenge
        {
            TenantId = unit.TenantId,
            TeamId = teamId,
            ChallengeId = challenge.Id,
            WindowStart = window.Start,
            WindowEnd = window.End,
        });
    }

    /// <summary>Reads, once per unit, the tenant's active challenges and, once per user, their rows of the windows this unit's events fall in.</summary>
    private async Task LoadAsync(IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var tenantId = unit.TenantId;
        var db = unit.Db;
        if (challenges is null)
        {
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
        var missing = reads.Take(userIds);
        if (missing.Count == 0 || challenges.Count == 0)
        {
            return;
        }
        loadedUsers.AddRange(missing);
        // What this instance's last unit for a user left, while nothing else has moved the user since (UnitMemory).
        var starts = openStarts!;
        if (unit.Memory is { } memory)
        {
            missing = missing.Where(id => !Recall(memory, id, starts)).ToList();
            if (missing.Count == 0)
            {
                return;
            }
        }
        // Only the windows an event of this unit can count in: one index seek per (user, window start). Only the columns
        // the unit reads or writes (see UserWritten): the window's end and the prize hand-out stay as stored.
        var rows = await db.UserChallenges.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == tenantId && EF.Parameter(missing).Contains(c.UserId) && EF.Parameter(starts).Contains(c.WindowStart))
            .Select(ReadColumns)
            .ToListAsync(ct);
        foreach (var r in rows)
        {
            userRows.TryAdd((r.UserId, r.ChallengeId, r.WindowStart), new Row<UserChallenge>(r, isNew: false));
        }
    }

    /// <summary>
    /// Takes the user's rows of the unit's open windows from what the instance remembers, when it remembers every window
    /// the unit needs; each row is a copy (the unit changes it; the memory keeps what was committed).
    /// </summary>
    private bool Recall(UnitMemory memory, string userId, List<DateOnly> starts)
    {
        if (unit.Find(userId) is not { } user || memory.Recall<RememberedRows>(unit, user) is not { } remembered
            || !starts.TrueForAll(remembered.Starts.Contains))
        {
            return false;
        }
        foreach (var r in remembered.Rows)
        {
            if (starts.Contains(r.WindowStart))
            {
                userRows.TryAdd((userId, r.ChallengeId, r.WindowStart), new Row<UserChallenge>(Copy(r), isNew: false));
            }
        }
        return true;
    }

    /// <summary>
    /// The unit committed: remembers, for each user it read, their rows of the unit's open windows as written. A user
    /// who got a new row is forgotten instead (its key is not read back), and so is everyone after a rank settlement
    /// (it writes the rows of people the unit does not hold).
    /// </summary>
    public void OnCommitted()
    {
        if (unit.Memory is not { } memory || loadedUsers.Count == 0)
        {
            return;
        }
        if (settled)
        {
            memory.ForgetTenant(unit.TenantId);
            return;
        }
        var starts = openStarts!.ToArray();
        var byUser = userRows.Values.Where(r => !r.IsNew || r.Dirty).ToLookup(r => r.Entity.UserId, StringComparer.Ordinal);
        foreach (var userId in loadedUsers)
        {
            var rows = byUser[userId].ToList();
            if (unit.Find(userId) is not { } user || rows.Exists(r => r.IsNew))
            {
                memory.Forget<RememberedRows>(unit.TenantId, userId);
                continue;
            }
            memory.Remember(unit, user, new RememberedRows(starts, rows.ConvertAll(r => r.Entity).ToArray()));
        }
    }

    /// <summary>
    /// The columns a unit reads of a user's challenge row: those it writes back (<see cref="UserWritten"/>), its key and
    /// owners; the window's end and the prize hand-out stay as stored. The query's projection, and the copy a remembered
    /// row is recalled as.
    /// </summary>
    private static readonly Expression<Func<UserChallenge, UserChallenge>> ReadColumns = c => new UserChallenge
    {
        Id = c.Id,
        TenantId = c.TenantId,
        UserId = c.UserId,
        ChallengeId = c.ChallengeId,
        WindowStart = c.WindowStart,
        Progress = c.Progress,
        RatingSum = c.RatingSum,
        RatingCount = c.RatingCount,
        Completed = c.Completed,
        CompletedAt = c.CompletedAt,
        Version = c.Version,
    };

    private static readonly Func<UserChallenge, UserChallenge> Copy = ReadColumns.Compile();

    /// <summary>A user's rows of the windows starting on <see cref="Starts"/>, as a committed unit left them (no row: none in the database).</summary>
    private sealed record RememberedRows(DateOnly[] Starts, UserChallenge[] Rows);

    /// <summary>What a unit changes in an existing row: its progress and completion (and version); nothing else is written back.</summary>
    private static readonly string[] UserWritten =
        [nameof(UserChallenge.Progress), nameof(UserChallenge.RatingSum), nameof(UserChallenge.RatingCount), nameof(UserChallenge.Completed), nameof(UserChallenge.CompletedAt)];

    private static readonly string[] TeamWritten = [nameof(TeamChallenge.Progress), nameof(TeamChallenge.Completed), nameof(TeamChallenge.CompletedAt)];

    /// <summary>Writes the challenge rows that changed (each checked against the version it was read with).</summary>
    public async Task FlushAsync(GamificationDbContext db, CancellationToken ct)
    {
        await WriteAsync(db, userRows.Values, UserWritten, r => r.Version, (r, v) => r.Version = v, ct);
        await WriteAsync(db, teamRows.Values, TeamWritten, r => r.Version, (r, v) => r.Version = v, ct);
    }

    private static async Task WriteAsync<T>(GamificationDbContext db, IEnumerable<Row<T>> rows, IReadOnlyCollection<string> written,
        Func<T, long> version, Action<T, long> setVersion, CancellationToken ct)
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
            await using var update = new RowUpdater<T>(db, written);
            var writes = new List<(T, object?)>(changed.Count);
            foreach (var row in changed)
            {
                var original = version(row.Entity);
                setVersion(row.Entity, original + 1);
                writes.Add((row.Entity, original));
            }
            await update.UpdateAllAsync(writes, ct);
        }
    }

    private sealed class Row<T>(T entity, bool isNew)
    {
        public T Entity { get; } = entity;
        public bool IsNew { get; } = isNew;
        public bool Dirty { get; set; }
    }
}
