namespace Gamification.Tests.Api;

/// <summary>Every name is checked by <see cref="TextRules"/> where its entity is validated: a direction override or a control character is a 400 naming the field.</summary>
public sealed class NameRulesTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";
    private const string Override = "Admin\u202Egnp.exe";
    private const string Bell = "Night\u0007Shift";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // who, path, field, the body's JSON with {0} for the hostile value
        { "admin", $"{Api}/admin/users", "display_name", "{{\"email\":\"n-{1}@acme.test\",\"display_name\":{0},\"role\":\"agent\",\"external_id\":\"n-{1}\",\"password\":\"Names123!x\"}}" },
        { "admin", $"{Api}/admin/teams", "name", "{{\"name\":{0}}}" },
        { "admin", $"{Api}/admin/api-keys", "name", "{{\"name\":{0}}}" },
        { "admin", $"{Api}/admin/badges", "name", "{{\"code\":\"n_{1}\",\"name\":{0},\"description\":\"d\",\"category\":\"social\",\"rarity\":\"common\",\"requirement_type\":\"manual\",\"requirement_value\":1,\"points_reward\":1,\"icon\":\"heart\"}}" },
        { "admin", $"{Api}/admin/badges", "description", "{{\"code\":\"n_{1}\",\"name\":\"Fine\",\"description\":{0},\"category\":\"social\",\"rarity\":\"common\",\"requirement_type\":\"manual\",\"requirement_value\":1,\"points_reward\":1,\"icon\":\"heart\"}}" },
        { "admin", $"{Api}/admin/challenges", "name", "{{\"name\":{0},\"description\":\"d\",\"type\":\"daily\",\"objective\":\"total_calls\",\"target\":2,\"points_reward\":5,\"difficulty\":\"easy\"}}" },
        { "admin", $"{Api}/admin/challenges", "description", "{{\"name\":\"Fine {1}\",\"description\":{0},\"type\":\"daily\",\"objective\":\"total_calls\",\"target\":2,\"points_reward\":5,\"difficulty\":\"easy\"}}" },
        { "admin", $"{Api}/admin/rewards", "name", "{{\"name\":{0},\"category\":\"digital\",\"points_cost\":5}}" },
        { "admin", $"{Api}/admin/rewards", "redemption_details", "{{\"name\":\"Fine {1}\",\"category\":\"digital\",\"points_cost\":5,\"redemption_details\":{0}}}" },
        { "operator", "/api/v1/platform/tenants", "name", "{{\"name\":{0},\"time_zone\":\"UTC\",\"admin_email\":\"t-{1}@names.test\",\"admin_display_name\":\"Ann\",\"admin_password\":\"Names123!x\"}}" },
        { "operator", "/api/v1/platform/tenants", "admin_display_name", "{{\"name\":\"Names {1}\",\"time_zone\":\"UTC\",\"admin_email\":\"t-{1}@names.test\",\"admin_display_name\":{0},\"admin_password\":\"Names123!x\"}}" },
    };

    private async Task<HttpResponseMessage> SendAsync(string who, HttpMethod method, string path, string json)
    {
        var client = await app.ClientForAsync(who == "operator" ? "operator@platform.test" : "admin@acme.test");
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    private static string Body(string template, string value) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, template, JsonSerializer.Serialize(value), Guid.NewGuid().ToString("n")[..8]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_direction_override_or_a_control_character_is_refused_naming_the_field(string who, string path, string field, string template)
    {
        foreach (var hostile in (string[])[Override, Bell])
        {
            var response = await SendAsync(who, HttpMethod.Post, path, Body(template, field is "description" or "redemption_details" ? $"Line one\n{hostile}" : hostile));

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} = {JsonSerializer.Serialize(hostile)}: {(int)response.StatusCode} {text}");
            var message = JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty(field)[0].GetString();
            Assert.Equal(field is "description" or "redemption_details" ? TextRules.TextMessage : TextRules.NameMessage, message);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_name_in_another_script_and_text_with_line_breaks_are_accepted(string who, string path, string field, string template)
    {
        var value = field is "description" or "redemption_details" ? "Line one\n\tLine two {code}" : $"Zoë محمد \ud83e\udd89 {Guid.NewGuid():n}"[..24];

        var response = await SendAsync(who, HttpMethod.Post, path, Body(template, value));

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{field}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_tenants_name_in_the_settings_follows_the_same_rule()
    {
        var admin = await app.ClientForAsync("admin@globex.test");
        var before = await admin.GetStringAsync($"{Api}/admin/settings");

        var response = await admin.PutAsJsonAsync($"{Api}/admin/settings", new { name = "Globex\u202E" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TextRules.NameMessage, (await IngestionSteps.ProblemAsync(response)).GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal(before, await admin.GetStringAsync($"{Api}/admin/settings"));
    }
}
