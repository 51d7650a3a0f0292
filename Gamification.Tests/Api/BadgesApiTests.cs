namespace Gamification.Tests.Api;

public sealed class BadgesApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    /// <summary>A 1x1 transparent PNG.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private Task<int> BadgeCountAsync() => app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().CountAsync());

    private async Task<long> BadgeIdAsync(string tenant, string code)
    {
        var tenantId = await app.TenantIdAsync(tenant);
        return await app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().Where(b => b.TenantId == tenantId && b.Code == code).Select(b => b.Id).SingleAsync());
    }

    private static string UniqueCode() => $"t_{Guid.NewGuid():n}"[..14];

    private static Dictionary<string, object?> NewBadge(string code, string requirementType = "manual", int requirementValue = 1, int pointsReward = 35) => new()
    {
        ["code"] = code,
        ["name"] = $"Test badge {code}",
        ["description"] = "Made by a test.",
        ["category"] = "social",
        ["rarity"] = "legendary",
        ["requirement_type"] = requirementType,
        ["requirement_value"] = requirementValue,
        ["points_reward"] = pointsReward,
        ["icon"] = "heart",
    };

    /// <summary>An admin of Acme creates a badge; returns its view.</summary>
    private async Task<JsonElement> CreateBadgeAsync(HttpClient admin, Dictionary<string, object?> body)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/admin/badges", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static MultipartFormDataContent ImageForm(byte[] bytes, string fileName = "icon.png", string contentType = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task An_agent_sees_earned_badges_with_their_date_and_progress_toward_the_others()
    {
        var agent = await app.ClientForAsync("agent03@acme.test");
        var key = await IngestionSteps.CreateKeyAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-03"))).StatusCode);

        var earned = await agent.GetFromJsonAsync<JsonElement>($"{Api}/badges");
        var available = await agent.GetFromJsonAsync<JsonElement>($"{Api}/badges/available");

        var welcome = Assert.Single(earned.EnumerateArray(), b => b.GetProperty("code").GetString() == "first_call");
        Assert.Equal(await BadgeIdAsync(DemoSeeder.AcmeName, "first_call"), welcome.GetProperty("badge_id").GetInt64());
        Assert.Equal("Welcome", welcome.GetProperty("name").GetString());
        Assert.Equal("milestone", welcome.GetProperty("category").GetString());
        Assert.Equal("common", welcome.GetProperty("rarity").GetString());
        Assert.Equal("phone", welcome.GetProperty("icon").GetString());
        Assert.Equal(10, welcome.GetProperty("points_reward").GetInt32());
        Assert.InRange(welcome.GetProperty("earned_date").GetDateTimeOffset(), app.Now.AddMinutes(-5), app.Now.AddMinutes(1));

        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var active = await app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().CountAsync(b => b.TenantId == acme && b.IsActive));
        var items = available.EnumerateArray().ToList();
        Assert.Equal(active, items.Count);
        var first = Assert.Single(items, b => b.GetProperty("code").GetString() == "first_call");
        Assert.True(first.GetProperty("earned").GetBoolean());
        Assert.Equal(welcome.GetProperty("earned_date").GetDateTimeOffset(), first.GetProperty("earned_date").GetDateTimeOffset());
        var ten = Assert.Single(items, b => b.GetProperty("code").GetString() == "10_calls_completed");
        Assert.False(ten.GetProperty("earned").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ten.GetProperty("earned_date").ValueKind);
        Assert.Equal("total_calls", ten.GetProperty("requirement_type").GetString());
        Assert.Equal(10, ten.GetProperty("requirement_value").GetInt32());
        Assert.Equal(1, ten.GetProperty("progress").GetInt32());
        Assert.Equal(10, ten.GetProperty("target").GetInt32());
        Assert.Equal(10, ten.GetProperty("progress_percent").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(ten.GetProperty("needed").GetString()));
        Assert.All(items, b => Assert.InRange(b.GetProperty("progress_percent").GetInt32(), 0, 100));
    }

    [Fact]
    public async Task An_agent_of_a_tenant_without_activity_has_no_badges_and_sees_only_their_tenants_catalog()
    {
        var agent = await app.ClientForAsync("agent04@globex.test");
        var globex = await app.TenantIdAsync(DemoSeeder.GlobexName);

        var earned = await agent.GetFromJsonAsync<JsonElement>($"{Api}/badges");
        var available = await agent.GetFromJsonAsync<JsonElement>($"{Api}/badges/available");

        Assert.Equal(0, earned.GetArrayLength());
        var ids = await app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().Where(b => b.TenantId == globex && b.IsActive).Select(b => b.Id).ToListAsync());
        Assert.Equal(ids.Order(), available.EnumerateArray().Select(b => b.GetProperty("badge_id").GetInt64()).Order());
        Assert.All(available.EnumerateArray(), b => Assert.False(b.GetProperty("earned").GetBoolean()));
    }

    [Fact]
    public async Task An_admin_creates_a_badge_and_finds_it_in_the_list()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var code = UniqueCode();

        var response = await admin.PostAsJsonAsync($"{Api}/admin/badges", NewBadge(code, "calls_before_hour", 7, 60));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"{Api}/admin/badges/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(code, created.GetProperty("code").GetString());
        Assert.Equal("social", created.GetProperty("category").GetString());
        Assert.Equal("legendary", created.GetProperty("rarity").GetString());
        Assert.Equal("calls_before_hour", created.GetProperty("requirement_type").GetString());
        Assert.Equal(7, created.GetProperty("requirement_value").GetInt32());
        Assert.Equal(60, created.GetProperty("points_reward").GetInt32());
        Assert.True(created.GetProperty("is_active").GetBoolean());
        Assert.Equal(0, created.GetProperty("earned_count").GetInt32());

        var fetched = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/badges/{id}");
        Assert.Equal(created.GetProperty("name").GetString(), fetched.GetProperty("name").GetString());
        var found = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/badges?search={code}");
        Assert.Equal(id, Assert.Single(found.EnumerateArray()).GetProperty("id").GetInt64());
        var filtered = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/badges?category=social&rarity=legendary");
        Assert.Contains(filtered.EnumerateArray(), b => b.GetProperty("id").GetInt64() == id);
        Assert.All(filtered.EnumerateArray(), b =>
        {
            Assert.Equal("social", b.GetProperty("category").GetString());
            Assert.Equal("legendary", b.GetProperty("rarity").GetString());
        });
        var otherCategory = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/badges?category=milestone");
        Assert.DoesNotContain(otherCategory.EnumerateArray(), b => b.GetProperty("id").GetInt64() == id);
        var all = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/badges");
        Assert.True(all.GetArrayLength() >= 41);

        var agent = await app.ClientForAsync("agent11@acme.test");
        var available = await agent.GetFromJsonAsync<JsonElement>($"{Api}/badges/available");
        Assert.Contains(available.EnumerateArray(), b => b.GetProperty("badge_id").GetInt64() == id);
    }

    [Theory]
    [InlineData("category=shiny", "category")]
    [InlineData("rarity=mythic", "rarity")]
    [InlineData("include_inactive=maybe", "include_inactive")]
    public async Task A_bad_list_filter_is_a_400_problem_naming_it(string query, string field)
    {
        await IngestionSteps.AssertGetRefusedAsync(app, "admin@acme.test", $"{Api}/admin/badges?{query}", field);
    }

    [Theory]
    [InlineData("duplicate_code", "code")]
    [InlineData("requirement_value_0", "requirement_value")]
    [InlineData("unknown_requirement_type", "requirement_type")]
    [InlineData("missing_name", "name")]
    [InlineData("unknown_category", "category")]
    [InlineData("unknown_rarity", "rarity")]
    [InlineData("requirement_value_text", "requirement_value")]
    [InlineData("missing_requirement_type", "requirement_type")]
    public async Task A_bad_badge_is_refused_with_400_naming_the_field_and_nothing_is_stored(string scenario, string field)
    {
        var body = NewBadge(UniqueCode(), "total_calls", 5);
        switch (scenario)
        {
            case "duplicate_code": body["code"] = "first_call"; break;
            case "requirement_value_0": body["requirement_value"] = 0; break;
            case "unknown_requirement_type": body["requirement_type"] = "calls_on_the_moon"; break;
            case "missing_name": body.Remove("name"); break;
            case "unknown_category": body["category"] = "gossip"; break;
            case "unknown_rarity": body["rarity"] = "mythic"; break;
            case "requirement_value_text": body["requirement_value"] = "ten"; break;
            case "missing_requirement_type": body.Remove("requirement_type"); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        await IngestionSteps.AssertPostRefusedAsync(app, "admin@acme.test", $"{Api}/admin/badges", body, field, BadgeCountAsync);
    }

    [Fact]
    public async Task An_unknown_enum_value_names_the_accepted_ones()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var body = NewBadge(UniqueCode());
        body["requirement_type"] = "calls_before_lunch";

        var response = await admin.PostAsJsonAsync($"{Api}/admin/badges", body);

        var message = (await IngestionSteps.ProblemAsync(response)).GetProperty("errors").GetProperty("requirement_type")[0].GetString();
        Assert.Contains("calls_before_lunch", message, StringComparison.Ordinal);
        Assert.Contains("calls_before_hour", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_edit_changes_nothing()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var created = await CreateBadgeAsync(admin, NewBadge(UniqueCode()));
        var id = created.GetProperty("id").GetInt64();
        var body = NewBadge(created.GetProperty("code").GetString()!);
        body["name"] = "Renamed";
        body["rarity"] = "ultra";

        var response = await admin.PutAsJsonAsync($"{Api}/admin/badges/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(created.GetProperty("name").GetString(), (await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/badges/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Another_tenants_badge_is_404_for_get_update_award_and_deactivate()
    {
        var acmeBadge = await BadgeIdAsync(DemoSeeder.AcmeName, "helpful_teammate");
        var globex = await app.ClientForAsync("admin@globex.test");
        var globexAgent = await app.UserIdAsync("agent01@globex.test");
        var body = NewBadge(UniqueCode());

        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"{Api}/admin/badges/{acmeBadge}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PutAsJsonAsync($"{Api}/admin/badges/{acmeBadge}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostAsJsonAsync($"{Api}/badges/{acmeBadge}/award", new { user_id = globexAgent, reason = "Cross-tenant" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostAsync($"{Api}/admin/badges/{acmeBadge}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostAsync($"{Api}/admin/badges/{acmeBadge}/activate", null)).StatusCode);

        var stored = await app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().AsNoTracking().SingleAsync(b => b.Id == acmeBadge));
        Assert.True(stored.IsActive);
        Assert.Equal("helpful_teammate", stored.Code);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserBadges.IgnoreQueryFilters().CountAsync(u => u.BadgeId == acmeBadge)));
    }

    [Fact]
    public async Task Awarding_a_user_of_another_tenant_is_404()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var created = await CreateBadgeAsync(admin, NewBadge(UniqueCode()));
        var globexAgent = await app.UserIdAsync("agent02@globex.test");

        var response = await admin.PostAsJsonAsync($"{Api}/badges/{created.GetProperty("id").GetInt64()}/award", new { user_id = globexAgent, reason = "Cross-tenant" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserBadges.IgnoreQueryFilters().CountAsync(u => u.UserId == globexAgent)));
    }

    [Theory]
    [InlineData("agent01@acme.test")]
    [InlineData("supervisor@acme.test")]
    public async Task Only_an_admin_edits_awards_and_uploads(string email)
    {
        var client = await app.ClientForAsync(email);
        var badge = await BadgeIdAsync(DemoSeeder.AcmeName, "mentor");
        var self = await app.UserIdAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/badges")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/badges/{badge}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/admin/badges", NewBadge(UniqueCode()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"{Api}/admin/badges/{badge}", NewBadge(UniqueCode()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Api}/admin/badges/{badge}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Api}/admin/badges/{badge}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/badges/{badge}/award", new { user_id = self, reason = "Me" })).StatusCode);
        using var form = ImageForm(TinyPng);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Api}/admin/badges/images", form)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserBadges.IgnoreQueryFilters().CountAsync(u => u.UserId == self && u.BadgeId == badge)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Api}/badges")).StatusCode);
    }

    [Fact]
    public async Task Editing_or_deactivating_a_badge_keeps_it_for_those_who_earned_it()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent07@acme.test");
        var other = await app.ClientForAsync("agent15@acme.test");
        var code = UniqueCode();
        var id = (await CreateBadgeAsync(admin, NewBadge(code))).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{Api}/badges/{id}/award",
            new { user_id = await app.UserIdAsync("agent07@acme.test"), reason = "Helped the new starters" })).StatusCode);

        var edit = NewBadge(code);
        edit["name"] = "Renamed by a test";
        edit["requirement_value"] = 3;
        var edited = await admin.PutAsJsonAsync($"{Api}/admin/badges/{id}", edit);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Renamed by a test", (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        var deactivated = await admin.PostAsync($"{Api}/admin/badges/{id}/deactivate", null);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        var view = await deactivated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(view.GetProperty("is_active").GetBoolean());
        Assert.Equal(1, view.GetProperty("earned_count").GetInt32());
        var mine = Assert.Single((await agent.GetFromJsonAsync<JsonElement>($"{Api}/badges")).EnumerateArray(), b => b.GetProperty("badge_id").GetInt64() == id);
        Assert.Equal("Renamed by a test", mine.GetProperty("name").GetString());
        Assert.Equal("Helped the new starters", mine.GetProperty("reason").GetString());
        // Locked and offered no more; those who have it may still see it among their earned ones.
        Assert.All((await agent.GetFromJsonAsync<JsonElement>($"{Api}/badges/available")).EnumerateArray().Where(b => b.GetProperty("badge_id").GetInt64() == id),
            b => Assert.True(b.GetProperty("earned").GetBoolean()));
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement>($"{Api}/badges/available")).EnumerateArray(), b => b.GetProperty("badge_id").GetInt64() == id);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/badges?include_inactive=false")).EnumerateArray(), b => b.GetProperty("id").GetInt64() == id);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/badges")).EnumerateArray(), b => b.GetProperty("id").GetInt64() == id);

        var activated = await admin.PostAsync($"{Api}/admin/badges/{id}/activate", null);
        Assert.True((await activated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("is_active").GetBoolean());
        Assert.Contains((await agent.GetFromJsonAsync<JsonElement>($"{Api}/badges/available")).EnumerateArray(),
            b => b.GetProperty("badge_id").GetInt64() == id && b.GetProperty("earned").GetBoolean());
    }

    [Fact]
    public async Task A_manual_award_pays_the_badges_points_once_and_a_second_award_is_409()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent08@acme.test");
        var agentId = await app.UserIdAsync("agent08@acme.test");
        var id = (await CreateBadgeAsync(admin, NewBadge(UniqueCode(), pointsReward: 35))).GetProperty("id").GetInt64();
        var before = await agent.GetFromJsonAsync<JsonElement>($"{Api}/points");

        var response = await admin.PostAsJsonAsync($"{Api}/badges/{id}/award", new { user_id = agentId, reason = "Coached a new colleague" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(agentId, result.GetProperty("user_id").GetString());
        Assert.Equal(id, result.GetProperty("badge_id").GetInt64());
        Assert.Equal(35, result.GetProperty("points_awarded").GetInt64());
        Assert.True(result.TryGetProperty("earned_at", out _));
        var after = await agent.GetFromJsonAsync<JsonElement>($"{Api}/points");
        Assert.Equal(before.GetProperty("current_points").GetInt64() + 35, after.GetProperty("current_points").GetInt64());
        Assert.Equal(before.GetProperty("lifetime_points").GetInt64() + 35, after.GetProperty("lifetime_points").GetInt64());
        Assert.Equal(after.GetProperty("current_points").GetInt64(), result.GetProperty("current_points").GetInt64());
        var ledger = await agent.GetFromJsonAsync<JsonElement>($"{Api}/transactions?type=badge_reward");
        Assert.Equal(35, Assert.Single(ledger.EnumerateArray()).GetProperty("points").GetInt64());

        var again = await admin.PostAsJsonAsync($"{Api}/badges/{id}/award", new { user_id = agentId, reason = "Twice" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(409, (await IngestionSteps.ProblemAsync(again)).GetProperty("status").GetInt32());
        Assert.Equal(after.GetProperty("current_points").GetInt64(), (await agent.GetFromJsonAsync<JsonElement>($"{Api}/points")).GetProperty("current_points").GetInt64());
        Assert.Equal(1, await app.WithDbAsync(db => db.UserBadges.IgnoreQueryFilters().CountAsync(u => u.UserId == agentId && u.BadgeId == id)));
    }

    [Theory]
    [InlineData(false, true, "user_id")]
    [InlineData(true, false, "reason")]
    public async Task An_award_without_a_user_or_with_a_blank_reason_is_400_and_awards_nothing(bool withUser, bool withReason, string field)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var id = (await CreateBadgeAsync(admin, NewBadge(UniqueCode()))).GetProperty("id").GetInt64();

        var response = await admin.PostAsJsonAsync($"{Api}/badges/{id}/award",
            new { user_id = withUser ? await app.UserIdAsync("agent12@acme.test") : null, reason = withReason ? "Because" : "   " });

        await IngestionSteps.AssertFieldErrorAsync(response, field);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserBadges.IgnoreQueryFilters().CountAsync(u => u.BadgeId == id)));
    }

    [Fact]
    public async Task An_inactive_badge_cannot_be_awarded()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var id = (await CreateBadgeAsync(admin, NewBadge(UniqueCode()))).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Api}/admin/badges/{id}/deactivate", null)).StatusCode);

        var response = await admin.PostAsJsonAsync($"{Api}/badges/{id}/award", new { user_id = await app.UserIdAsync("agent12@acme.test"), reason = "Late" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserBadges.IgnoreQueryFilters().CountAsync(u => u.BadgeId == id)));
    }

    [Fact]
    public async Task An_uploaded_png_is_served_back_to_the_tenant_only_and_can_be_a_badges_icon()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        using var form = ImageForm(TinyPng);

        var response = await admin.PostAsync($"{Api}/admin/badges/images", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploaded = await response.Content.ReadFromJsonAsync<JsonElement>();
        var icon = uploaded.GetProperty("icon").GetString()!;
        Assert.StartsWith("image:", icon, StringComparison.Ordinal);
        var url = uploaded.GetProperty("url").GetString()!;
        Assert.Equal($"{Api}/badges/images/{icon["image:".Length..]}", url);
        Assert.Equal(url, response.Headers.Location?.OriginalString);

        var agent = await app.ClientForAsync("agent13@acme.test");
        var image = await agent.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TinyPng, await image.Content.ReadAsByteArrayAsync());
        Assert.True(image.Headers.CacheControl?.Private);
        Assert.Equal(TimeSpan.FromDays(1), image.Headers.CacheControl?.MaxAge);
        Assert.Equal("nosniff", Assert.Single(image.Headers.GetValues("X-Content-Type-Options")));

        var globexAgent = await app.ClientForAsync("agent01@globex.test");
        Assert.Equal(HttpStatusCode.NotFound, (await globexAgent.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"{Api}/badges/images/999999")).StatusCode);

        var body = NewBadge(UniqueCode());
        body["icon"] = icon;
        Assert.Equal(icon, (await CreateBadgeAsync(admin, body)).GetProperty("icon").GetString());
    }

    [Fact]
    public async Task A_text_file_named_png_is_refused()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        using var form = ImageForm(Encoding.UTF8.GetBytes("<svg onload=alert(1)>not an image</svg>"));

        var response = await admin.PostAsync($"{Api}/admin/badges/images", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await IngestionSteps.ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(BadgeIcons.MaxImageBytes + 1)]
    [InlineData(1024 * 1024)]
    public async Task An_image_over_the_limit_is_refused_with_413(int size)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var bytes = new byte[size];
        TinyPng.AsSpan(0, 8).CopyTo(bytes);
        using var form = ImageForm(bytes);

        var response = await admin.PostAsync($"{Api}/admin/badges/images", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await IngestionSteps.ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_image_over_1024_pixels_a_side_is_400_naming_file_and_one_at_the_limit_uploads()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var images = await app.WithDbAsync(db => db.BadgeImages.IgnoreQueryFilters().CountAsync());
        using var huge = ImageForm(Gamification.Tests.Badges.TestImages.Of("webp-vp8x", 16000, 16000), "huge.webp", "image/webp");
        using var atLimit = ImageForm(Gamification.Tests.Badges.TestImages.Of("gif", 1024, 1024), "limit.gif", "image/gif");

        var refused = await admin.PostAsync($"{Api}/admin/badges/images", huge);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("The image is 16000 × 16000 pixels; a badge image is at most 1024 × 1024 pixels.",
            (await IngestionSteps.ProblemAsync(refused)).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(images, await app.WithDbAsync(db => db.BadgeImages.IgnoreQueryFilters().CountAsync()));
        var uploaded = await admin.PostAsync($"{Api}/admin/badges/images", atLimit);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upload_without_a_file_field_is_400_naming_file()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var file = new ByteArrayContent(TinyPng);
        using var form = new MultipartFormDataContent { { file, "image", "icon.png" } };

        var response = await admin.PostAsync($"{Api}/admin/badges/images", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(response)).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_badge_and_challenge_endpoints()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/gamification/badges", "/api/v1/gamification/badges/available", "/api/v1/gamification/badges/images/{id}",
            "/api/v1/gamification/badges/{id}/award", "/api/v1/gamification/admin/badges", "/api/v1/gamification/admin/badges/images",
            "/api/v1/gamification/challenges", "/api/v1/gamification/challenges/{id}/progress", "/api/v1/gamification/admin/challenges/{id}/end",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }
}
