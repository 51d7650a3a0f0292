using Gamification.Tests.Api;

namespace Gamification.Tests.Browser;

/// <summary>The body limits of <see cref="BodyLimitTests"/> hold on a real socket too (Kestrel, not TestServer).</summary>
[Collection(BrowserCollection.Name)]
public sealed class KestrelBodyLimitTests(BrowserAppFixture browser)
{
    private const int MB = 1024 * 1024;

    private async Task<(HttpClient Admin, long RewardId)> AdminWithRewardAsync()
    {
        var admin = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var token = await GamificationAppFactory.TokenAsync(admin, "admin@acme.test");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        var created = await admin.PostAsJsonAsync("/api/v1/gamification/admin/rewards", new { name = $"Kestrel {Guid.NewGuid():n}"[..20], category = "digital", points_cost = 130 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (admin, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    private Task<string> NameAndCostAsync(long id) => browser.App.WithDbAsync(db =>
        db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Name + "|" + r.PointsCost).SingleAsync());

    [Fact]
    public async Task Over_Kestrel_a_10_MB_update_and_a_chunked_one_over_1_MB_are_413_and_change_nothing()
    {
        var (admin, id) = await AdminWithRewardAsync();
        var before = await NameAndCostAsync(id);
        using var announced = new ByteArrayContent(BodyLimitTests.Padded(new() { ["name"] = "Ten megabytes", ["points_cost"] = 1 }, 10 * MB));
        announced.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var chunked = new ChunkedContent(BodyLimitTests.Padded(new() { ["name"] = "Chunked", ["points_cost"] = 1 }, MB + 1));
        using var atLimit = new ChunkedContent(BodyLimitTests.Padded(new() { ["name"] = "At the limit", ["points_cost"] = 88 }, MB));

        var large = await admin.PutAsync($"/api/v1/gamification/admin/rewards/{id}", announced);
        var streamed = await admin.PutAsync($"/api/v1/gamification/admin/rewards/{id}", chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(413, (await IngestionSteps.ProblemAsync(large)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(413, (await IngestionSteps.ProblemAsync(streamed)).GetProperty("status").GetInt32());
        Assert.Equal(before, await NameAndCostAsync(id));

        var accepted = await admin.PutAsync($"/api/v1/gamification/admin/rewards/{id}", atLimit);
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        Assert.StartsWith("At the limit|88", await NameAndCostAsync(id), StringComparison.Ordinal);
    }
}
