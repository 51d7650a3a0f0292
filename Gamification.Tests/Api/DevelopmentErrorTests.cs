using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Gamification.Tests.Api;

/// <summary>
/// The app as the README starts it (Development, from launchSettings), with two addresses that throw: what a bug
/// would do. Nobody sees a developer exception page or a stack trace.
/// </summary>
public sealed class DevelopmentAppFactory : GamificationAppFactory
{
    public const string Secret = "connection string Password=hunter2 in a bug's message";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("https_port", "443");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingAddresses>());
    }

    /// <summary>After the app's pipeline (reached when no endpoint matched): /api/v1/test/boom and /test/boom throw.</summary>
    private sealed class ThrowingAddresses : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path.Value is "/api/v1/test/boom" or "/test/boom"
                ? throw new InvalidOperationException(Secret)
                : nextMiddleware(context));
        };
    }
}

public sealed class DevelopmentErrorTests(DevelopmentAppFactory app) : IClassFixture<DevelopmentAppFactory>
{
    private static async Task<string> AssertNothingLeaksAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(DevelopmentAppFactory.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowingAddresses", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return body;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("text/html")]
    public async Task A_failing_api_request_is_a_500_problem_without_the_exception(string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/test/boom");
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await app.CreateClient().SendAsync(request);

        await AssertNothingLeaksAsync(response);
        var problem = await IngestionSteps.ProblemAsync(response);
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Equal("Something went wrong on our side.", problem.GetProperty("title").GetString());
        Assert.True(problem.TryGetProperty("trace_id", out _), problem.ToString());
    }

    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public async Task A_failing_page_shows_the_error_page_without_the_exception(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/boom");
        request.Headers.Accept.ParseAdd(accept);

        var response = await app.CreateClient().SendAsync(request);

        var body = await AssertNothingLeaksAsync(response);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Circuits_send_detailed_errors_only_when_an_operator_opts_in()
    {
        using var optedIn = app.WithWebHostBuilder(b => b.UseSetting("DetailedErrors", "true"));

        Assert.False(app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
        Assert.True(optedIn.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    [Fact]
    public async Task In_Development_plain_http_is_served_without_a_redirect_or_HSTS()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://gamification.test"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
