using Microsoft.AspNetCore.Mvc.Testing;

namespace Gamification.Tests.Support;

/// <summary>The real sign-in page's form (static rendering with antiforgery), posted as a browser without JavaScript would.</summary>
internal static partial class LoginForm
{
    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public static HttpClient CookieClient(GamificationAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>
    /// Loads the sign-in page (at <paramref name="path"/>, which may carry a ReturnUrl) and posts its form there; the
    /// answer is the page's (a redirect when it signed in).
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string path = "/Account/Login")
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "The sign-in page has no antiforgery field.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(path, form);
    }

    /// <summary>Signs in and checks that the page redirected away from itself with the sign-in cookie.</summary>
    public static async Task<HttpClient> SignedInClientAsync(GamificationAppFactory app, string email, string password = GamificationAppFactory.Password)
    {
        var client = CookieClient(app);
        var response = await PostAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(IdentityCookie + "=", StringComparison.Ordinal));
        return client;
    }

    public const string IdentityCookie = ".AspNetCore.Identity.Application";

    /// <summary>The message the page shows (#status-message), or null.</summary>
    public static string? StatusMessage(string html)
    {
        var match = StatusMessageElement().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value.Trim()) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("id=\"status-message\">([^<]*)<")]
    private static partial Regex StatusMessageElement();
}
