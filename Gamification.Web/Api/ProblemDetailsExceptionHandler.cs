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
        ProblemLanguage.UseRequestCulture(httpContext);
        ProblemDetails? problem = exception switch
        {
            DomainException { Errors: { Count: > 0 } errors } domain => new HttpValidationProblemDetails(errors)
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
                Title = CoreText.Get("Problem.ServerError"),
                Detail = CoreText.Get("Problem.ServerErrorDetail"),
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

    /// <summary>
    /// The failure's summary, in the request's language (a domain failure reads in the current UI culture); none for errors
    /// an endpoint collected field by field (<see cref="DomainException.ThrowIfInvalid"/> without a message).
    /// </summary>
    private static string? DetailOf(DomainException domain) => domain.Message is { Length: > 0 } message ? message : null;

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
                Title = CoreText.Get(bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Problem.TooLarge" : "Problem.Unreadable"),
                Detail = bad.Message,
            };
        }
        var detail = CoreText.Format("Problem.MalformedJson", json.Message);
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        return field is null
            ? new ProblemDetails { Status = bad.StatusCode, Title = CoreText.Get("Problem.Unreadable"), Detail = detail }
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [CoreText.Format("Problem.FieldUnreadable", field)] })
            {
                Status = bad.StatusCode,
                Title = CoreText.Get("Problem.Unreadable"),
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
        DomainErrorKind.NotFound => CoreText.Get("Problem.NotFound"),
        DomainErrorKind.Conflict => CoreText.Get("Problem.Conflict"),
        DomainErrorKind.Forbidden => CoreText.Get("Problem.Forbidden"),
        _ => CoreText.Get("Problem.Validation"),
    };
}

/// <summary>
/// Problem details in the request's language: the exception handler and the status code pages run outside the request
/// localization middleware (the culture it set does not flow back to them), so they take the culture it chose for the
/// request from <see cref="Microsoft.AspNetCore.Localization.IRequestCultureFeature"/>; and the framework's own titles
/// ("Unauthorized", "Bad Request") are translated.
/// </summary>
internal static class ProblemLanguage
{
    public static void UseRequestCulture(HttpContext httpContext)
    {
        if (httpContext.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture is { } culture)
        {
            CultureInfo.CurrentCulture = culture.Culture;
            CultureInfo.CurrentUICulture = culture.UICulture;
        }
    }

    public static void Customize(ProblemDetailsContext context)
    {
        UseRequestCulture(context.HttpContext);
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English)
        {
            return;
        }
        var problem = context.ProblemDetails;
        var key = problem.Title switch
        {
            "Unauthorized" => "Problem.Unauthorized",
            "Forbidden" => "Problem.Forbidden",
            "Not Found" => "Problem.NotFound",
            "Bad Request" => "Problem.BadRequest",
            "Too Many Requests" => "Problem.TooManyRequests",
            "Method Not Allowed" => "Problem.MethodNotAllowed",
            // The title of the framework's validation problems (TypedResults.ValidationProblem).
            "One or more validation errors occurred." => "Problem.Validation",
            _ => null,
        };
        if (key is not null)
        {
            problem.Title = CoreText.Get(key);
        }
        // An endpoint's own English messages, where Messages.es.resx has them; a domain failure's problem is in the
        // reader's language already (DomainException reads so).
        if (context.Exception is DomainException)
        {
            return;
        }
        if (problem.Detail is { Length: > 0 } detail)
        {
            problem.Detail = CoreText.Translate(detail);
        }
        if (problem is HttpValidationProblemDetails validation)
        {
            foreach (var field in validation.Errors.Keys.ToList())
            {
                validation.Errors[field] = [.. validation.Errors[field].Select(CoreText.Translate)];
            }
        }
    }
}
