using Gamification.Core;

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>Maps domain failures and unreadable requests to RFC 7807 problem details; anything else stays a 500 without details.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            DomainException domain when domain.Errors is { Count: > 0 } => new HttpValidationProblemDetails(
                domain.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusOf(domain.Kind),
                Title = TitleOf(domain.Kind),
                Detail = domain.Message,
            },
            DomainException domain => new ProblemDetails { Status = StatusOf(domain.Kind), Title = TitleOf(domain.Kind), Detail = domain.Message },
            BadHttpRequestException bad => Unreadable(bad),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Request failed");
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// A body that could not be read: too large (413), or JSON that is malformed or holds a value of the wrong type.
    /// When the serializer knows where (<c>$.points</c>), the field is named in <c>errors</c>.
    /// </summary>
    private static ProblemDetails Unreadable(BadHttpRequestException bad)
    {
        if (bad.InnerException is not System.Text.Json.JsonException json)
        {
            return new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                Detail = bad.Message,
            };
        }
        var detail = $"Malformed JSON: {json.Message}";
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        return field is null
            ? new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = detail }
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"{field} could not be read: check its type and the JSON around it."] })
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = detail,
            };
    }

    /// <summary>The HTTP status for a kind of domain failure (also used for the items of a batch).</summary>
    internal static int StatusOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    internal static string TitleOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => "Not found.",
        DomainErrorKind.Conflict => "Conflict.",
        DomainErrorKind.Forbidden => "Forbidden.",
        _ => "One or more validation errors occurred.",
    };
}
