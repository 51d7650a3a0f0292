using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Gamification.Tests.Api;

/// <summary>
/// The sign-in and key budgets at their real defaults: the token endpoint takes 30 requests a minute from one address
/// and 10 a minute for one account; 10 failed sign-ins or 10 unknown keys a minute from one address. Past a budget the
/// answer is 429 problem details with Retry-After in seconds (the one-minute window: 60).
/// </summary>
public sealed class RateLimitTests(RateLimitTests.DefaultLimitsApp app) : IClassFixture<RateLimitTests.DefaultLimitsApp>
{
    private const string Token = "/api/v1/auth/token";

    [Fact]
    public async Task A_burst_on_the_token_endpoint_from_one_address_gets_429_with_retry_after_past_30_a_minute()
    {
        var client = ClientFrom(app, "10.0.0.1");
        // 40 at once, right passwords, spread over 30 accounts (at most 2 each, far below the account budget).
        var accounts = Enumerable.Range(1, 24).Select(i => $"agent{i:00}@acme.test")
            .Concat(Enumerable.Range(1, 6).Select(i => $"agent{i:00}@globex.test"))
            .ToList();
        var burst = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => client.PostAsJsonAsync(Token, new { email = accounts[i % accounts.Count], password = GamificationAppFactory.Password })));

        Assert.Equal(30, burst.Count(r => r.StatusCode == HttpStatusCode.OK));
        var limited = burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(10, limited.Count);
        await AssertTooManyAsync(limited[0], "Too many requests from this address. Try again in a minute.");
        // Another address is not affected.
        var other = await ClientFrom(app, "10.0.0.2").PostAsJsonAsync(Token, new { email = "agent01@acme.test", password = GamificationAppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task One_account_gets_10_token_requests_a_minute_from_any_number_of_addresses()
    {
        for (var i = 1; i <= 10; i++)
        {
            var ok = await ClientFrom(app, $"10.1.0.{i}").PostAsJsonAsync(Token, new { email = "supervisor@acme.test", password = GamificationAppFactory.Password });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var eleventh = ClientFrom(app, "10.1.0.11");
        // Spelled differently, the same account.
        var limited = await eleventh.PostAsJsonAsync(Token, new { email = " Supervisor@ACME.test ", password = GamificationAppFactory.Password });
        var otherAccount = await eleventh.PostAsJsonAsync(Token, new { email = "supervisor@globex.test", password = GamificationAppFactory.Password });

        await AssertTooManyAsync(limited, "Too many token requests for this account. Try again in a minute.");
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Ten_failed_sign_ins_from_one_address_by_api_or_page_make_even_the_right_password_wait()
    {
        var api = ClientFrom(app, "10.2.0.1");
        var page = LoginForm.CookieClient(app);
        page.DefaultRequestHeaders.Add(TestClientAddress.Header, "10.2.0.1");
        for (var i = 1; i <= 5; i++)
        {
            var failed = await api.PostAsJsonAsync(Token, new { email = $"sprayed{i}@acme.test", password = "Guess123!" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        for (var i = 6; i <= 10; i++)
        {
            var failed = await LoginForm.PostAsync(page, $"sprayed{i}@acme.test", "Guess123!");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Equal("The email address or password is incorrect.", LoginForm.StatusMessage(await failed.Content.ReadAsStringAsync()));
        }

        var apiRight = await api.PostAsJsonAsync(Token, new { email = "agent11@acme.test", password = GamificationAppFactory.Password });
        var pageRight = await LoginForm.PostAsync(page, "agent11@acme.test", GamificationAppFactory.Password);

        await AssertTooManyAsync(apiRight, "Too many failed sign-ins from this address. Try again in a minute.");
        // The page says so in words, and signs nobody in.
        Assert.Equal(HttpStatusCode.OK, pageRight.StatusCode);
        Assert.Equal("Too many failed sign-ins from this address. Try again in a minute.", LoginForm.StatusMessage(await pageRight.Content.ReadAsStringAsync()));
        Assert.False(pageRight.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(LoginForm.IdentityCookie + "=", StringComparison.Ordinal)));
        // From another address the same right password signs in.
        var elsewhere = await ClientFrom(app, "10.2.0.2").PostAsJsonAsync(Token, new { email = "agent11@acme.test", password = GamificationAppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Ten_unknown_keys_from_one_address_are_answered_429_and_then_no_key_is_looked_up()
    {
        var key = await CreateKeyFromAsync(app, "10.3.0.9");
        var client = ClientFrom(app, "10.3.0.1");
        Assert.Equal(HttpStatusCode.OK, (await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-03"))).StatusCode);

        for (var i = 1; i <= 10; i++)
        {
            var unknown = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, $"gmk_guess{i}", IngestionSteps.Event("agent-03"));
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }
        var eleventh = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, "gmk_guess11", IngestionSteps.Event("agent-03"));
        var before = await IngestionSteps.CountsAsync(app);
        // Not looked up: even the valid key waits when it comes from that address.
        var valid = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-03"));

        await AssertTooManyAsync(eleventh, "Too many invalid integration keys from this address. Try again in a minute.");
        await AssertTooManyAsync(valid, "Too many invalid integration keys from this address. Try again in a minute.");
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
        var elsewhere = await IngestionSteps.PostAsync(ClientFrom(app, "10.3.0.2"), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-03"));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
        var problem = await IngestionSteps.ProblemAsync(response);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Too many requests.", problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    private static async Task<string> CreateKeyFromAsync(GamificationAppFactory app, string address)
    {
        var admin = ClientFrom(app, address);
        var token = await GamificationAppFactory.TokenAsync(admin, "admin@acme.test");
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        var response = await admin.PostAsJsonAsync(IngestionSteps.KeysPath, new { name = "Dialer" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static HttpClient ClientFrom(GamificationAppFactory app, string address)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    /// <summary>The app with the budgets' defaults; a test header sets the client address the test server lacks.</summary>
    public sealed class DefaultLimitsApp : GamificationAppFactory
    {
        protected override bool RelaxedRateLimits => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>());
        }
    }

    /// <summary>Sets the connection's remote address from the <see cref="Header"/> header, before the app's own middleware.</summary>
    private sealed class TestClientAddress : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
