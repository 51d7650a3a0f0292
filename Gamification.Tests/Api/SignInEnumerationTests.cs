using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace Gamification.Tests.Api;

/// <summary>
/// Nobody learns whether an email address has an account: an unknown email takes the same path as a real one (one
/// password-hash verification each, counted here) and gets the same answer, also once either is locked out.
/// </summary>
public sealed class SignInEnumerationTests(SignInEnumerationTests.CountingApp app) : IClassFixture<SignInEnumerationTests.CountingApp>
{
    private const string Incorrect = "The email address or password is incorrect.";
    private const string Locked = "This account is locked after repeated failed sign-ins. Try again later.";

    [Fact]
    public async Task Unknown_and_known_emails_do_the_same_work_and_get_identical_answers_through_lockout()
    {
        var client = app.CreateClient();
        // Lockout after 5 failures (the default): 4 "incorrect", then "locked" from the 5th on, the right password included.
        var expected = new[] { Incorrect, Incorrect, Incorrect, Incorrect, Locked, Locked };

        for (var i = 0; i < expected.Length; i++)
        {
            var known = await AttemptAsync(client, "agent08@acme.test", $"Wrong{i}!aA");
            var unknown = await AttemptAsync(client, "nobody08@acme.test", $"Wrong{i}!aA");

            Assert.Equal(new Attempt(401, "Sign-in failed.", expected[i], 1), known);
            Assert.Equal(known, unknown);
        }
        var rightPassword = await AttemptAsync(client, "agent08@acme.test", GamificationAppFactory.Password);
        var anyPassword = await AttemptAsync(client, "nobody08@acme.test", GamificationAppFactory.Password);
        Assert.Equal(new Attempt(401, "Sign-in failed.", Locked, 1), rightPassword);
        Assert.Equal(rightPassword, anyPassword);
    }

    [Fact]
    public async Task A_deactivated_account_answers_a_wrong_password_like_an_unknown_email_and_only_the_right_one_learns_why()
    {
        await app.DeactivateAsync("agent09@acme.test");
        var client = app.CreateClient();

        var deactivated = await AttemptAsync(client, "agent09@acme.test", "Wrong1!aA");
        var unknown = await AttemptAsync(client, "nobody09@acme.test", "Wrong1!aA");
        var right = await AttemptAsync(client, "agent09@acme.test", GamificationAppFactory.Password);

        Assert.Equal(new Attempt(401, "Sign-in failed.", Incorrect, 1), deactivated);
        Assert.Equal(deactivated, unknown);
        Assert.Equal(new Attempt(401, "Sign-in failed.", "This account is deactivated. Ask your administrator.", 1), right);
    }

    [Fact]
    public async Task The_sign_in_page_answers_an_unknown_email_like_a_wrong_password_and_locks_both_alike()
    {
        var page = LoginForm.CookieClient(app);

        for (var i = 0; i < 4; i++)
        {
            var known = await PageAttemptAsync(page, "agent10@acme.test", $"Wrong{i}!aA");
            var unknown = await PageAttemptAsync(page, "nobody10@acme.test", $"Wrong{i}!aA");
            Assert.Equal(("200", Incorrect, 1), known);
            Assert.Equal(known, unknown);
        }
        var knownFifth = await PageAttemptAsync(page, "agent10@acme.test", "Wrong4!aA");
        var unknownFifth = await PageAttemptAsync(page, "nobody10@acme.test", "Wrong4!aA");
        Assert.Equal(("302 /Account/Lockout", (string?)null, 1), knownFifth);
        Assert.Equal(knownFifth, unknownFifth);
    }

    /// <summary>What a caller can observe of one token request, and how many hashes the server verified for it.</summary>
    private sealed record Attempt(int Status, string? Title, string? Detail, int Verifications);

    private async Task<Attempt> AttemptAsync(HttpClient client, string email, string password)
    {
        var before = app.Verifications.Count;
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Attempt((int)response.StatusCode, body.GetProperty("title").GetString(), body.GetProperty("detail").GetString(),
            app.Verifications.Count - before);
    }

    private async Task<(string Answer, string? Message, int Verifications)> PageAttemptAsync(HttpClient page, string email, string password)
    {
        var before = app.Verifications.Count;
        var response = await LoginForm.PostAsync(page, email, password);
        var verifications = app.Verifications.Count - before;
        var location = response.Headers.Location;
        var answer = response.StatusCode == HttpStatusCode.Redirect
            ? "302 /" + (location is { IsAbsoluteUri: true } ? location.PathAndQuery : location?.OriginalString)?.TrimStart('/')
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = response.StatusCode == HttpStatusCode.OK ? LoginForm.StatusMessage(await response.Content.ReadAsStringAsync()) : null;
        return (answer, message, verifications);
    }

    public sealed class CountingApp : GamificationAppFactory
    {
        internal VerificationCounter Verifications { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<ApplicationUser>>(sp =>
                new CountingPasswordHasher(new PasswordHasher<ApplicationUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), Verifications)));
        }
    }

    internal sealed class VerificationCounter
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Add() => Interlocked.Increment(ref count);
    }

    /// <summary>Identity's hasher, counting verifications (the costly part of a sign-in).</summary>
    private sealed class CountingPasswordHasher(IPasswordHasher<ApplicationUser> inner, VerificationCounter counter) : IPasswordHasher<ApplicationUser>
    {
        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            counter.Add();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
