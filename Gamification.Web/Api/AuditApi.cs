using System.Text;

using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>The tenant's audit trail for its admins (docs/rules.md, Audit trail): read and export, never edit.</summary>
internal static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/gamification/admin").WithTags("Audit").RequireAuthorization(Policies.Admin);
        admin.MapGet("/audit", ListAudit).WithName("ListAudit").ProducesValidationProblem()
            .WithSummary("The tenant's audit trail, newest first: who changed what, when, with the values before and after (admins).")
            .WithDescription("Filters: from and to (yyyy-MM-dd, tenant-local days, inclusive), actor_id (a person's id), kind ("
                + SnakeCaseNames.Known<AuditKind>() + "); page (from 1) and page_size (1-" + AuditService.MaxPageSize
                + ", default 50); totals in X-Total-Count, X-Total-Pages and Link. There is no way to change or delete an entry.");
        admin.MapGet("/audit.csv", ExportAudit).WithName("ExportAudit").ProducesValidationProblem()
            .WithSummary("The audit trail with the same filters as CSV (text/csv; at most " + AuditService.MaxExport + " entries, the newest).");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<AuditView>>> ListAudit(
        HttpContext http,
        AuditService audit,
        string? from,
        string? to,
        [FromQuery(Name = "actor_id")] string? actorId,
        string? kind,
        string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken ct)
    {
        var result = await audit.ListAsync(QueryOf(from, to, actorId, kind, page, pageSize), ct);
        return TypedResults.Ok(PointsApi.Paged(http, result));
    }

    public static async Task<FileContentHttpResult> ExportAudit(
        AuditService audit,
        string? from,
        string? to,
        [FromQuery(Name = "actor_id")] string? actorId,
        string? kind,
        CancellationToken ct)
    {
        var query = QueryOf(from, to, actorId, kind, null, null);
        var (name, csv) = ToCsv(query, await audit.ExportAsync(query, ct));
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), Csv.ContentType, name);
    }

    /// <summary>The export of a filter: its file name (after the days) and the CSV, one row per entry (the Audit page downloads the same).</summary>
    public static (string FileName, string Content) ToCsv(AuditQuery query, IReadOnlyList<AuditView> rows)
    {
        ArgumentNullException.ThrowIfNull(query);
        var csv = Csv.Write(rows,
            ("id", r => r.Id), ("at", r => r.At), ("local_time", r => r.LocalTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ("actor_id", r => r.ActorId), ("actor", r => r.ActorName), ("kind", r => r.Kind),
            ("subject_type", r => r.SubjectType), ("subject_id", r => r.SubjectId), ("summary", r => r.Summary),
            ("before", r => r.Before?.ToJsonString()), ("after", r => r.After?.ToJsonString()));
        var name = $"audit-{query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "start"}-to-"
            + $"{query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "now"}.csv";
        return (name, csv);
    }

    /// <summary>The filters and page of a query string; 400 naming every bad one.</summary>
    private static AuditQuery QueryOf(string? from, string? to, string? actorId, string? kind, string? page, string? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new AuditQuery(
            QueryValues.Day(from, "from", errors), QueryValues.Day(to, "to", errors), string.IsNullOrWhiteSpace(actorId) ? null : actorId.Trim(),
            SnakeCaseNames.ParseQuery<AuditKind>(kind, "kind", errors),
            QueryValues.Int(page, "page", errors, min: 1) ?? 1, QueryValues.Int(pageSize, "page_size", errors, min: 1) ?? 50);
        DomainException.ThrowIfInvalid(errors);
        return query;
    }
}
