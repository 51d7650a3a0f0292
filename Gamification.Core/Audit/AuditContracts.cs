using System.Text.Json.Nodes;

namespace Gamification.Core.Audit;

/// <summary>Which entries to read: a span of tenant-local days (inclusive), one actor, one kind; a page of them.</summary>
public sealed record AuditQuery(
    DateOnly? From = null,
    DateOnly? To = null,
    string? ActorId = null,
    AuditKind? Kind = null,
    int Page = 1,
    int PageSize = 50);

/// <summary>
/// An audit entry as admins read it: the actor's name beside their id ("System" for jobs and integrations), and the
/// changed values before and after as JSON objects (snake_case fields; null for a creation, a deletion or an action).
/// </summary>
public sealed record AuditView(
    long Id,
    DateTimeOffset At,
    DateTime LocalTime,
    string? ActorId,
    string ActorName,
    AuditKind Kind,
    string SubjectType,
    string? SubjectId,
    string Summary,
    JsonObject? Before,
    JsonObject? After);

/// <summary>Someone who appears in the tenant's audit trail (for the page's person filter).</summary>
public sealed record AuditActor(string Id, string Name);
