using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Gamification.Web.Hosting;

/// <summary>
/// The language of each request and circuit (docs/rules.md, Language): a page follows the person's choice, else their
/// tenant's, else the browser's Accept-Language, else English; an API request follows its Accept-Language first (a
/// client asks per request), then the same order. The request localization middleware sets CurrentCulture and
/// CurrentUICulture; a Blazor circuit keeps the culture of the request that opened it.
/// </summary>
internal static class GamificationLocalization
{
    public static IServiceCollection AddGamificationLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Supported.Select(code => new CultureInfo(code)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new PersonLanguageCultureProvider()];
        });
        return services;
    }

    /// <summary>Sets the culture of every request after the user and tenant are known (and before the endpoints).</summary>
    public static WebApplication UseGamificationLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}

/// <summary>Picks a request's language: see <see cref="GamificationLocalization"/>.</summary>
internal sealed class PersonLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        if (request.Path.StartsWithSegments("/api") && Asked(request) is { } asked)
        {
            return new ProviderCultureResult(asked);
        }
        // Static files (an extension in the path) need no look-up of the person.
        if (httpContext.User.Identity?.IsAuthenticated == true && !Path.HasExtension(request.Path.Value)
            && httpContext.User.GetUserId() is { } userId
            && await httpContext.RequestServices.GetRequiredService<LanguageService>().PreferredAsync(userId, httpContext.RequestAborted) is { } preferred)
        {
            return new ProviderCultureResult(preferred);
        }
        return Asked(request) is { } browser ? new ProviderCultureResult(browser) : null;
    }

    /// <summary>The first supported language of the Accept-Language header, by quality ("es-MX;q=0.9" gives "es").</summary>
    internal static string? Asked(HttpRequest request)
    {
        if (!request.Headers.ContainsKey(HeaderNames.AcceptLanguage))
        {
            return null;
        }
        var values = request.GetTypedHeaders().AcceptLanguage;
        return values.Where(v => v.Quality is not 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => Languages.Normalize(v.Value.Value))
            .FirstOrDefault(code => code is not null);
    }
}
