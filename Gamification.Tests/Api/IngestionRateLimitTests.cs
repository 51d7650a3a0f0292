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

    [Fact]
    public async Task Spellings_of_one_key_share_its_budget()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var spellings = new[] { key, key + "\x0b", key + " " };
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The key is trimmed before it is checked: every spelling is the same key, so it has the same budget.
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            var ids = new List<long?>();
            foreach (var spelling in spellings)
            {
                ids.Add((await keys.AuthenticateAsync(spelling))?.KeyId);
            }
            Assert.NotNull(ids[0]);
            Assert.Equal([ids[0], ids[0], ids[0]], ids);
        }
        var client = app.CreateClient();

        // Two requests per spelling at once: one budget of 2 a second for the six, where a budget per spelling would
        // let all six through. The requests are accepted by the key filter and then refused for their empty event
        // (400), or refused by the budget (429); never 401. Six requests at once fall into one or two one-second
        // windows, so at most 4 pass and at least 2 are limited.
        var responses = await Task.WhenAll(spellings.Concat(spellings).Select(spelling => PostWithRawKeyAsync(client, spelling)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests }));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 2, 4);
        Assert.Equal("1", limited[0].Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> PostWithRawKeyAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, IngestionSteps.EventsPath) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        Assert.True(request.Headers.TryAddWithoutValidation("X-Api-Key", key));
        return await client.SendAsync(request);
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
