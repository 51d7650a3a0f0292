using System.Runtime.InteropServices;

namespace Gamification.Core.Integration;

/// <summary>An event as the call-center platform sends it: agent by external id, type by its API name.</summary>
public sealed record IncomingEvent(
    string EventId,
    ActivityType Type,
    string AgentId,
    DateTimeOffset OccurredAt,
    int? Rating = null,
    int? DurationSeconds = null,
    string? LeadId = null,
    string? MetadataJson = null);

/// <summary>
/// The ingestion path (POST /events and /events/batch, and the demo simulator): reads each item, finds the agent
/// by external id in the key's tenant, and hands the events to <see cref="PointsEngine"/>. Every item gets its own
/// outcome; refused items store nothing.
/// </summary>
public sealed class EventIngestion(IDbContextFactory<GamificationDbContext> dbFactory, PointsEngine engine)
{
    private const int MaxMetadataLength = 4096;

    /// <summary>Reads one JSON event; a missing or malformed field is refused with a message naming it.</summary>
    public static IncomingEvent Parse(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw DomainException.Invalid("event", "An event is a JSON object.");
        }
        // Checked first: text that cannot be decoded fails any read of it, and a field name that cannot be
        // decoded fails even the look-up of the other fields.
        if (JsonText.FindUnreadable(JsonMarshal.GetRawUtf8Value(item)) is { } path)
        {
            var field = path == "body" ? "event" : path.Split('.', '[')[0];
            throw DomainException.Invalid(field, JsonText.Unreadable(field));
        }
        var eventId = RequiredString(item, "event_id");
        var typeName = RequiredString(item, "type");
        // Exact names only (the sender's integration is code, not a person typing).
        if (!SnakeCaseNames.TryParse<ActivityType>(typeName, out var type, ignoreCase: false))
        {
            throw DomainException.Invalid("type", $"Unknown event type '{typeName}'; use one of {SnakeCaseNames.Known<ActivityType>()}.");
        }
        var agentId = RequiredString(item, "agent_id");
        var occurredText = RequiredString(item, "occurred_at");
        if (!DateTimeOffset.TryParse(occurredText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var occurredAt)
            || !HasOffset(occurredText))
        {
            throw DomainException.Invalid("occurred_at", $"'{occurredText}' is not an ISO 8601 time with an offset, such as 2026-11-24T14:05:00Z.");
        }
        var rating = OptionalInt(item, "rating");
        var duration = OptionalInt(item, "duration_seconds");
        var leadId = OptionalString(item, "lead_id");
        string? metadata = null;
        if (item.TryGetProperty("metadata", out var meta) && meta.ValueKind != JsonValueKind.Null)
        {
            if (meta.ValueKind != JsonValueKind.Object)
            {
                throw DomainException.Invalid("metadata", "metadata is a JSON object.");
            }
            metadata = meta.GetRawText();
            if (metadata.Length > MaxMetadataLength)
            {
                throw DomainException.Invalid("metadata", $"metadata is larger than {MaxMetadataLength} characters.");
            }
        }
        return new IncomingEvent(eventId, type, agentId, occurredAt, rating, duration, leadId, metadata);
    }

    /// <summary>Ingests one event; a refusal is thrown (nothing stored).</summary>
    public async Task<ActivityResult> IngestAsync(Guid tenantId, IncomingEvent incoming, CancellationToken ct)
    {
        var outcome = (await IngestBatchAsync(tenantId, [incoming], ct))[0];
        return outcome.Result ?? throw outcome.Error!;
    }

    /// <summary>Parses and ingests a batch of JSON items; each gets its own outcome (items that do not parse are refused).</summary>
    public Task<IReadOnlyList<ActivityOutcome>> IngestBatchAsync(Guid tenantId, IReadOnlyList<JsonElement> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var parsed = new IncomingEvent?[items.Count];
        var errors = new DomainException?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                parsed[i] = Parse(items[i]);
            }
            catch (DomainException ex)
            {
                errors[i] = ex;
            }
        }
        return IngestAsync(tenantId, parsed, errors, items.Select(EventIdOf).ToList(), ct);
    }

    /// <summary>Ingests events already read; each gets its own outcome.</summary>
    public Task<IReadOnlyList<ActivityOutcome>> IngestBatchAsync(Guid tenantId, IReadOnlyList<IncomingEvent> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        return IngestAsync(tenantId, items.ToArray(), new DomainException?[items.Count], items.Select(e => e.EventId).ToList(), ct);
    }

    private async Task<IReadOnlyList<ActivityOutcome>> IngestAsync(
        Guid tenantId, IncomingEvent?[] items, DomainException?[] errors, List<string> eventIds, CancellationToken ct)
    {
        PointsEngine.CheckBatchSize(items.Length);

        var externalIds = items.OfType<IncomingEvent>().Select(e => e.AgentId).Distinct(StringComparer.Ordinal).ToList();
        // Deactivated agents are refused by the engine, after its duplicate check: a resent event stays a duplicate.
        Dictionary<string, (string Id, bool IsActive)> agents;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            agents = (await db.Users.IgnoreQueryFilters().AsNoTracking()
                    .Where(u => u.TenantId == tenantId && u.ExternalId != null && EF.Parameter(externalIds).Contains(u.ExternalId))
                    .Select(u => new { u.Id, u.ExternalId, u.IsActive })
                    .ToListAsync(ct))
                .ToDictionary(u => u.ExternalId!, u => (u.Id, u.IsActive), StringComparer.Ordinal);
        }

        var inputs = new List<ActivityInput>();
        var positions = new List<int>();
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not { } e)
            {
                continue;
            }
            if (!agents.TryGetValue(e.AgentId, out var agent))
            {
                errors[i] = PointsEngine.UnknownAgent(e.AgentId);
                continue;
            }
            inputs.Add(new ActivityInput(e.EventId, e.Type, agent.Id, e.OccurredAt, e.Rating, e.DurationSeconds, e.LeadId, e.MetadataJson));
            positions.Add(i);
        }

        var recorded = inputs.Count > 0 ? await engine.RecordBatchAsync(tenantId, inputs, ct) : [];
        var outcomes = new ActivityOutcome[items.Length];
        for (var k = 0; k < recorded.Count; k++)
        {
            outcomes[positions[k]] = recorded[k] with { Index = positions[k] };
        }
        for (var i = 0; i < items.Length; i++)
        {
            outcomes[i] ??= new ActivityOutcome(i, eventIds[i], null, errors[i]);
        }
        return outcomes;
    }

    /// <summary>The event id of an item that may not parse (read field by field: any of its text may be unreadable).</summary>
    private static string EventIdOf(JsonElement item)
    {
        var eventId = "";
        if (item.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (JsonText.TryGetName(property, out var name) && name == "event_id"
                    && property.Value.ValueKind == JsonValueKind.String && JsonText.TryGetString(property.Value, out var text))
                {
                    eventId = text;
                }
            }
        }
        return eventId;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');

    private static string RequiredString(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw DomainException.Invalid(name, $"{name} is required.");
        }
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw DomainException.Invalid(name, $"{name} must be a non-empty string.");
        }
        return value.GetString()!.Trim();
    }

    private static string? OptionalString(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw DomainException.Invalid(name, $"{name} must be a string.");
    }

    private static int? OptionalInt(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw DomainException.Invalid(name, $"{name} must be a whole number.");
    }
}
