namespace Gamification.Core.Analytics;

/// <summary>A farming flag as supervisors see it: the agent's name, the evidence in plain words and the decision.</summary>
/// <param name="Score">Severity from 0 (barely over the threshold) to 1 (far over it).</param>
/// <param name="Evidence">In the reader's language (<see cref="FarmingEvidence.Localize"/>); the stored text is English.</param>
/// <param name="DataJson">The figures behind the evidence (JSON), for the evidence view.</param>
public sealed record FarmingFlagView(
    long Id,
    string UserId,
    string DisplayName,
    FarmingKind Kind,
    double Score,
    string Evidence,
    string? DataJson,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    DateTimeOffset DetectedAt,
    FarmingFlagStatus Status,
    string? Note,
    DateTimeOffset? DecidedAt,
    string? DecidedByUserId);

/// <summary>
/// One activity event as the farming detector reads it (a projection of activity_event).
/// </summary>
/// <param name="LocalDate">The tenant-local day the event counts on.</param>
/// <param name="Source">Who gave a review or feedback: see <see cref="FarmingDetector.SourceOf"/>; null for other events.</param>
/// <param name="Points">Activity points awarded for the event, after the daily cap.</param>
/// <param name="Capped">The daily cap cut the event's points (partly or to 0): the cap was reached at this event.</param>
public sealed record DetectionEvent(
    string UserId,
    ActivityType Type,
    DateTimeOffset OccurredAt,
    DateOnly LocalDate,
    int? DurationSeconds,
    int? Rating,
    string? Source,
    long Points,
    bool Capped);

/// <summary>
/// What the detector found about one agent: a candidate <see cref="FarmingFlag"/>.
/// </summary>
/// <param name="Score">Severity from 0 (just over the threshold) to 1 (far over it).</param>
/// <param name="Evidence">What was seen, in plain words, with the numbers.</param>
/// <param name="WindowStart">The first local day that carries the evidence.</param>
/// <param name="WindowEnd">The last local day that carries the evidence.</param>
/// <param name="Data">The figures behind the evidence (serialised to the flag's DataJson).</param>
public sealed record FarmingCandidate(
    string UserId,
    FarmingKind Kind,
    double Score,
    string Evidence,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    IReadOnlyDictionary<string, object> Data);

/// <summary>What one detection run did: flags raised, and open flags found again whose evidence it brought up to date.</summary>
public sealed record FarmingRun(int NewFlags, int UpdatedFlags);
