using System.Security.Cryptography;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gamification.Tests.Api;

/// <summary>The app outside Development with an https port: plain http is redirected, https answers with HSTS.</summary>
public sealed class HttpsAppFactory : GamificationAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("https_port", "443");
    }
}

/// <summary>Every response (pages, API, static files, error pages) carries the security headers; browsers enforce them (Browser/ContentSecurityPolicyTests).</summary>
public sealed partial class SecurityHeadersTests(HttpsAppFactory app) : IClassFixture<HttpsAppFactory>
{
    private const string PolicyWithoutScripts =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    [GeneratedRegex("<script type=\"importmap\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();

    private HttpClient Https() => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://gamification.test"),
        AllowAutoRedirect = false,
    });

    private static void AssertHeaders(HttpResponseMessage response, string policy)
    {
        Assert.Equal([policy], response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["same-origin"], response.Headers.GetValues("Referrer-Policy"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
    }

    [Theory]
    [InlineData("/api/v1/gamification/points", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/gamification/no-such-endpoint", HttpStatusCode.NotFound)]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/favicon.png", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task Api_files_documents_and_empty_answers_carry_the_headers_with_scripts_from_this_site_only(string path, HttpStatusCode status)
    {
        var response = await Https().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertHeaders(response, $"{PolicyWithoutScripts}; script-src 'self'");
    }

    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/Error", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task Pages_carry_the_headers_and_allow_only_their_import_map_inline(string path, HttpStatusCode status)
    {
        var response = await Https().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "the page renders no import map");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
        AssertHeaders(response, $"{PolicyWithoutScripts}; script-src 'self' 'sha256-{hash}'");
        // The page's other scripts are files of this site.
        Assert.Equal(1, Regex.Count(html, "<script(?![^>]*\\bsrc=)[^>]*>"));
    }

    [Fact]
    public async Task Outside_Development_http_is_redirected_to_https_which_answers_with_HSTS()
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://gamification.test"), AllowAutoRedirect = false });

        var redirected = await http.GetAsync("/Account/Login");
        var secure = await Https().GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://gamification.test/Account/Login", redirected.Headers.Location?.ToString());
        Assert.False(redirected.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal(["max-age=2592000"], secure.Headers.GetValues("Strict-Transport-Security"));
    }
}
