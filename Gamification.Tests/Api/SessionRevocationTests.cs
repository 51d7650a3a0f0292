using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;

namespace Gamification.Tests.Api;

/// <summary>
/// Deactivation, a role change and a password reset end the person's existing bearer tokens and cookies on the very
/// next request, not when they expire.
/// </summary>
public sealed class SessionRevocationTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Me = "/api/v1/gamification/me";
    private const string Users = "/api/v1/gamification/admin/users";

    [Fact]
    public async Task Deactivation_ends_the_old_bearer_token_and_the_old_cookie_on_the_next_request()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var (id, bearer, cookie) = await PersonSignedInAsync(admin, "leaving@acme.test", Roles.Agent, "agent-51");
        var bystander = await app.ClientForAsync("agent01@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync(Me)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(admin, id, Roles.Agent, "agent-51", isActive: false)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(Me)).StatusCode);
        var cookieAnswer = await cookie.GetAsync(Me);
        Assert.Equal(HttpStatusCode.Unauthorized, cookieAnswer.StatusCode);
        // The stale cookie is deleted, so pages send the visitor to the sign-in page.
        Assert.Contains(cookieAnswer.Headers.GetValues("Set-Cookie"),
            c => c.StartsWith(LoginForm.IdentityCookie + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        var page = await cookie.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        // Someone else's session is untouched.
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync(Me)).StatusCode);
        // Signing in again is refused, and the right password learns why.
        var again = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "leaving@acme.test", password = PersonPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("This account is deactivated. Ask your administrator.", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_demoted_admins_old_token_can_no_longer_create_keys_admins_or_points()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var (id, old, oldCookie) = await PersonSignedInAsync(admin, "demoted@acme.test", Roles.Admin, null);
        // While an admin, the token and the cookie open the admin API.
        Assert.Equal(HttpStatusCode.Created, (await old.PostAsJsonAsync(IngestionSteps.KeysPath, new { name = "Before demotion" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oldCookie.GetAsync(IngestionSteps.KeysPath)).StatusCode);
        var target = await app.UserIdAsync("demoted@acme.test");
        var keysBefore = await app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().CountAsync());
        var usersBefore = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().CountAsync());
        var pointsBefore = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().CountAsync(t => t.UserId == target));

        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(admin, id, Roles.Agent, "agent-52", isActive: true)).StatusCode);

        var key = await old.PostAsJsonAsync(IngestionSteps.KeysPath, new { name = "After demotion" });
        var newAdmin = await old.PostAsJsonAsync(Users, new { email = "sneaky@acme.test", display_name = "Sneaky", role = Roles.Admin, password = PersonPassword });
        var award = await old.PostAsJsonAsync("/api/v1/gamification/points/award", new { user_id = target, points = 1_000_000, reason = "Mine" });
        Assert.Equal(HttpStatusCode.Unauthorized, key.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, newAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, award.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldCookie.GetAsync(IngestionSteps.KeysPath)).StatusCode);
        Assert.Equal(keysBefore, await app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(usersBefore, await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(pointsBefore, await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().CountAsync(t => t.UserId == target)));

        // A fresh sign-in works, as the agent they now are.
        var fresh = await app.ClientForAsync("demoted@acme.test", PersonPassword);
        var me = await fresh.GetFromJsonAsync<JsonElement>(Me);
        Assert.Equal("agent", me.GetProperty("roles")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.PostAsJsonAsync(IngestionSteps.KeysPath, new { name = "As an agent" })).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_admins_old_token_cannot_reactivate_them()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var id = await CreatePersonAsync(admin, "second-admin@acme.test", Roles.Admin, null);
        var old = await app.ClientForAsync("second-admin@acme.test", PersonPassword);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync(Users)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(admin, id, Roles.Admin, null, isActive: false)).StatusCode);

        var reactivate = await UpdateAsync(old, id, Roles.Admin, null, isActive: true);
        Assert.Equal(HttpStatusCode.Unauthorized, reactivate.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == id).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task A_password_reset_ends_the_old_token_and_cookie_and_the_new_password_signs_in()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var (id, bearer, cookie) = await PersonSignedInAsync(admin, "forgetful@acme.test", Roles.Agent, "agent-53");
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync(Me)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"{Users}/{id}/password", new { password = "Renewed123!" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync(Me)).StatusCode);
        var oldPassword = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "forgetful@acme.test", password = PersonPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        var renewed = await app.ClientForAsync("forgetful@acme.test", "Renewed123!");
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync(Me)).StatusCode);
        var renewedCookie = await LoginForm.SignedInClientAsync(app, "forgetful@acme.test", "Renewed123!");
        Assert.Equal(HttpStatusCode.OK, (await renewedCookie.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task An_operators_old_token_ends_when_their_security_stamp_changes()
    {
        var old = await app.ClientForAsync("operator@platform.test");
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/v1/platform/tenants")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync("operator@platform.test");
            Assert.True((await users.UpdateSecurityStampAsync(user!)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/platform/tenants")).StatusCode);
        var fresh = await app.ClientForAsync("operator@platform.test");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/platform/tenants")).StatusCode);
    }

    internal const string PersonPassword = "Person123!";

    /// <summary>Adds a person to the admin's tenant; returns their id.</summary>
    internal static async Task<string> CreatePersonAsync(HttpClient admin, string email, string role, string? externalId)
    {
        var response = await admin.PostAsJsonAsync(Users, new { email, display_name = "Pat Person", role, external_id = externalId, password = PersonPassword });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A new person (as <see cref="CreatePersonAsync"/>) signed in twice: with a bearer token and with the sign-in cookie.</summary>
    private async Task<(string Id, HttpClient Bearer, HttpClient Cookie)> PersonSignedInAsync(HttpClient admin, string email, string role, string? externalId)
    {
        var id = await CreatePersonAsync(admin, email, role, externalId);
        var bearer = await app.ClientForAsync(email, PersonPassword);
        return (id, bearer, await LoginForm.SignedInClientAsync(app, email, PersonPassword));
    }

    internal static Task<HttpResponseMessage> UpdateAsync(HttpClient admin, string id, string role, string? externalId, bool isActive) =>
        admin.PutAsJsonAsync($"{Users}/{id}", new { display_name = "Pat Person", role, external_id = externalId, is_active = isActive });
}

/// <summary>
/// The session check keeps a user's state for <c>Auth:SessionCheckSeconds</c> (default 5). A change made by another
/// instance reaches this one through the shared database only: it holds here once the cached entry expires.
/// </summary>
public sealed class SessionCheckCacheTests(SessionCheckCacheTests.FakeClockApp app) : IClassFixture<SessionCheckCacheTests.FakeClockApp>
{
    [Fact]
    public async Task A_deactivation_by_another_instance_holds_here_after_the_session_check_time()
    {
        var agent = await app.ClientForAsync("agent03@acme.test");
        // The app has just started and seeded every user on this instance, which keeps them out of the cache for 5 s.
        app.FakeClock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/gamification/me")).StatusCode);

        // Another instance deactivates the agent: the database changes, this instance's memory does not.
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "agent03@acme.test");
            user.IsActive = false;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/gamification/me")).StatusCode);
        app.FakeClock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/gamification/me")).StatusCode);
        app.FakeClock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/v1/gamification/me")).StatusCode);
    }

    public sealed class FakeClockApp : GamificationAppFactory
    {
        internal FakeTimeProvider FakeClock { get; } = new(TestClock.Shared.GetUtcNow());

        /// <summary>The app runs on the fake clock (the base factory registers this as its TimeProvider).</summary>
        public override TimeProvider Clock => FakeClock;
    }
}
