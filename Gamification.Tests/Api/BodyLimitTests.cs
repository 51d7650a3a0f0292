namespace Gamification.Tests.Api;

/// <summary>
/// JSON API bodies are at most 1 MB (a batch of events 2 MB): beyond, 413 problem details and nothing changes, whether
/// the body announces its length or is sent chunked. Kestrel is covered by <c>Browser/KestrelBodyLimitTests</c>.
/// </summary>
public sealed class BodyLimitTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";
    private const int MB = 1024 * 1024;

    /// <summary>A JSON object of <paramref name="fields"/> padded with an ignored field to exactly <paramref name="size"/> bytes.</summary>
    internal static byte[] Padded(Dictionary<string, object?> fields, int size)
    {
        var withPadding = new Dictionary<string, object?>(fields) { ["padding"] = "" };
        var bare = JsonSerializer.SerializeToUtf8Bytes(withPadding).Length;
        withPadding["padding"] = new string('a', size - bare);
        var body = JsonSerializer.SerializeToUtf8Bytes(withPadding);
        Assert.Equal(size, body.Length);
        return body;
    }

    private async Task<(HttpClient Admin, long Id, string Before)> RewardAsync()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var created = await admin.PostAsJsonAsync($"{Api}/admin/rewards", new { name = $"Limit {Guid.NewGuid():n}"[..20], category = "digital", points_cost = 120 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        return (admin, id, await SnapshotAsync(id));
    }

    private Task<string> SnapshotAsync(long id) =>
        app.WithDbAsync(db => db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Name + "|" + r.PointsCost + "|" + r.Description).SingleAsync());

    private static async Task AssertTooLargeAsync(HttpResponseMessage response, string limit)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await IngestionSteps.ProblemAsync(response);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal($"A request body here is limited to {limit}.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_10_MB_reward_update_is_413_and_changes_nothing()
    {
        var (admin, id, before) = await RewardAsync();
        using var content = new ByteArrayContent(Padded(new() { ["name"] = "Renamed by 10 MB", ["points_cost"] = 1 }, 10 * MB));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await admin.PutAsync($"{Api}/admin/rewards/{id}", content);

        await AssertTooLargeAsync(response, "1 MB");
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Fact]
    public async Task A_chunked_reward_update_over_1_MB_is_413_and_changes_nothing()
    {
        var (admin, id, before) = await RewardAsync();
        using var content = new ChunkedContent(Padded(new() { ["name"] = "Renamed by chunks", ["points_cost"] = 1 }, MB + 1));

        var response = await admin.PutAsync($"{Api}/admin/rewards/{id}", content);

        await AssertTooLargeAsync(response, "1 MB");
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Fact]
    public async Task A_reward_update_of_exactly_1_MB_is_read_and_stored()
    {
        var (admin, id, _) = await RewardAsync();
        using var content = new ChunkedContent(Padded(new() { ["name"] = "Renamed at the limit", ["points_cost"] = 77 }, MB));

        var response = await admin.PutAsync($"{Api}/admin/rewards/{id}", content);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Renamed at the limit|77|", await SnapshotAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_body_over_1_MB_is_413_and_awards_nothing()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var userId = await app.UserIdAsync("agent07@acme.test");
        var ledger = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().CountAsync());
        using var content = new ChunkedContent(Padded(new() { ["user_id"] = userId, ["points"] = 5, ["reason"] = "Large" }, 2 * MB));

        var response = await admin.PostAsync($"{Api}/points/award", content);

        await AssertTooLargeAsync(response, "1 MB");
        Assert.Equal(ledger, await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task A_batch_keeps_its_2_MB_limit_larger_than_the_1_MB_default()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var e = IngestionSteps.Event("agent-08");
        var body = Padded(new() { ["events"] = new[] { e } }, (int)(1.5 * MB));

        var response = await IngestionSteps.PostRawAsync(app.CreateClient(), IngestionSteps.BatchPath, key, System.Text.Encoding.UTF8.GetString(body));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());

        using var chunked = new ChunkedContent(Padded(new() { ["events"] = new[] { IngestionSteps.Event("agent-08") } }, 2 * MB + 1));
        using var request = new HttpRequestMessage(HttpMethod.Post, IngestionSteps.BatchPath) { Content = chunked };
        request.Headers.Add("X-Api-Key", key);
        var before = await IngestionSteps.CountsAsync(app);

        var tooLarge = await app.CreateClient().SendAsync(request);

        await AssertTooLargeAsync(tooLarge, "2 MB");
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Fact]
    public async Task A_chunked_upload_over_1_MB_is_413_and_a_small_image_still_uploads()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        var large = new byte[2 * MB];
        png.AsSpan(0, 8).CopyTo(large);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(large), "file", "big.png" } };
        var bytes = await form.ReadAsByteArrayAsync();
        using var chunked = new ChunkedContent(bytes, form.Headers.ContentType!.ToString());

        var response = await admin.PostAsync($"{Api}/admin/badges/images", chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await IngestionSteps.ProblemAsync(response)).GetProperty("status").GetInt32());

        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var small = new MultipartFormDataContent { { file, "file", "small.png" } };
        var uploaded = await admin.PostAsync($"{Api}/admin/badges/images", small);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
    }
}
