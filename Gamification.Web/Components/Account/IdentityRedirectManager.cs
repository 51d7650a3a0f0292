using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Gamification.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(OnThisSite(uri));

    /// <summary>
    /// Where a redirect may go: this site only, so a sign-in link cannot send anyone elsewhere. A path ("/rewards"), a
    /// path relative to the base ("Account/Lockout") or an absolute URL of this site is kept; anything else
    /// (//evil.test, /\evil.test, https://evil.test, javascript:...) lands on the home page.
    /// </summary>
    private string OnThisSite(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || WebLinks.IsLocalPath(uri))
        {
            return uri ?? "";
        }
        if (uri.StartsWith(navigationManager.BaseUri, StringComparison.Ordinal) && WebLinks.IsLocalPath("/" + navigationManager.ToBaseRelativePath(uri)))
        {
            return uri;
        }
        var relative = !Uri.TryCreate(uri, UriKind.Absolute, out _) && !uri.Split('/')[0].Contains(':', StringComparison.Ordinal);
        return relative && WebLinks.IsLocalPath("/" + uri) ? uri : "";
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
