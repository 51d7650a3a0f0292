namespace Gamification.Tests.Api;

/// <summary>
/// A reward's image is an https:// link or a path on this site, and the shop shows no other (older rows included);
/// signing in with a return URL off this site signs in and lands on the home page.
/// </summary>
public sealed class LinksAndRedirectsTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    private static Dictionary<string, object?> Reward(string? imageUrl) => new()
    {
        ["name"] = $"Linked {Guid.NewGuid():n}"[..20],
        ["category"] = "digital",
        ["points_cost"] = 50,
        ["image_url"] = imageUrl,
    };

    private Task<int> RewardCountAsync() => app.WithDbAsync(db => db.RewardItems.IgnoreQueryFilters().CountAsync());

    [Theory]
    [InlineData("//evil.test/x.png")]
    [InlineData("/\\evil.test/x.png")]
    [InlineData("  //evil.test/x.png")]
    [InlineData("http://evil.test/x.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("https:///x.png")]
    [InlineData("https://acme.test@evil.test/x.png")]
    [InlineData("/images/\tx.png")]
    [InlineData("ftp://evil.test/x.png")]
    public async Task An_image_link_off_https_or_this_site_is_refused_on_create_and_update(string imageUrl)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var before = await RewardCountAsync();

        var created = await admin.PostAsJsonAsync($"{Api}/admin/rewards", Reward(imageUrl));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var problem = await IngestionSteps.ProblemAsync(created);
        Assert.Equal(
            "The image is a link starting with https:// or a path on this site starting with a single /, at most 300 characters.",
            problem.GetProperty("errors").GetProperty("image_url")[0].GetString());
        Assert.Equal(before, await RewardCountAsync());

        var id = (await (await admin.PostAsJsonAsync($"{Api}/admin/rewards", Reward("https://cdn.example.test/ok.png")))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var updated = await admin.PutAsJsonAsync($"{Api}/admin/rewards/{id}", new Dictionary<string, object?> { ["image_url"] = imageUrl });
        Assert.Equal(HttpStatusCode.BadRequest, updated.StatusCode);
        Assert.Equal("https://cdn.example.test/ok.png", await app.WithDbAsync(db => db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.ImageUrl).SingleAsync()));
    }

    [Theory]
    [InlineData("https://cdn.example.test/mug.png", "https://cdn.example.test/mug.png")]
    [InlineData(" /images/mug.png ", "/images/mug.png")]
    [InlineData("/", "/")]
    public async Task An_https_link_or_a_single_slash_path_is_stored(string imageUrl, string stored)
    {
        var admin = await app.ClientForAsync("admin@acme.test");

        var created = await admin.PostAsJsonAsync($"{Api}/admin/rewards", Reward(imageUrl));

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal(stored, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("image_url").GetString());
    }

    [Fact]
    public async Task The_shop_shows_no_unsafe_link_stored_before_the_rule()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var safe = (await (await admin.PostAsJsonAsync($"{Api}/admin/rewards", Reward("https://cdn.example.test/safe.png")))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var old = (await (await admin.PostAsJsonAsync($"{Api}/admin/rewards", Reward(null)))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        // As a row saved under the old rule would hold it.
        await app.WithDbAsync(db => db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == old)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ImageUrl, "//evil.test/x.png")));
        var agent = await app.ClientForAsync("agent09@acme.test");

        var shop = await agent.GetFromJsonAsync<JsonElement>($"{Api}/rewards");

        var items = shop.EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt64());
        Assert.Equal("https://cdn.example.test/safe.png", items[safe].GetProperty("image_url").GetString());
        Assert.Equal(JsonValueKind.Null, items[old].GetProperty("image_url").ValueKind);
        // The admin's catalog still shows the stored value, so it can be fixed.
        var catalog = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards/{old}");
        Assert.Equal("//evil.test/x.png", catalog.GetProperty("image_url").GetString());
    }

    /// <summary>Posts the sign-in form as a browser would (antiforgery token from the GET); answers the redirect.</summary>
    private Task<HttpResponseMessage> SignInAsync(string email, string returnUrl) =>
        LoginForm.PostAsync(LoginForm.CookieClient(app), email, GamificationAppFactory.Password, $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

    [Theory]
    [InlineData("agent10@acme.test", "//evil.test/x")]
    [InlineData("agent11@acme.test", "https://evil.test")]
    [InlineData("agent12@acme.test", "/\\evil.test/x")]
    [InlineData("agent14@acme.test", "javascript:alert(1)")]
    [InlineData("agent15@acme.test", "http://evil.test/rewards")]
    [InlineData("agent16@acme.test", "/\t/evil.test/x")]
    public async Task Signing_in_with_a_return_url_off_this_site_signs_in_and_lands_home(string email, string returnUrl)
    {
        var response = await SignInAsync(email, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", response.Headers.Location?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("agent17@acme.test", "/rewards?tab=history", "http://localhost/rewards?tab=history")]
    [InlineData("agent18@acme.test", "http://localhost/leaderboard", "http://localhost/leaderboard")]
    public async Task Signing_in_with_a_return_url_on_this_site_goes_there(string email, string returnUrl, string location)
    {
        var response = await SignInAsync(email, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.ToString());
    }
}
