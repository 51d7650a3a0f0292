using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Gamification.Core.Audit;

/// <summary>
/// Writes the audit trail: each service that changes something on a person's authority adds one entry to the context it
/// saves the change with, so the entry and the change are stored together or not at all. The actor is the context's
/// current user (<see cref="CurrentTenant.UserId"/>) unless the caller names one.
/// </summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Adds an entry to <paramref name="db"/> (saved with the caller's next save): see <see cref="NewAuditEntry"/>.
    /// </summary>
    public static void Record(this GamificationDbContext db, DateTimeOffset at, AuditKind kind, string subjectType, string? subjectId,
        string summary, object? before, object? after, string? actorId = null, Guid? tenantId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.NewAuditEntry(at, kind, subjectType, subjectId, summary, before, after, actorId, tenantId) is { } entry)
        {
            db.Add(entry);
        }
    }

    /// <summary>
    /// An entry of the context's tenant (or <paramref name="tenantId"/>), by the context's current user (or
    /// <paramref name="actorId"/>). Before and after are objects whose public properties are the recorded values; when
    /// both are given only the properties that differ are kept, and an edit that changed nothing gives null.
    /// </summary>
    public static AuditEntry? NewAuditEntry(this GamificationDbContext db, DateTimeOffset at, AuditKind kind, string subjectType, string? subjectId,
        string summary, object? before, object? after, string? actorId = null, Guid? tenantId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summary);
        var tenant = tenantId ?? db.TenantId;
        if (tenant == Guid.Empty)
        {
            throw new InvalidOperationException("An audit entry belongs to a tenant: none is current.");
        }
        var (was, now) = (ToJson(before), ToJson(after));
        if (was is not null && now is not null)
        {
            foreach (var name in was.Select(p => p.Key).ToList())
            {
                if (now.ContainsKey(name) && JsonNode.DeepEquals(was[name], now[name]))
                {
                    was.Remove(name);
                    now.Remove(name);
                }
            }
            if (was.Count == 0 && now.Count == 0)
            {
                return null;
            }
        }
        return new AuditEntry
        {
            TenantId = tenant,
            At = at,
            ActorId = actorId ?? db.ActorId,
            Kind = kind,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Summary = summary.Length > MaxSummaryLength ? summary[..(MaxSummaryLength - 1)] + "…" : summary,
            Before = was?.ToJsonString(Json),
            After = now?.ToJsonString(Json),
        };
    }

    /// <summary>
    /// Runs a change written by bulk statements together with the audit entry it adds, in one transaction (under the
    /// provider's execution strategy): the change and its record are stored together or not at all.
    /// </summary>
    public static Task<T> AtomicallyAsync<T>(this GamificationDbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        });
    }

    public const int MaxSummaryLength = 500;

    /// <summary>The values of <paramref name="values"/> now (for a "before" whose objects the change then mutates).</summary>
    public static JsonObject Snapshot(object values) => ToJson(values)!;

    private static JsonObject? ToJson(object? values) => values switch
    {
        null => null,
        JsonObject snapshot => (JsonObject)snapshot.DeepClone(),
        _ => JsonSerializer.SerializeToNode(values, values.GetType(), Json) as JsonObject
            ?? throw new ArgumentException("Audit values are an object with properties.", nameof(values)),
    };
}
