namespace Gamification.Tests.Api;

public sealed class PlatformApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    [Fact]
    public async Task Operator_creates_a_tenant_with_its_starter_content_and_its_admin_can_sign_in()
    {
        var response = await CreateTenantAsync("Initech Calls", "Europe/Berlin", "aggressive", "admin@initech.test", "Bill Lumbergh", "Initech1!");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("aggressive", created.GetProperty("preset").GetString());
        var id = created.GetProperty("id").GetGuid();
        Assert.EndsWith($"/api/v1/platform/tenants/{id}", response.Headers.Location?.ToString(), StringComparison.Ordinal);

        var (config, levels, badges, categories, rarities, challenges, rewards) = await app.WithDbAsync(async db => (
            await db.GamificationConfigs.SingleAsync(),
            await db.PlayerLevels.CountAsync(),
            await db.Badges.CountAsync(),
            await db.Badges.Select(b => b.Category).Distinct().CountAsync(),
            await db.Badges.Select(b => b.Rarity).Distinct().CountAsync(),
            await db.Challenges.CountAsync(),
            await db.RewardItems.CountAsync()), id);
        Assert.Equal(20, config.PointsPerCall);
        Assert.Equal(100, config.PointsPerConversion);
        Assert.Equal(1000, config.MaxDailyPoints);
        Assert.Equal(10, levels);
        Assert.True(badges >= 40);
        Assert.Equal(Enum.GetValues<BadgeCategory>().Length, categories);
        Assert.Equal(Enum.GetValues<BadgeRarity>().Length, rarities);
        Assert.True(challenges > 0);
        Assert.True(rewards > 0);

        var admin = await app.ClientForAsync("admin@initech.test", "Initech1!");
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/gamification/me");
        Assert.Equal("Initech Calls", me.GetProperty("tenant_name").GetString());
        Assert.Equal("admin", me.GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task Bad_tenant_input_is_a_validation_problem_and_stores_nothing()
    {
        var op = await app.ClientForAsync("operator@platform.test");
        var before = await app.WithDbAsync(db => db.Tenants.CountAsync());

        var response = await op.PostAsJsonAsync("/api/v1/platform/tenants", new
        {
            name = "X",
            time_zone = "Mars/Olympus",
            admin_email = "",
            admin_display_name = "",
            admin_password = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = body.GetProperty("errors");
        foreach (var field in new[] { "name", "time_zone", "admin_email", "admin_display_name", "admin_password" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}");
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.Tenants.CountAsync()));
    }

    [Fact]
    public async Task Unknown_preset_is_refused()
    {
        var response = await CreateTenantAsync("Preset Test", "UTC", "extreme", "a@preset.test", "A", "Preset1!");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Aggressive, Light")]
    public async Task A_preset_given_as_a_number_or_a_list_is_refused_as_the_settings_refuse_it(string preset)
    {
        var before = await app.WithDbAsync(db => db.Tenants.CountAsync());

        var response = await CreateTenantAsync("Numbered Preset", "UTC", preset, "a@numbered.test", "A", "Preset1!");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The preset must be aggressive, moderate or light.", problem.GetProperty("errors").GetProperty("preset")[0].GetString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Tenants.CountAsync()));
    }

    [Fact]
    public async Task Weak_admin_password_rolls_back_the_whole_tenant()
    {
        var response = await CreateTenantAsync("Rollback Co", "UTC", "light", "admin@rollback.test", "Rita", "weak");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Tenants.AnyAsync(t => t.Name == "Rollback Co")));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "admin@rollback.test")));
    }

    [Fact]
    public async Task A_second_tenant_with_the_same_name_is_a_conflict()
    {
        var response = await CreateTenantAsync("Globex Support", "UTC", "light", "other@globex2.test", "Other", "Other123!");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_tenant_created_in_Spanish_starts_with_Spanish_content_and_a_bad_language_is_refused_by_name()
    {
        var op = await app.ClientForAsync("operator@platform.test");
        var before = await app.WithDbAsync(db => db.Tenants.CountAsync());
        var refused = await op.PostAsJsonAsync("/api/v1/platform/tenants", new
        {
            name = "Klingon Calls",
            time_zone = "UTC",
            language = "tlh",
            admin_email = "admin@klingon.test",
            admin_display_name = "Worf",
            admin_password = "Klingon1!",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("language", out _));
        Assert.Equal(before, await app.WithDbAsync(db => db.Tenants.CountAsync()));

        var response = await op.PostAsJsonAsync("/api/v1/platform/tenants", new
        {
            name = "Llamadas Ibéricas",
            time_zone = "Europe/Madrid",
            language = "es",
            admin_email = "admin@ibericas.test",
            admin_display_name = "Lucía Pérez",
            admin_password = "Iberica1!",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (language, badge, challenge, reward, tier) = await app.WithDbAsync(async db => (
            (await db.GamificationConfigs.SingleAsync()).Language,
            (await db.Badges.SingleAsync(b => b.Code == "first_call")).Name,
            (await db.Challenges.OrderBy(c => c.Id).FirstAsync()).Name,
            (await db.RewardItems.SingleAsync(r => r.PointsCost == 250)).Name,
            (await db.PlayerLevels.SingleAsync(l => l.LevelNumber == 10)).Tier), id);
        Assert.Equal(("es", "Bienvenida", "Diez al día", "Pausa extra (15 min)", "Leyenda"), (language, badge, challenge, reward, tier));
        // Its admin reads the tenant's language: the badges page's API gives the Spanish names too.
        var admin = await app.ClientForAsync("admin@ibericas.test", "Iberica1!");
        var badges = await admin.GetFromJsonAsync<JsonElement>("/api/v1/gamification/admin/badges");
        Assert.Contains("Bienvenida", badges.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> CreateTenantAsync(
        string name, string timeZone, string preset, string adminEmail, string adminDisplayName, string adminPassword)
    {
        var op = await app.ClientForAsync("operator@platform.test");
        return await op.PostAsJsonAsync("/api/v1/platform/tenants", new
        {
            name,
            time_zone = timeZone,
            preset,
            admin_email = adminEmail,
            admin_display_name = adminDisplayName,
            admin_password = adminPassword,
        });
    }
}
