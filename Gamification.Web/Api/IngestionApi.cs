namespace Gamification.Web.Api;

/// <summary>How points for one event were computed (RULES.md, Activity events and Daily cap).</summary>
/// <remarks>Not <see cref="ActivityAward"/>: that record also writes was_capped, which the API does not.</remarks>
public sealed record EventBreakdown(int Base, decimal Multiplier, decimal StreakMultiplier, int Bonus, long Uncapped, long Awarded, string Reason)
{
    internal static EventBreakdown From(ActivityAward award) =>
        new(award.Base, award.Multiplier, award.StreakMultiplier, award.Bonus, award.Uncapped, award.Awarded, award.Reason);
}

/// <summary>The answer to one event; a repeated event id answers the first result with status duplicate.</summary>
/// <remarks>Not <see cref="ActivityResult"/>: the API names the computation "breakdown" (<see cref="EventBreakdown"/>).</remarks>
public sealed record EventResponse(
    string EventId,
    ActivityStatus Status,
    long PointsAwarded,
    EventBreakdown Breakdown,
    int? LevelUp,
    int DailyPoints,
    long CurrentPoints,
    int StreakDays)
{
    internal static EventResponse From(ActivityResult result) =>
        new(result.EventId, result.Status, result.PointsAwarded, EventBreakdown.From(result.Award), result.LevelUp,
            result.DailyPoints, result.CurrentPoints, result.StreakDays);
}

public enum BatchItemStatus
{
    Awarded,
    Capped,
    Duplicate,
    Rejected,
}

/// <summary>Why one item of a batch was refused, in the shape of a problem details body.</summary>
public sealed record EventError(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>One item of a batch answer: the result fields are null and <see cref="Error"/> is set when it was rejected.</summary>
public sealed record BatchItemResponse(
    int Index,
    string? EventId,
    BatchItemStatus Status,
    long? PointsAwarded,
    EventBreakdown? Breakdown,
    int? LevelUp,
    int? DailyPoints,
    long? CurrentPoints,
    int? StreakDays,
    EventError? Error);

public sealed record BatchResponse(int Accepted, int Rejected, IReadOnlyList<BatchItemResponse> Results);

/// <summary>
/// POST /api/v1/gamification/events and /events/batch: the call-center platform reports activity. Callers
/// authenticate with a tenant integration key in the X-Api-Key header only (no cookie, no bearer token); the
/// tenant is the key's. The body is read here so that malformed JSON and each batch item get a clear answer.
/// </summary>
internal static class IngestionApi
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The largest body of one event (metadata is at most 4 KB).</summary>
    public const int MaxEventBytes = 64 * 1024;

    /// <summary>The largest body of a batch (1,000 events of a typical size fit easily).</summary>
    public const int MaxBatchBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        // AllowAnonymous for the cookie/bearer authorization: the key filter below is the authentication here.
        var group = app.MapGroup("/api/v1/gamification/events")
            .WithTags("Events")
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter(RequireApiKeyAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPost("", IngestEvent).WithName("IngestEvent")
            .WithSummary("Records one activity event (X-Api-Key) and answers the points it earned, or why it was refused.")
            .WithDescription("Body: {event_id, type: call_completed|lead_converted|quality_review|customer_feedback, agent_id, occurred_at, rating?, duration_seconds?, lead_id?, metadata?}. "
                + "Unknown agent: 404; any other refusal: 400 with errors per field. Nothing is stored for a refused event.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/batch", IngestEventBatch).WithName("IngestEventBatch")
            .WithSummary("Records up to 1,000 activity events (X-Api-Key); each item is answered on its own: recorded or rejected.")
            .WithDescription("Body: {\"events\": [...]} or a bare JSON array of events. More than 1,000 events or more than 2 MB is refused as a whole (nothing stored).")
            .WithBodyLimit(MaxBatchBytes)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    /// <summary>Reads the body itself (not bound), so malformed JSON and an oversized body get a clear answer.</summary>
    public static async Task<Ok<EventResponse>> IngestEvent(HttpContext context, EventIngestion ingestion, CancellationToken ct)
    {
        var key = KeyOf(context);
        using var body = await ReadJsonAsync(context.Request, MaxEventBytes, "an event", ct);
        var incoming = EventIngestion.Parse(body.RootElement);
        var result = await ingestion.IngestAsync(key.TenantId, incoming, ct);
        return TypedResults.Ok(EventResponse.From(result));
    }

    public static async Task<Ok<BatchResponse>> IngestEventBatch(HttpContext context, EventIngestion ingestion, CancellationToken ct)
    {
        var key = KeyOf(context);
        using var body = await ReadJsonAsync(context.Request, MaxBatchBytes, "a batch", ct);
        var items = ItemsOf(body.RootElement);
        var outcomes = await ingestion.IngestBatchAsync(key.TenantId, items, ct);
        var results = outcomes.Select(ToItem).ToList();
        var accepted = results.Count(r => r.Status != BatchItemStatus.Rejected);
        return TypedResults.Ok(new BatchResponse(accepted, results.Count - accepted, results));
    }

    /// <summary>
    /// Authenticates the integration key, then takes a request from that key's budget
    /// (<c>Ingestion:RequestsPerSecondPerKey</c>, default 50 a second; a batch carries up to 1,000 events), so one
    /// tenant's flood cannot starve the others, and however the header is spelled a key has one budget. Unknown keys
    /// count against the client address (<see cref="RateLimits.FailedKeys"/>): past that, keys from there are not
    /// looked up. Either limit answers 429 with Retry-After.
    /// </summary>
    private static async ValueTask<object?> RequireApiKeyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var presented = http.Request.Headers[ApiKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(presented))
        {
            return Unauthorized(http, "Integration key required.", $"Send the tenant's integration key in the {ApiKeyHeader} header.");
        }
        var limits = http.RequestServices.GetRequiredService<RateLimits>();
        var address = ClientAddress.Of(http);
        if (!limits.FailedKeys.HasRoom(address, out var wait))
        {
            return TooManyRequests.Problem(http, wait, "Too many invalid integration keys from this address. Try again in a minute.");
        }
        var keys = http.RequestServices.GetRequiredService<ApiKeyService>();
        var identity = await keys.AuthenticateAsync(presented, http.RequestAborted);
        if (identity is null)
        {
            limits.FailedKeys.TryTake(address, out _);
            return Unauthorized(http, "Invalid integration key.", "The integration key is unknown or has been revoked. An admin can create a new one.");
        }
        if (!limits.IngestionPerKey.TryTake(identity.KeyId, out var retryAfter))
        {
            return TooManyRequests.Problem(http, retryAfter,
                $"This integration key may send {limits.IngestionPerKey.Permits} requests a second; retry after a second, or send events in batches of up to 1,000.");
        }
        http.Items[typeof(ApiKeyIdentity)] = identity;
        return await next(invocation);
    }

    private static ProblemHttpResult Unauthorized(HttpContext http, string title, string detail)
    {
        http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\"";
        return TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status401Unauthorized);
    }

    private static ApiKeyIdentity KeyOf(HttpContext context) =>
        context.Items[typeof(ApiKeyIdentity)] as ApiKeyIdentity
        ?? throw new InvalidOperationException("The integration key filter did not run for this endpoint.");

    /// <summary>Reads the body as JSON, at most <paramref name="maxBytes"/>; an empty, oversized or malformed body is a 4xx problem.</summary>
    private static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, int maxBytes, string what, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes, what);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes, what);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw new BadHttpRequestException($"The request body is empty; send {what} as JSON.", StatusCodes.Status400BadRequest);
        }
        buffer.Position = 0;
        try
        {
            return await JsonDocument.ParseAsync(buffer, new JsonDocumentOptions { MaxDepth = 32 }, ct);
        }
        catch (JsonException ex)
        {
            // The exception handler answers "Malformed JSON: <where>" for this.
            throw new BadHttpRequestException("Malformed JSON.", StatusCodes.Status400BadRequest, ex);
        }
    }

    private static BadHttpRequestException TooLarge(int maxBytes, string what) =>
        new($"The body of {what} is limited to {maxBytes / 1024:N0} KB; split the events into smaller batches.",
            StatusCodes.Status413PayloadTooLarge);

    /// <summary>A batch is {"events": [...]} or a bare array.</summary>
    private static List<JsonElement> ItemsOf(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.EnumerateArray().ToList();
        }
        if (root.ValueKind == JsonValueKind.Object)
        {
            // Field by field, not TryGetProperty: that fails when another field's name is not readable text (JsonText).
            foreach (var property in root.EnumerateObject())
            {
                if (JsonText.TryGetName(property, out var name) && name == "events" && property.Value.ValueKind == JsonValueKind.Array)
                {
                    return property.Value.EnumerateArray().ToList();
                }
            }
        }
        throw DomainException.Invalid("events", "Send {\"events\": [...]} or a JSON array of events.");
    }

    private static BatchItemResponse ToItem(ActivityOutcome outcome)
    {
        var eventId = string.IsNullOrEmpty(outcome.EventId) ? null : outcome.EventId;
        if (outcome.Result is { } r)
        {
            var status = r.Status switch
            {
                ActivityStatus.Capped => BatchItemStatus.Capped,
                ActivityStatus.Duplicate => BatchItemStatus.Duplicate,
                _ => BatchItemStatus.Awarded,
            };
            return new BatchItemResponse(outcome.Index, eventId, status, r.PointsAwarded, EventBreakdown.From(r.Award), r.LevelUp,
                r.DailyPoints, r.CurrentPoints, r.StreakDays, null);
        }
        var error = outcome.Error;
        var kind = error?.Kind ?? DomainErrorKind.Validation;
        return new BatchItemResponse(outcome.Index, eventId, BatchItemStatus.Rejected, null, null, null, null, null, null,
            new EventError(ProblemDetailsExceptionHandler.StatusOf(kind), ProblemDetailsExceptionHandler.TitleOf(kind), error?.Message ?? CoreText.Translate("The event was refused."), error?.Errors));
    }
}
