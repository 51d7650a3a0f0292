namespace Gamification.Core.Levels;

/// <summary>A level as admins edit it: its name, tier, threshold, privileges and the badge reaching it awards.</summary>
/// <param name="PointsRequired">Points from the previous level's threshold to this one (0 for level 1).</param>
/// <param name="People">Agents at this level now.</param>
public sealed record LevelView(
    int Level,
    string Name,
    string Tier,
    long PointsTotalRequired,
    long PointsRequired,
    string Privileges,
    string Icon,
    LevelBadge? Badge,
    int People);

/// <summary>The badge a level awards: an active badge whose requirement is reaching that level.</summary>
public sealed record LevelBadge(long Id, string Name);

/// <summary>One level of an edit; every level is sent, each once (levels are neither added nor removed here).</summary>
/// <param name="BadgeId">The badge reaching this level awards; null keeps the level's badges as they are.</param>
public sealed record LevelInput(int Level, string? Name, string? Tier, long? PointsTotalRequired, string? Privileges, long? BadgeId = null);

/// <summary>
/// The tenant's levels (RULES.md, Levels; docs/rules.md, Editing levels): admins rename them, move their thresholds
/// (level 1 at 0, strictly increasing), set their tier, privileges text and badge. A change applies from the next
/// award: nobody is demoted, and people whose lifetime points already pass a lowered threshold reach it with their
/// next points.
/// </summary>
public sealed class LevelService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock, ILogger<LevelService> logger)
{
    public const int MaxNameLength = 50;
    public const int MaxTierLength = 30;
    public const int MaxPrivilegesLength = 1000;
    public const long MaxThreshold = 1_000_000_000_000;

    public async Task<IReadOnlyList<LevelView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ViewsAsync(db, ct);
    }

    /// <summary>Saves every level at once, or nothing.</summary>
    /// <exception cref="DomainException">Validation (400) with a message per field, e.g. <c>levels[2].points_total_required</c>.</exception>
    public async Task<IReadOnlyList<LevelView>> UpdateAsync(IReadOnlyList<LevelInput> input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var levels = await db.PlayerLevels.OrderBy(l => l.LevelNumber).ToListAsync(ct);
        var badgeIds = input.Where(i => i?.BadgeId is not null).Select(i => i.BadgeId!.Value).Distinct().ToList();
        var badges = await db.Badges.Where(b => EF.Parameter(badgeIds).Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);

        var errors = Validate(input, levels, badges);
        if (errors.Count > 0)
        {
            throw new DomainException(DomainErrorKind.Validation, "The levels were not saved: fix the fields marked.", errors);
        }

        var before = Audited(levels);
        long previous = 0;
        foreach (var level in levels)
        {
            var change = input.Single(i => i.Level == level.LevelNumber);
            level.Name = change.Name!.Trim();
            level.Tier = change.Tier!.Trim();
            level.Icon = StarterCatalog.IconOfTier(level.Tier);
            level.PointsTotalRequired = change.PointsTotalRequired!.Value;
            level.PointsRequired = level.LevelNumber == 1 ? 0 : level.PointsTotalRequired - previous;
            level.UnlockPrivileges = change.Privileges?.Trim() ?? "";
            previous = level.PointsTotalRequired;
            if (change.BadgeId is { } badgeId)
            {
                // The badge becomes the one reaching this level awards (people already past the level earn it with their next points).
                var badge = badges[badgeId];
                badge.RequirementType = BadgeRequirement.Level;
                badge.RequirementValue = level.LevelNumber;
            }
        }
        db.Record(clock.GetUtcNow(), AuditKind.LevelsChanged, "levels", null, "Changed the levels", before, Audited(levels));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Levels of tenant {TenantId} changed at {At}", db.TenantId, clock.GetUtcNow());
        return await ViewsAsync(db, ct);
    }

    /// <summary>What the audit trail records of the levels: one field per level ("level_3"), so an edit keeps only the levels it changed.</summary>
    private static Dictionary<string, object> Audited(List<PlayerLevel> levels) =>
        levels.ToDictionary(l => $"level_{l.LevelNumber}", l => (object)new { l.Name, l.Tier, l.PointsTotalRequired, Privileges = l.UnlockPrivileges });

    private static Dictionary<string, string[]> Validate(IReadOnlyList<LevelInput> input, List<PlayerLevel> levels, Dictionary<long, Badge> badges)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors.TryAdd(field, [message]);

        var numbers = levels.Select(l => l.LevelNumber).ToList();
        if (input.Any(i => i is null) || input.Count != numbers.Count || !input.Select(i => i.Level).Order().SequenceEqual(numbers))
        {
            Error("levels", $"Send every level once: levels {string.Join(", ", numbers)}.");
            return errors;
        }
        long? previous = null;
        foreach (var level in input.OrderBy(l => l.Level))
        {
            var at = $"levels[{level.Level}]";
            var name = level.Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                Error($"{at}.name", $"Give level {level.Level} a name.");
            }
            else if (name.Length > MaxNameLength)
            {
                Error($"{at}.name", $"The name of level {level.Level} is longer than {MaxNameLength} characters.");
            }
            else if (!TextRules.IsCleanName(name))
            {
                Error($"{at}.name", TextRules.NameMessage);
            }
            var tier = level.Tier?.Trim() ?? "";
            if (tier.Length == 0)
            {
                Error($"{at}.tier", $"Give level {level.Level} a tier (Bronze, Silver, Gold, Legend or your own).");
            }
            else if (tier.Length > MaxTierLength)
            {
                Error($"{at}.tier", $"The tier of level {level.Level} is longer than {MaxTierLength} characters.");
            }
            else if (!TextRules.IsCleanName(tier))
            {
                Error($"{at}.tier", TextRules.NameMessage);
            }
            var privileges = level.Privileges?.Trim() ?? "";
            if (privileges.Length > MaxPrivilegesLength)
            {
                Error($"{at}.privileges", $"The privileges of level {level.Level} are longer than {MaxPrivilegesLength} characters.");
            }
            else if (!TextRules.IsCleanText(privileges))
            {
                Error($"{at}.privileges", TextRules.TextMessage);
            }
            if (level.PointsTotalRequired is not { } threshold)
            {
                Error($"{at}.points_total_required", $"Give the lifetime points at which level {level.Level} starts.");
            }
            else if (level.Level == numbers[0] && threshold != 0)
            {
                Error($"{at}.points_total_required", $"Level {level.Level} starts at 0 points: everyone has it.");
            }
            else if (threshold is < 0 or > MaxThreshold)
            {
                Error($"{at}.points_total_required", $"A threshold is between 0 and {MaxThreshold:N0} points.");
            }
            else if (previous is { } before && threshold <= before)
            {
                Error($"{at}.points_total_required", $"Level {level.Level} must start above level {level.Level - 1} ({before:N0} points).");
            }
            previous = level.PointsTotalRequired ?? previous;
            if (level.BadgeId is { } badgeId && (!badges.TryGetValue(badgeId, out var badge) || !badge.IsActive))
            {
                Error($"{at}.badge_id", $"There is no active badge {badgeId} in this tenant.");
            }
        }
        if (input.Where(i => i.BadgeId is not null).GroupBy(i => i.BadgeId).Any(g => g.Count() > 1))
        {
            Error("levels", "A badge can be the badge of one level only.");
        }
        return errors;
    }

    private static async Task<IReadOnlyList<LevelView>> ViewsAsync(GamificationDbContext db, CancellationToken ct)
    {
        var levels = await db.PlayerLevels.AsNoTracking().OrderBy(l => l.LevelNumber).ToListAsync(ct);
        var badges = await db.Badges.AsNoTracking()
            .Where(b => b.IsActive && b.RequirementType == BadgeRequirement.Level)
            .OrderBy(b => b.Id)
            .Select(b => new { b.Id, b.Name, b.RequirementValue })
            .ToListAsync(ct);
        // Agents per level, counted in the database (agents without a level row are at level 1).
        var agents = await (from u in db.Users.AsNoTracking()
                            where u.IsActive && u.ExternalId != null
                            join l in db.UserLevels.AsNoTracking() on u.Id equals l.UserId into ls
                            from l in ls.DefaultIfEmpty()
                            group u by l == null ? 1 : l.LevelNumber into g
                            select new { Level = g.Key, People = g.Count() }).ToDictionaryAsync(g => g.Level, g => g.People, ct);
        return levels.Select(l => new LevelView(
            l.LevelNumber, l.Name, l.Tier, l.PointsTotalRequired, l.PointsRequired, l.UnlockPrivileges, l.Icon,
            badges.FirstOrDefault(b => b.RequirementValue == l.LevelNumber) is { } b ? new LevelBadge(b.Id, b.Name) : null,
            agents.GetValueOrDefault(l.LevelNumber))).ToList();
    }
}
