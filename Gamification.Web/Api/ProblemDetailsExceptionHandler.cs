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
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.InnerException is System.Text.Json.JsonException json ? $"Malformed JSON: {json.Message}" : bad.Message,
            },
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
