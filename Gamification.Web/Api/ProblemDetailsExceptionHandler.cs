using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>
/// Maps domain failures and unreadable requests to RFC 7807 problem details; any other failure of the API is a 500
/// without details, and a page's goes to the Error page. This is the one path of every validation failure: the Core
/// rules and the endpoints' own checks of query values and bodies all throw <see cref="DomainException"/>.
/// </summary>
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
                Detail = DetailOf(domain),
            },
            DomainException domain => new ProblemDetails { Status = StatusOf(domain.Kind), Title = TitleOf(domain.Kind), Detail = DetailOf(domain) },
            BadHttpRequestException bad => Unreadable(bad),
            // Any other failure of the API: a 500 that tells nothing of the exception (also in Development). Pages
            // fall through to the Error page (UseExceptionHandler's path).
            _ when IsApi(httpContext) => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
                Detail = "The request failed; nothing was changed by the failing step. Quote the trace_id when you report it.",
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
        var written = await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = problem.Status >= 500 ? null : exception,
        });
        if (!written && IsApi(httpContext))
        {
            // The client accepts no JSON (Accept: text/html): the API still answers problem details, not the Error page.
            problem.Extensions["trace_id"] = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
            await TypedResults.Problem(problem).ExecuteAsync(httpContext);
            return true;
        }
        return written;
    }

    /// <summary>The failure's summary; none for errors an endpoint collected field by field (<see cref="DomainException.ThrowIfInvalid"/> without a message).</summary>
    private static string? DetailOf(DomainException domain) => domain.Message.Length > 0 ? domain.Message : null;

    /// <summary>Whether the failed request was the API's (the middleware has already set the path to the Error page's).</summary>
    private static bool IsApi(HttpContext httpContext) =>
        new PathString(httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path).StartsWithSegments("/api");

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
