namespace Gamification.Core.Points;

/// <summary>A user's balance and level as a unit holds them (read untracked; written at flush when dirty).</summary>
internal sealed class UserState(string userId, string externalId, string displayName, bool isActive, UserPoints points, UserLevel level)
{
    public string UserId { get; } = userId;
    public string ExternalId { get; } = externalId;
    public string DisplayName { get; } = displayName;
    public bool IsActive { get; } = isActive;
    public UserPoints Points { get; } = points;
    public UserLevel Level { get; } = level;
    public long? TeamId { get; init; }

    /// <summary>The balance row's version as read (the unit writes only if the row still has it).</summary>
    public long OriginalVersion { get; } = points.Version;

    /// <summary>The level as read: a level row is written only when it changed.</summary>
    public int OriginalLevel { get; } = level.LevelNumber;
    public bool Dirty { get; set; }
    public int? LevelUp { get; set; }
    public long Delta { get; set; }

    /// <summary>What the change is told by (the last entry posted, or a message); null while nothing happened.</summary>
    public Headline? Headline { get; set; }

    /// <summary>Badges earned and challenges completed in this unit, in order, for the live celebration (null when none).</summary>
    public IReadOnlyList<AchievementNotice>? Notices => notices;

    private List<AchievementNotice>? notices;

    public void AddNotice(AchievementNotice notice) => (notices ??= []).Add(notice);

    /// <summary>Activity points per earlier local day, for late events (the counters hold only the newest day).</summary>
    public Dictionary<DateOnly, long> EarlierDays { get; } = [];
}

/// <summary>
/// What a change is told by in its notification: the ledger entry that describes it (type, points, reason) and the
/// sentence for it, or a sentence alone when the change wrote no entry (a badge without points).
/// </summary>
internal sealed record Headline(string Message, TransactionType? EntryType, long EntryPoints, string? EntryReason)
{
    /// <summary>An entry: "Perfect call (5★): +30", or the reason alone when it moved no points ("daily cap reached").</summary>
    public static Headline Of(PointTransaction entry) =>
        new(entry.Points == 0 ? entry.Reason : $"{entry.Reason}: {entry.Points:+#;-#;0}", entry.Type, entry.Points, entry.Reason);

    /// <summary>A sentence without an entry.</summary>
    public static Headline Say(string message) => new(message, null, 0, null);
}
