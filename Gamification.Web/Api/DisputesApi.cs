namespace Gamification.Web.Api;

/// <summary>An agent's dispute: the contested ledger entry (one of their own) or the missing event, and why.</summary>
public sealed record DisputeBody(long? TransactionId, string? EventId, string? Message);

/// <summary>A supervisor's or admin's decision: <c>accepted</c>, <c>rejected</c> (with a note) or <c>escalated</c>; points only when an admin accepts.</summary>
public sealed record DisputeDecisionBody(string? Decision, long? Points, string? Note);

/// <summary>A dispute in the queue, with the contested entry and its breakdown (as /transactions writes it).</summary>
/// <remarks>Not <see cref="DisputeQueueItem"/>: the entry is written with its "breakdown" (<see cref="TransactionItem"/>).</remarks>
public sealed record DisputeQueueResponse(
    long Id,
    DisputeStatus Status,
    string UserId,
    string AgentName,
    long? TransactionId,
    string? EventId,
    string Message,
    DateTimeOffset CreatedAt,
    string? Note,
    DateTimeOffset? DecidedAt,
    string? DecidedByUserId,
    long? PointsAwarded,
    TransactionItem? Transaction)
{
    internal static DisputeQueueResponse From(DisputeQueueItem d) =>
        new(d.Id, d.Status, d.UserId, d.AgentName, d.TransactionId, d.EventId, d.Message, d.CreatedAt, d.Note, d.DecidedAt,
            d.DecidedByUserId, d.PointsAwarded, d.Transaction is null ? null : TransactionItem.From(d.Transaction));
}

/// <summary>Disputes (docs/rules.md, Disputes): agents file and read their own; supervisors and admins answer.</summary>
internal static class DisputesApi
{
    public static IEndpointRouteBuilder MapDisputesApi(this IEndpointRouteBuilder app)
    {
        var agent = app.MapGroup("/api/v1/gamification/disputes").WithTags("Disputes").RequireAuthorization(Policies.Agent);
        agent.MapPost("", FileDispute).WithName("FileDispute").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Disputes one of the caller's ledger entries (transaction_id) or reports missing credit (event_id), with a message.")
            .WithDescription($"message: 1-{DisputeRules.MaxMessageLength} characters. transaction_id: one of the caller's own entries. "
                + $"event_id: free text up to {DisputeRules.MaxEventIdLength} characters. At most {DisputeRules.MaxOpenPerAgent} disputes "
                + "may wait (open or escalated) at once: another answers 409 and nothing is stored.");
        agent.MapGet("", ListMyDisputes).WithName("ListMyDisputes")
            .WithSummary("The caller's own disputes, newest first, with their status and the answer's note.");

        var staff = app.MapGroup("/api/v1/gamification/admin/disputes").WithTags("Disputes").RequireAuthorization(Policies.Supervisor);
        staff.MapGet("", ListDisputeQueue).WithName("ListDisputeQueue").ProducesValidationProblem()
            .WithSummary("The tenant's disputes, oldest first, with the agent's name and the contested entry's breakdown (supervisors and admins).")
            .WithDescription("status: open, escalated, accepted or rejected; without it, the disputes waiting for an answer (open and escalated).");
        staff.MapPost("/{id:long}/resolve", ResolveDispute).WithName("ResolveDispute").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Answers a dispute: accepted (admins may add points: one award, paid once), rejected (a note is required) or escalated (to an admin).")
            .WithDescription("Supervisors accept without points, reject or escalate an open dispute; escalated disputes and accepting with "
                + "points are for admins (403). A dispute already accepted or rejected answers 409. The agent is told live.");
        return app;
    }

    public static async Task<Created<DisputeView>> FileDispute(DisputeBody body, ClaimsPrincipal user, DisputeService disputes, CancellationToken ct)
    {
        var filed = await disputes.FileAsync(user.GetUserId()!, new DisputeInput(body.TransactionId, body.EventId, body.Message), ct);
        return TypedResults.Created($"/api/v1/gamification/disputes/{filed.Id}", filed);
    }

    public static async Task<Ok<IReadOnlyList<DisputeView>>> ListMyDisputes(ClaimsPrincipal user, DisputeService disputes, CancellationToken ct) =>
        TypedResults.Ok(await disputes.ListOwnAsync(user.GetUserId()!, ct));

    public static async Task<Ok<IReadOnlyList<DisputeQueueResponse>>> ListDisputeQueue(string? status, DisputeService disputes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = SnakeCaseNames.ParseQuery<DisputeStatus>(status, "status", errors);
        DomainException.ThrowIfInvalid(errors);
        var queue = await disputes.QueueAsync(parsed, ct);
        return TypedResults.Ok<IReadOnlyList<DisputeQueueResponse>>(queue.Select(DisputeQueueResponse.From).ToList());
    }

    public static async Task<Ok<DisputeView>> ResolveDispute(
        long id, DisputeDecisionBody body, ClaimsPrincipal user, DisputeService disputes, CancellationToken ct)
    {
        if (!SnakeCaseNames.TryParse<DisputeDecision>(body.Decision, out var decision, ignoreCase: false))
        {
            throw DomainException.Invalid("decision", $"Give a decision: one of {SnakeCaseNames.Known<DisputeDecision>()}.");
        }
        var resolution = new DisputeResolution(decision, body.Points, body.Note);
        return TypedResults.Ok(await disputes.ResolveAsync(id, resolution, user.GetUserId(), user.IsInRole(Roles.Admin), ct));
    }
}
