using System.Net;

using Gamification.Tests.Support;

using Microsoft.AspNetCore.Hosting;

namespace Gamification.Tests.Api;

/// <summary>Each integration key has its own request budget; past it the API answers 429 and stores nothing.</summary>
public sealed class IngestionRateLimitTests(IngestionRateLimitTests.LowLimitApp app) : IClassFixture<IngestionRateLimitTests.LowLimitApp>
{
    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_retry_after_and_another_key_is_unaffected()
    {
        var noisy = await IngestionSteps.CreateKeyAsync(app);
        var quiet = await IngestionSteps.CreateKeyAsync(app, "admin@globex.test");
        var client = app.CreateClient();
        var before = await IngestionSteps.CountsAsync(app);

        // Limit 2 a second: 6 requests within a second or two must meet the limit at least once.
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, noisy, IngestionSteps.Event("agent-05")));
        }
        var quietResponse = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, quiet, IngestionSteps.Event("agent-01"));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", limited[0].Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, quietResponse.StatusCode);
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(accepted + limited.Count, responses.Count);
        var after = await IngestionSteps.CountsAsync(app);
        Assert.Equal(before.Events + accepted + 1, after.Events);
    }

    public sealed class LowLimitApp : GamificationAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Ingestion:RequestsPerSecondPerKey", "2");
        }
    }
}
