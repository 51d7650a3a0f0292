using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Gamification.Tests.Support;

namespace Gamification.Tests.Api;

/// <summary>An admin reads and edits the tenant's levels through /api/v1/gamification/admin/levels.</summary>
public sealed class LevelsApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Url = "/api/v1/gamification/admin/levels";

    /// <summary>The PUT body of the levels as GET answers them (level, name, tier, threshold, privileges).</summary>
    internal static List<Dictionary<string, object?>> Body(JsonElement levels) =>
        levels.EnumerateArray().Select(l => new Dictionary<string, object?>
        {
            ["level"] = l.GetProperty("level").GetInt32(),
            ["name"] = l.GetProperty("name").GetString(),
            ["tier"] = l.GetProperty("tier").GetString(),
            ["points_total_required"] = l.GetProperty("points_total_required").GetInt64(),
            ["privileges"] = l.GetProperty("privileges").GetString(),
        }).ToList();

    [Fact]
    public async Task Admin_reads_the_ten_default_levels_with_tiers_privileges_and_badges()
    {
        var admin = await app.ClientForAsync("admin@acme.test");

        var levels = await admin.GetFromJsonAsync<JsonElement>(Url);

        Assert.Equal(10, levels.GetArrayLength());
        var third = levels[3];
        Assert.Equal((4, "Silver", "Silver", 3000L, 1000L), (third.GetProperty("level").GetInt32(), third.GetProperty("name").GetString(),
            third.GetProperty("tier").GetString(), third.GetProperty("points_total_required").GetInt64(), third.GetProperty("points_required").GetInt64()));
        Assert.False(string.IsNullOrWhiteSpace(third.GetProperty("privileges").GetString()));
        Assert.Equal(JsonValueKind.Number, third.GetProperty("badge").GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Null, levels[0].GetProperty("badge").ValueKind);
    }

    [Fact]
    public async Task Admin_saves_a_rename_and_a_new_threshold_and_agents_read_them_on_points()
    {
        var admin = await app.ClientForAsync("admin@globex.test");
        var body = Body(await admin.GetFromJsonAsync<JsonElement>(Url));
        body[1]["name"] = "Rising star";
        body[1]["points_total_required"] = 800;
        body[1]["privileges"] = "Pick your break slot first.";

        var response = await admin.PutAsJsonAsync(Url, new { levels = body });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Rising star", 800L, 800L, 1200L), (saved[1].GetProperty("name").GetString(), saved[1].GetProperty("points_total_required").GetInt64(),
            saved[1].GetProperty("points_required").GetInt64(), saved[2].GetProperty("points_required").GetInt64()));
        var agent = await app.ClientForAsync("agent01@globex.test");
        var points = await agent.GetFromJsonAsync<JsonElement>("/api/v1/gamification/points");
        Assert.Equal(("Rising star", "Pick your break slot first.", 800L),
            (points.GetProperty("next_level_name").GetString(), points.GetProperty("next_level_privileges").GetString(), points.GetProperty("next_level_at").GetInt64()));
        Assert.Equal("Bronze", points.GetProperty("tier").GetString());
        // Acme's levels are untouched.
        var acme = await (await app.ClientForAsync("admin@acme.test")).GetFromJsonAsync<JsonElement>(Url);
        Assert.Equal(1000L, acme[1].GetProperty("points_total_required").GetInt64());
    }

    [Fact]
    public async Task Thresholds_out_of_order_answer_a_400_problem_naming_the_level()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var before = await admin.GetStringAsync(Url);
        var body = Body(JsonDocument.Parse(before).RootElement);
        body[4]["points_total_required"] = 2500;

        var response = await admin.PutAsJsonAsync(Url, new { levels = body });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await IngestionSteps.ProblemAsync(response);
        Assert.Equal("Level 5 must start above level 4 (3,000 points).", problem.GetProperty("errors").GetProperty("levels[5].points_total_required")[0].GetString());
        Assert.Equal(before, await admin.GetStringAsync(Url));
    }

    [Fact]
    public async Task Agents_and_supervisors_cannot_read_or_edit_levels()
    {
        foreach (var email in new[] { "agent01@acme.test", "supervisor@acme.test" })
        {
            var client = await app.ClientForAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(Url, new { levels = Array.Empty<object>() })).StatusCode);
        }
    }
}
