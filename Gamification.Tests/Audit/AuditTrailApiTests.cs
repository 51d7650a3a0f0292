using System.Text.Json.Nodes;

using Gamification.Tests.Api;

namespace Gamification.Tests.Audit;

/// <summary>
/// Every kind of change made by a person with power writes one audit entry with who, what and the values before and
/// after (docs/rules.md, Audit trail), read through <c>GET /admin/audit</c> as an admin would. Admins only; one tenant
/// never reads another's; nothing edits or deletes an entry.
/// </summary>
public sealed class AuditTrailApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";
    private const string Audit = "/api/v1/gamification/admin/audit";

    private sealed record Row(long Id, string? ActorId, string ActorName, string Kind, string SubjectType, string? SubjectId, string Summary, JsonObject? Before, JsonObject? After);

    private Task<HttpClient> AdminAsync() => app.ClientForAsync("admin@acme.test");

    /// <summary>The entries of one kind, newest first.</summary>
    private static async Task<List<Row>> EntriesAsync(HttpClient admin, string kind)
    {
        var response = await admin.GetAsync($"{Audit}?kind={kind}&page_size=500");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var items = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return items.Select(i => new Row(
            (long)i!["id"]!, (string?)i["actor_id"], (string)i["actor_name"]!, (string)i["kind"]!, (string)i["subject_type"]!,
            (string?)i["subject_id"], (string)i["summary"]!, i["before"] as JsonObject, i["after"] as JsonObject)).ToList();
    }

    /// <summary>Runs <paramref name="action"/> and answers the one entry of <paramref name="kind"/> it wrote, by the acme admin.</summary>
    private async Task<Row> OneNewAsync(HttpClient admin, string kind, Func<Task> action)
    {
        var before = (await EntriesAsync(admin, kind)).Select(r => r.Id).ToHashSet();
        await action();
        var written = (await EntriesAsync(admin, kind)).Where(r => !before.Contains(r.Id)).ToList();
        var row = Assert.Single(written);
        Assert.Equal(await app.UserIdAsync("admin@acme.test"), row.ActorId);
        Assert.Equal("Adam Admin", row.ActorName);
        return row;
    }

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Settings_preset_levels_and_thresholds_record_only_the_values_that_changed()
    {
        var admin = await AdminAsync();
        var settings = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/settings");
        var perCall = settings.GetProperty("points_per_call").GetInt32();

        var changed = await OneNewAsync(admin, "settings_changed", () => OkAsync(admin.PutAsJsonAsync($"{Api}/admin/settings", new { points_per_call = perCall + 3 })));
        Assert.Equal(("settings", perCall, perCall + 3), (changed.SubjectType, (int)changed.Before!["points_per_call"]!, (int)changed.After!["points_per_call"]!));
        Assert.False(changed.After.ContainsKey("name"), "Fields that did not change are not recorded.");

        var preset = await OneNewAsync(admin, "preset_applied", () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/settings/preset", new { preset = "aggressive" })));
        Assert.Contains("aggressive", preset.Summary, StringComparison.Ordinal);
        Assert.Equal(perCall + 3, (int)preset.Before!["points_per_call"]!);
        Assert.Equal("aggressive", (string?)preset.After!["preset"]);

        var levels = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/levels");
        var body = LevelsApiTests.Body(levels);
        var oldName = (string)body[1]["name"]!;
        body[1]["name"] = "Rising star";
        var level = await OneNewAsync(admin, "levels_changed", () => OkAsync(admin.PutAsJsonAsync($"{Api}/admin/levels", new { levels = body })));
        var levelNumber = (int)body[1]["level"]!;
        Assert.Equal([$"level_{levelNumber}"], level.After!.Select(p => p.Key));
        Assert.Equal((oldName, "Rising star"), ((string)level.Before![$"level_{levelNumber}"]!["name"]!, (string)level.After![$"level_{levelNumber}"]!["name"]!));

        var thresholds = await OneNewAsync(admin, "thresholds_changed",
            () => OkAsync(admin.PutAsJsonAsync($"{Api}/analytics/farming-thresholds", new { burst_events = 13 })));
        Assert.Equal((8, 13), ((int)thresholds.Before!["burst_events"]!, (int)thresholds.After!["burst_events"]!));

        // Saving the same values again changes nothing, so it records nothing.
        var count = (await EntriesAsync(admin, "settings_changed")).Count;
        await OkAsync(admin.PutAsJsonAsync($"{Api}/admin/settings", new { points_per_call = (int)preset.After["points_per_call"]! }));
        Assert.Equal(count, (await EntriesAsync(admin, "settings_changed")).Count);
    }

    [Fact]
    public async Task Awards_revocations_and_badge_awards_record_the_balances_before_and_after()
    {
        var admin = await AdminAsync();
        var agentId = await app.UserIdAsync("agent15@acme.test");
        var current = await app.WithDbAsync(db => db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == agentId).Select(p => p.CurrentPoints).SingleOrDefaultAsync());

        var award = await OneNewAsync(admin, "points_awarded",
            () => OkAsync(admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = agentId, points = 40, reason = "Covered the late shift" })));
        Assert.Equal(("user", agentId), (award.SubjectType, award.SubjectId));
        Assert.Equal((current, current + 40), ((long)award.Before!["current_points"]!, (long)award.After!["current_points"]!));
        Assert.Contains("Covered the late shift", award.Summary, StringComparison.Ordinal);

        var revoke = await OneNewAsync(admin, "points_revoked",
            () => OkAsync(admin.PostAsJsonAsync($"{Api}/points/revoke", new { user_id = agentId, points = 15, reason = "Duplicate sale" })));
        Assert.Equal((current + 40, current + 25), ((long)revoke.Before!["current_points"]!, (long)revoke.After!["current_points"]!));

        var badge = await OkAsync(admin.PostAsJsonAsync($"{Api}/admin/badges", CatalogBodies.Badge($"audit_{Guid.NewGuid():n}"[..20], "Audit helper", "Helped the audit.")));
        var badgeId = badge.GetProperty("id").GetInt64();
        var awarded = await OneNewAsync(admin, "badge_awarded",
            () => OkAsync(admin.PostAsJsonAsync($"{Api}/badges/{badgeId}/award", new { user_id = agentId, reason = "Trained the new hires" })));
        Assert.Equal(("user", agentId, "Audit helper"), (awarded.SubjectType, awarded.SubjectId, (string?)awarded.After!["badge"]));
        Assert.Equal(5, (long)awarded.After["points_paid"]!);
    }

    [Fact]
    public async Task People_and_team_changes_are_recorded_and_a_password_reset_never_shows_the_password()
    {
        var admin = await AdminAsync();
        var created = await OneNewAsync(admin, "person_created", () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/users",
            new { email = "audited@acme.test", display_name = "Audited Person", role = "agent", external_id = "agent-audit", password = "Audit123!" })));
        var id = created.SubjectId!;
        Assert.Null(created.Before);
        Assert.Equal(("Audited Person", "agent", "agent-audit"), ((string?)created.After!["display_name"], (string?)created.After["role"], (string?)created.After["external_id"]));

        var changed = await OneNewAsync(admin, "person_changed", () => OkAsync(admin.PutAsJsonAsync($"{Api}/admin/users/{id}",
            new { display_name = "Audited Person", role = "supervisor", external_id = "agent-audit", is_active = false })));
        Assert.Equal(("agent", "supervisor"), ((string?)changed.Before!["role"], (string?)changed.After!["role"]));
        Assert.Equal((true, false), ((bool)changed.Before["is_active"]!, (bool)changed.After["is_active"]!));
        Assert.False(changed.After.ContainsKey("display_name"));

        var reset = await OneNewAsync(admin, "password_reset", () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/users/{id}/password", new { password = "Secret987!" })));
        Assert.Equal(id, reset.SubjectId);
        var raw = await admin.GetStringAsync($"{Audit}?kind=password_reset");
        Assert.DoesNotContain("Secret987!", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("password_hash", raw, StringComparison.Ordinal);

        var team = await OneNewAsync(admin, "team_created", () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/teams", new { name = "Audit Shift" })));
        var renamed = await OneNewAsync(admin, "team_renamed", () => OkAsync(admin.PutAsJsonAsync($"{Api}/admin/teams/{team.SubjectId}", new { name = "Audit Night" })));
        Assert.Equal(("Audit Shift", "Audit Night"), ((string?)renamed.Before!["name"], (string?)renamed.After!["name"]));
        var deleted = await OneNewAsync(admin, "team_deleted", () => admin.DeleteAsync($"{Api}/admin/teams/{team.SubjectId}"));
        Assert.Equal(("Audit Night", null), ((string?)deleted.Before!["name"], deleted.After));
    }

    [Fact]
    public async Task Catalog_edits_stock_and_redemption_decisions_are_recorded()
    {
        var admin = await AdminAsync();
        var code = $"audit_{Guid.NewGuid():n}"[..20];
        var badge = await OneNewAsync(admin, "badge_created",
            () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/badges", CatalogBodies.Badge(code, "Audit badge", "For the audit."))));
        Assert.Equal((null, code), (badge.Before, (string?)badge.After!["code"]));
        var edit = CatalogBodies.Badge(code, "Audit badge", "For the audit.");
        edit["points_reward"] = 25;
        var badgeEdit = await OneNewAsync(admin, "badge_changed", () => OkAsync(admin.PutAsJsonAsync($"{Api}/admin/badges/{badge.SubjectId}", edit)));
        Assert.Equal((5, 25), ((int)badgeEdit.Before!["points_reward"]!, (int)badgeEdit.After!["points_reward"]!));

        var challenge = await OneNewAsync(admin, "challenge_created", () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/challenges", CatalogBodies.Challenge("Audit sprint", "Three calls."))));
        var challengeEdit = CatalogBodies.Challenge("Audit sprint", "Three calls.");
        challengeEdit["target"] = 5;
        var changedChallenge = await OneNewAsync(admin, "challenge_changed", () => OkAsync(admin.PutAsJsonAsync($"{Api}/admin/challenges/{challenge.SubjectId}", challengeEdit)));
        Assert.Equal((3, 5), ((int)changedChallenge.Before!["objective_target"]!, (int)changedChallenge.After!["objective_target"]!));

        var rewardBody = CatalogBodies.Reward("Audit mug", "A mug.");
        rewardBody["stock"] = 4;
        rewardBody["requires_approval"] = true;
        var reward = await OneNewAsync(admin, "reward_created", () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/rewards", rewardBody)));
        rewardBody["points_cost"] = 60;
        var rewardEdit = await OneNewAsync(admin, "reward_changed", () => OkAsync(admin.PutAsJsonAsync($"{Api}/admin/rewards/{reward.SubjectId}", rewardBody)));
        Assert.Equal((100, 60), ((int)rewardEdit.Before!["points_cost"]!, (int)rewardEdit.After!["points_cost"]!));
        var stock = await OneNewAsync(admin, "stock_changed",
            () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/rewards/{reward.SubjectId}/stock", new { change = 6, reason = "Delivery arrived" })));
        Assert.Equal((4, 10), ((int)stock.Before!["stock"]!, (int)stock.After!["stock"]!));

        var agentId = await app.UserIdAsync("agent16@acme.test");
        await OkAsync(admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = agentId, points = 200, reason = "Shop money" }));
        var agent = await app.ClientForAsync("agent16@acme.test");
        var first = (await OkAsync(agent.PostAsJsonAsync($"{Api}/redeem", new { reward_id = long.Parse(reward.SubjectId!, CultureInfo.InvariantCulture) }))).GetProperty("redemption_id").GetInt64();
        var second = (await OkAsync(agent.PostAsJsonAsync($"{Api}/redeem", new { reward_id = long.Parse(reward.SubjectId!, CultureInfo.InvariantCulture) }))).GetProperty("redemption_id").GetInt64();

        var approved = await OneNewAsync(admin, "redemption_approved", () => OkAsync(admin.PostAsync($"{Api}/admin/redemptions/{first}/approve", null)));
        Assert.Equal(("redemption", first.ToString(CultureInfo.InvariantCulture), "pending", "approved"),
            (approved.SubjectType, approved.SubjectId, (string?)approved.Before!["status"], (string?)approved.After!["status"]));
        var issued = await app.WithDbAsync(db => db.UserRedemptions.IgnoreQueryFilters().Where(r => r.Id == first).Select(r => r.RedemptionCode).SingleAsync());
        Assert.DoesNotContain(issued!, approved.After.ToJsonString(), StringComparison.Ordinal);

        var rejected = await OneNewAsync(admin, "redemption_rejected",
            () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/redemptions/{second}/reject", new { reason = "One per person" })));
        Assert.Equal(("rejected", "One per person", 60L), ((string?)rejected.After!["status"], (string?)rejected.After["reason"], (long)rejected.After["points_refunded"]!));
    }

    [Fact]
    public async Task Keys_flags_disputes_and_prizes_are_recorded_with_their_decisions()
    {
        var admin = await AdminAsync();
        var key = await OneNewAsync(admin, "api_key_created", () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/api-keys", new { name = "Audit dialer" })));
        Assert.Equal("Audit dialer", (string?)key.After!["name"]);
        Assert.DoesNotContain("gmk_", key.After.ToJsonString().Replace((string)key.After["prefix"]!, "", StringComparison.Ordinal), StringComparison.Ordinal);
        var revoked = await OneNewAsync(admin, "api_key_revoked", () => admin.DeleteAsync($"{Api}/admin/api-keys/{key.SubjectId}"));
        Assert.Equal((false, true), ((bool)revoked.Before!["revoked"]!, (bool)revoked.After!["revoked"]!));

        var tenantId = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var agentId = await app.UserIdAsync("agent17@acme.test");
        var flagId = await app.AddFlagAsync(tenantId, agentId, FarmingKind.ShortCalls);
        var flag = await OneNewAsync(admin, "flag_decided",
            () => OkAsync(admin.PostAsJsonAsync($"{Api}/analytics/farming-flags/{flagId}/dismiss", new { note = "Short calls were transfers" })));
        Assert.Equal(("open", "dismissed", "Short calls were transfers"), ((string?)flag.Before!["status"], (string?)flag.After!["status"], (string?)flag.After["note"]));

        var agent = await app.ClientForAsync("agent17@acme.test");
        var dispute = (await OkAsync(agent.PostAsJsonAsync($"{Api}/disputes", new { event_id = "evt-audit", message = "My sale is missing." }))).GetProperty("id").GetInt64();
        var decided = await OneNewAsync(admin, "dispute_decided",
            () => OkAsync(admin.PostAsJsonAsync($"{Api}/admin/disputes/{dispute}/resolve", new { decision = "accepted", points = 30, note = "Found it in the CRM" })));
        Assert.Equal(("open", "accepted", 30L), ((string?)decided.Before!["status"], (string?)decided.After!["status"], (long)decided.After["points_awarded"]!));

        var challengeId = await ChallengePrizesApiTests.CreatePrizeChallengeAsync(admin, "Lunch");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EventIngestion>().IngestAsync(tenantId,
                new IncomingEvent($"audit-{Guid.NewGuid():n}", ActivityType.CallCompleted, "agent-17", app.Now), default);
        }
        var completion = await app.WithDbAsync(db => db.UserChallenges.IgnoreQueryFilters()
            .Where(c => c.ChallengeId == challengeId && c.UserId == agentId && c.Completed).Select(c => c.Id).SingleAsync());
        var prize = await OneNewAsync(admin, "prize_handed_out", () => OkAsync(admin.PostAsync($"{Api}/admin/challenges/prizes/{completion}/hand-out", null)));
        Assert.Equal((false, true, "Lunch"), ((bool)prize.Before!["handed_out"]!, (bool)prize.After!["handed_out"]!, (string?)prize.After["prize"]));
    }

    [Fact]
    public async Task Only_admins_read_it_a_tenant_reads_only_its_own_and_filters_and_csv_agree()
    {
        var admin = await AdminAsync();
        await OkAsync(admin.PostAsJsonAsync($"{Api}/admin/teams", new { name = "Audit Filters" }));
        var globex = await app.ClientForAsync("admin@globex.test");
        await OkAsync(globex.PostAsJsonAsync($"{Api}/admin/teams", new { name = "Globex Audit" }));

        foreach (var email in new[] { "agent18@acme.test", "supervisor@acme.test" })
        {
            var client = await app.ClientForAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Audit)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Audit}.csv")).StatusCode);
        }
        var acmeAll = await admin.GetStringAsync($"{Audit}?page_size=500");
        Assert.Contains("Audit Filters", acmeAll, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex Audit", acmeAll, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit Filters", await globex.GetStringAsync($"{Audit}?page_size=500"), StringComparison.Ordinal);

        var adminId = await app.UserIdAsync("admin@acme.test");
        var mine = await admin.GetFromJsonAsync<JsonElement>($"{Audit}?actor_id={adminId}&kind=team_created");
        Assert.All(mine.EnumerateArray(), e => Assert.Equal((adminId, "team_created"), (e.GetProperty("actor_id").GetString(), e.GetProperty("kind").GetString())));
        var today = DateOnly.FromDateTime(mine[0].GetProperty("local_time").GetDateTime());
        var todays = await admin.GetAsync($"{Audit}?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&kind=team_created");
        Assert.Equal(mine.GetArrayLength().ToString(CultureInfo.InvariantCulture), Assert.Single(todays.Headers.GetValues("X-Total-Count")));
        var yesterday = await admin.GetFromJsonAsync<JsonElement>($"{Audit}?to={today.AddDays(-1):yyyy-MM-dd}&kind=team_created");
        Assert.Equal(0, yesterday.GetArrayLength());

        var bad = await admin.GetAsync($"{Audit}?kind=coffee&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));

        var csv = await admin.GetAsync($"{Audit}.csv?kind=team_created");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,at,local_time,actor_id,actor,kind,subject_type,subject_id,summary,before,after", lines[0], StringComparison.Ordinal);
        Assert.Equal(mine.GetArrayLength(), lines.Length - 1);
        Assert.Contains(lines, l => l.Contains("Audit Filters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_trail_cannot_be_changed_or_deleted()
    {
        var admin = await AdminAsync();
        await OkAsync(admin.PostAsJsonAsync($"{Api}/admin/teams", new { name = "Audit Lasting" }));
        var tenantId = await app.TenantIdAsync(DemoSeeder.AcmeName);

        var edit = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            entry.Summary = "Nothing happened";
            return await db.SaveChangesAsync();
        }, tenantId));
        var delete = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync());
            return await db.SaveChangesAsync();
        }, tenantId));

        Assert.IsType<InvalidOperationException>(edit);
        Assert.IsType<InvalidOperationException>(delete);
        Assert.Contains("Audit Lasting", await admin.GetStringAsync($"{Audit}?kind=team_created"), StringComparison.Ordinal);
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Post })
        {
            var response = await admin.SendAsync(new HttpRequestMessage(method, Audit));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
    }
}
