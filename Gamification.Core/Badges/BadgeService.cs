using System.Text.RegularExpressions;

namespace Gamification.Core.Badges;

/// <summary>
/// The tenant's badge catalog (admins: list, create, edit, deactivate, upload icons, award by hand) and the agents'
/// view of it (earned badges, progress toward the rest). Reads go through the current tenant's filter.
/// Automatic awards happen inside the points engine, in the same transaction as the change that earns them.
/// </summary>
public sealed partial class BadgeService(IDbContextFactory<GamificationDbContext> dbFactory, PointsEngine engine, TimeProvider clock)
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    [GeneratedRegex("^[a-z0-9][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    public async Task<IReadOnlyList<BadgeView>> ListAsync(BadgeFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var badges = db.Badges.AsNoTracking();
        if (!filter.IncludeInactive)
        {
            badges = badges.Where(b => b.IsActive);
        }
        if (filter.Category is { } category)
        {
            badges = badges.Where(b => b.Category == category);
        }
        if (filter.Rarity is { } rarity)
        {
            badges = badges.Where(b => b.Rarity == rarity);
        }
        var rows = await badges.OrderBy(b => b.Category).ThenBy(b => b.RequirementType).ThenBy(b => b.RequirementValue).ThenBy(b => b.Name).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // A tenant's catalog is tens to hundreds of badges: searched here, the same on every provider and collation.
            var term = filter.Search.Trim();
            rows = rows.Where(b => b.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || b.Code.Contains(term, StringComparison.OrdinalIgnoreCase)
                || b.Description.Contains(term, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        var counts = await EarnedCountsAsync(db, rows.Select(b => b.Id).ToList(), ct);
        return rows.Select(b => View(b, counts.GetValueOrDefault(b.Id))).ToList();
    }

    /// <exception cref="DomainException">Not in the current tenant (404).</exception>
    public async Task<BadgeView> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var badge = await db.Badges.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw DomainException.NotFound("The badge");
        var counts = await EarnedCountsAsync(db, [id], ct);
        return View(badge, counts.GetValueOrDefault(id));
    }

    /// <exception cref="DomainException">Validation (400) with a message per field.</exception>
    public async Task<BadgeView> CreateAsync(BadgeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var badge = new Badge { TenantId = db.TenantId, CreatedAt = clock.GetUtcNow(), IsActive = input.IsActive ?? true };
        await ApplyAsync(db, badge, input, ct);
        await db.AtomicallyAsync(async () =>
        {
            db.Badges.Add(badge);
            await SaveAsync(db, ct);
            db.Record(badge.CreatedAt, AuditKind.BadgeCreated, "badge", badge.Id.ToString(CultureInfo.InvariantCulture),
                $"Created the badge {badge.Name}", null, Audited(badge));
            return true;
        }, ct);
        return View(badge, 0);
    }

    /// <summary>Edits a badge; those who earned it keep it.</summary>
    public async Task<BadgeView> UpdateAsync(long id, BadgeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var badge = await db.Badges.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw DomainException.NotFound("The badge");
        var before = Audited(badge);
        await ApplyAsync(db, badge, input, ct);
        if (input.IsActive is { } active)
        {
            badge.IsActive = active;
        }
        db.Record(clock.GetUtcNow(), AuditKind.BadgeChanged, "badge", badge.Id.ToString(CultureInfo.InvariantCulture),
            $"Changed the badge {badge.Name}", before, Audited(badge));
        await SaveAsync(db, ct);
        var counts = await EarnedCountsAsync(db, [id], ct);
        return View(badge, counts.GetValueOrDefault(id));
    }

    /// <summary>Deactivates (or reactivates) a badge: no new awards while inactive; earned ones stay.</summary>
    public async Task<BadgeView> SetActiveAsync(long id, bool active, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var badge = await db.Badges.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw DomainException.NotFound("The badge");
        var before = Audited(badge);
        badge.IsActive = active;
        db.Record(clock.GetUtcNow(), AuditKind.BadgeChanged, "badge", badge.Id.ToString(CultureInfo.InvariantCulture),
            $"{(active ? "Reactivated" : "Deactivated")} the badge {badge.Name}", before, Audited(badge));
        await db.SaveChangesAsync(ct);
        var counts = await EarnedCountsAsync(db, [id], ct);
        return View(badge, counts.GetValueOrDefault(id));
    }

    /// <summary>Stores an uploaded icon after checking its size and type by its bytes; returns the icon value to put on a badge.</summary>
    /// <exception cref="DomainException">Empty, larger than <see cref="BadgeIcons.MaxImageBytes"/>, or not a PNG, JPEG, GIF or WebP image (400).</exception>
    public async Task<string> SaveImageAsync(Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > BadgeIcons.MaxImageBytes)
            {
                throw DomainException.Invalid("file", $"The image is larger than {BadgeIcons.MaxImageBytes / 1024} KiB; use a smaller one.");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw DomainException.Invalid("file", "The file is empty.");
        }
        var bytes = buffer.ToArray();
        var type = BadgeIcons.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 16)))
            ?? throw DomainException.Invalid("file", "The file is not a PNG, JPEG, GIF or WebP image.");
        if (BadgeIcons.SizeProblem(bytes, type) is { } problem)
        {
            throw DomainException.Invalid("file", problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var image = new BadgeImage { TenantId = db.TenantId, ContentType = type, Content = bytes, CreatedAt = clock.GetUtcNow() };
        db.BadgeImages.Add(image);
        await db.SaveChangesAsync(ct);
        return BadgeIcons.ForImage(image.Id);
    }

    public async Task<BadgeImageData?> GetImageAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BadgeImages.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new BadgeImageData(i.Id, i.ContentType, i.Content))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<EarnedBadge>> EarnedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.TenantId == db.TenantId, ct))
        {
            throw DomainException.NotFound("The user");
        }
        var rows = await db.UserBadges.AsNoTracking()
            .Where(ub => ub.UserId == userId)
            .Join(db.Badges, ub => ub.BadgeId, b => b.Id, (ub, b) => new { ub.EarnedAt, ub.Reason, Badge = b })
            .ToListAsync(ct);
        var zone = await TenantRules.LoadClockAsync(db, db.TenantId, ct);
        return rows
            .OrderByDescending(r => r.EarnedAt).ThenBy(r => r.Badge.Name, StringComparer.Ordinal)
            .Select(r => new EarnedBadge(r.Badge.Id, r.Badge.Code, r.Badge.Name, r.Badge.Description, r.Badge.Category, r.Badge.Rarity,
                r.Badge.Icon, r.Badge.PointsReward, zone.ToLocal(r.EarnedAt), r.Reason))
            .ToList();
    }

    /// <summary>Every active badge (and inactive ones the user earned) with the user's progress: earned first (newest first), then locked by closeness.</summary>
    public async Task<IReadOnlyList<BadgeProgress>> AvailableAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.TenantId == db.TenantId, ct))
        {
            throw DomainException.NotFound("The user");
        }
        var tenantId = db.TenantId;
        var earned = await db.UserBadges.AsNoTracking().Where(ub => ub.UserId == userId)
            .ToDictionaryAsync(ub => ub.BadgeId, ub => ub.EarnedAt, ct);
        var earnedIds = earned.Keys.ToList();
        var badges = await db.Badges.AsNoTracking().Where(b => b.IsActive || earnedIds.Contains(b.Id)).ToListAsync(ct);
        var points = await db.UserPoints.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct) ?? new UserPoints { UserId = userId };
        var level = await db.UserLevels.AsNoTracking().Where(l => l.UserId == userId).Select(l => (int?)l.LevelNumber).FirstOrDefaultAsync(ct) ?? 1;
        var (zone, config) = await TenantRules.LoadAsync(db, tenantId, ct);
        var today = zone.LocalDay(clock.GetUtcNow());
        var live = PointsRules.LiveStreak(points.StreakDays, points.LastActiveDate, today, config);
        var counters = BadgeCounters.From(points, level, live) with { CallsToday = points.DailyDate == today ? points.CallsToday : 0 };

        var items = badges.Select(b =>
        {
            var has = earned.TryGetValue(b.Id, out var when);
            var target = BadgeRules.IsCounter(b.RequirementType) ? Math.Max(1, b.RequirementValue) : 1;
            var progress = has ? target : (int)Math.Min(BadgeRules.IsCounter(b.RequirementType) ? BadgeRules.CounterOf(b.RequirementType, counters) : 0, target);
            var needed = has ? "Earned" : BadgeRules.Needed(b.RequirementType, b.RequirementValue, BadgeRules.CounterOf(b.RequirementType, counters));
            return new BadgeProgress(b.Id, b.Code, b.Name, b.Description, b.Category, b.Rarity, b.RequirementType, b.RequirementValue, b.Icon,
                b.PointsReward, has, has ? zone.ToLocal(when) : null, progress, target, progress * 100 / target, needed);
        });
        return items
            .OrderByDescending(p => p.Earned)
            .ThenByDescending(p => p.Earned ? p.EarnedDate!.Value.UtcTicks : p.ProgressPercent)
            .ThenBy(p => p.Rarity)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An admin awards a badge by hand with a reason; its points are paid through the engine.</summary>
    /// <exception cref="DomainException">Unknown badge or user (404), inactive badge or missing reason (400), already earned (409).</exception>
    /// <param name="reason">Why; when null, "Awarded by {the admin's name}" (the guide's award body has only user_id).</param>
    public async Task<BadgeAwardResult> AwardAsync(long badgeId, string userId, string? reason, string? adminUserId, CancellationToken ct = default)
    {
        Guid tenantId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            tenantId = db.TenantId;
            if (!await db.Badges.AnyAsync(b => b.Id == badgeId, ct))
            {
                throw DomainException.NotFound("The badge");
            }
            if (reason is null)
            {
                var admin = adminUserId is null ? null
                    : await db.Users.AsNoTracking().Where(u => u.Id == adminUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                reason = $"Awarded by {admin ?? "an administrator"}";
            }
        }
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw DomainException.Invalid("user_id", "Choose the person to award the badge to.");
        }
        return await new BadgeAwards(engine).AwardBadgeAsync(tenantId, badgeId, userId, reason, adminUserId, ct);
    }

    /// <summary>What the audit trail records of a badge (before and after an edit).</summary>
    private static object Audited(Badge b) => new
    {
        b.Code,
        b.Name,
        b.Description,
        b.Category,
        b.Rarity,
        b.RequirementType,
        b.RequirementValue,
        b.PointsReward,
        b.Icon,
        b.IsActive,
    };

    private static BadgeView View(Badge b, int earnedCount) =>
        new(b.Id, b.Code, b.Name, b.Description, b.Category, b.Rarity, b.RequirementType, b.RequirementValue, b.PointsReward, b.Icon,
            b.IsActive, earnedCount, b.CreatedAt);

    private static async Task<Dictionary<long, int>> EarnedCountsAsync(GamificationDbContext db, List<long> ids, CancellationToken ct) =>
        await db.UserBadges.AsNoTracking()
            .Where(ub => EF.Parameter(ids).Contains(ub.BadgeId))
            .GroupBy(ub => ub.BadgeId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>Validates the whole input (every error at once) and copies it onto the badge; nothing is saved on error.</summary>
    private static async Task ApplyAsync(GamificationDbContext db, Badge badge, BadgeInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        if (code.Length == 0)
        {
            Error("code", "Give the badge a code (lowercase letters, digits and _), e.g. century_club.");
        }
        else if (code.Length > MaxCodeLength || !CodePattern().IsMatch(code))
        {
            Error("code", $"The code uses lowercase letters, digits and _ only, starts with a letter or digit, and is at most {MaxCodeLength} characters.");
        }
        else if (await db.Badges.AnyAsync(b => b.Code == code && b.Id != badge.Id, ct))
        {
            Error("code", $"Another badge already uses the code '{code}'.");
        }

        var name = FieldChecks.Name(input.Name, "badge", MaxNameLength, Error);
        var description = FieldChecks.Description(input.Description, MaxDescriptionLength, Error);
        var category = FieldChecks.Defined(input.Category, "category", "Choose a category: milestone, skill, behavior, performance or social.", Error);
        var rarity = FieldChecks.Defined(input.Rarity, "rarity", "Choose a rarity: common, uncommon, rare, epic or legendary.", Error);
        var value = input.RequirementValue ?? (input.RequirementType == BadgeRequirement.Manual ? 1 : 0);
        if (input.RequirementType is not { } requirement || !Enum.IsDefined(requirement))
        {
            Error("requirement_type", "Choose what earns the badge (a known requirement type).");
            requirement = default;
        }
        else if (requirement == BadgeRequirement.Manual)
        {
            value = Math.Max(1, value);
        }
        else if (value <= 0)
        {
            Error("requirement_value", "The requirement value must be greater than 0.");
        }
        else if (value > BadgeRules.MaxRequirementValue)
        {
            Error("requirement_value", $"The requirement value is at most {BadgeRules.MaxRequirementValue:N0}.");
        }
        else if (requirement is BadgeRequirement.CallsBeforeHour or BadgeRequirement.CallsAfterHour && value > 23)
        {
            Error("requirement_value", "For an hour of the day, give a value from 1 to 23 (local time).");
        }
        var reward = input.PointsReward ?? 0;
        if (reward is < 0 or > BadgeRules.MaxPointsReward)
        {
            Error("points_reward", $"The points reward is between 0 and {BadgeRules.MaxPointsReward:N0}.");
        }
        var icon = input.Icon?.Trim() ?? "";
        if (icon.Length == 0)
        {
            icon = "medal";
        }
        else if (BadgeIcons.TryGetImageId(icon, out var imageId))
        {
            if (!await db.BadgeImages.AnyAsync(i => i.Id == imageId, ct))
            {
                Error("icon", "The uploaded image was not found; upload it again.");
            }
        }
        else if (!StarterCatalog.BuiltInIcons.Contains(icon, StringComparer.Ordinal))
        {
            Error("icon", $"Choose a built-in icon ({string.Join(", ", StarterCatalog.BuiltInIcons)}) or upload an image.");
        }

        FieldChecks.ThrowIfAny(errors, "badge");
        badge.Code = code;
        badge.Name = name;
        badge.Description = description;
        badge.Category = category;
        badge.Rarity = rarity;
        badge.RequirementType = requirement;
        badge.RequirementValue = value;
        badge.PointsReward = reward;
        badge.Icon = icon;
    }

    private static async Task SaveAsync(GamificationDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins saving the same code at once: the unique index says no.
            throw DomainException.Invalid("code", "Another badge already uses this code.");
        }
    }
}
