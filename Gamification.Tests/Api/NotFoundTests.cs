namespace Gamification.Tests.Api;

/// <summary>An address nothing answers: people get the app's "Page not found" page, API clients a 404 problem.</summary>
public sealed class NotFoundTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    [Fact]
    public async Task An_unknown_page_answers_404_with_the_not_found_page()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("Go to your start page", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_address_answers_a_404_problem()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/gamification/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
