using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Components;

namespace Gamification.Web.Hosting;

/// <summary>
/// The security headers of every response (pages, API, static files, error pages): a Content-Security-Policy,
/// nosniff, a referrer policy and frame protection. They are written just before the response starts, so an
/// error page re-executed after a failure carries them too, and they replace Blazor's own
/// <c>frame-ancestors 'self'</c> policy with a stricter one.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts come from this site only. The one inline script is Blazor's import map
    /// (<c>&lt;ImportMap /&gt;</c> in App.razor), allowed by its hash. MudBlazor sets inline styles and a theme
    /// <c>&lt;style&gt;</c> element, hence <c>'unsafe-inline'</c> for styles (never for scripts). Reward images may be
    /// any https:// link; the SignalR connection of the interactive pages is same-origin.
    /// </summary>
    private const string PolicyWithoutScripts =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly ConditionalWeakTable<ImportMapDefinition, string> ScriptSources = [];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>());
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>The policy of a response; a page that renders <paramref name="importMap"/> may run it.</summary>
    public static string PolicyFor(ImportMapDefinition? importMap) =>
        $"{PolicyWithoutScripts}; script-src {(importMap is null ? "'self'" : ScriptSources.GetValue(importMap, ScriptSourceOf))}";

    private static string ScriptSourceOf(ImportMapDefinition importMap) =>
        $"'self' '{Hash(importMap.ToString())}'";

    /// <summary>The CSP source for an inline script: <c>sha256-</c> and the base64 SHA-256 of its UTF-8 text.</summary>
    public static string Hash(string inlineScript) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inlineScript)));
}
