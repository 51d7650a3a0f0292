using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Gamification.Tests.Support;

using Microsoft.EntityFrameworkCore;

namespace Gamification.Tests.Api;

/// <summary>
/// A client written only from the guide's "API Reference": each example posts exactly the guide's body and reads
/// exactly the guide's fields (docs/api.md, Written from the guide?).
/// </summary>
public sealed class GuideExamplesTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The admin awards the agent points the guide's way (user_id, points, action_type); the agent's client.</summary>
    private async Task<HttpClient> AgentAwardedAsync(string email, int points, string actionType)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var userId = await app.UserIdAsync(email);
        await OkJsonAsync(await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = userId, points, action_type = actionType }));
        return await app.ClientForAsync(email);
    }

    [Fact]
    public async Task Get_points_answers_current_points_daily_points_and_streak_days()
    {
        var agent = await app.ClientForAsync("agent03@acme.test");

        var points = await OkJsonAsync(await agent.GetAsync($"{Api}/points"));

        Assert.Equal(JsonValueKind.Number, points.GetProperty("current_points").ValueKind);
        Assert.Equal(JsonValueKind.Number, points.GetProperty("daily_points").ValueKind);
        Assert.Equal(JsonValueKind.Number, points.GetProperty("streak_days").ValueKind);
    }

    [Fact]
    public async Task Award_points_takes_user_id_points_and_action_type_and_the_history_lists_points_action_and_timestamp()
    {
        var agent = await AgentAwardedAsync("agent04@acme.test", 50, "conversion");

        var response = await agent.GetAsync($"{Api}/transactions");
        var history = await OkJsonAsync(response);
        Assert.Equal(JsonValueKind.Array, history.ValueKind);
        var first = history[0];
        Assert.Equal(50, first.GetProperty("points").GetInt64());
        Assert.Equal("conversion", first.GetProperty("action").GetString());
        Assert.True(DateTimeOffset.TryParse(first.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("1", response.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task Badges_carry_id_name_and_earned_date_and_available_badges_a_readable_requirement()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var userId = await app.UserIdAsync("agent05@acme.test");
        var agent = await app.ClientForAsync("agent05@acme.test");
        var available = await OkJsonAsync(await agent.GetAsync($"{Api}/badges/available"));
        var badge = available.EnumerateArray().First(b => b.GetProperty("requirement").GetString()!.StartsWith("Complete", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Number, badge.GetProperty("id").ValueKind);
        Assert.False(string.IsNullOrEmpty(badge.GetProperty("name").GetString()));

        await OkJsonAsync(await admin.PostAsJsonAsync($"{Api}/badges/{badge.GetProperty("id").GetInt64()}/award", new { user_id = userId }));

        var mine = await OkJsonAsync(await agent.GetAsync($"{Api}/badges"));
        var earned = mine.EnumerateArray().Single(b => b.GetProperty("id").GetInt64() == badge.GetProperty("id").GetInt64());
        Assert.Equal(badge.GetProperty("name").GetString(), earned.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, earned.GetProperty("earned_date").ValueKind);
    }

    [Fact]
    public async Task Challenges_carry_id_name_progress_and_target_and_their_progress_completed()
    {
        var agent = await app.ClientForAsync("agent06@acme.test");

        var challenges = await OkJsonAsync(await agent.GetAsync($"{Api}/challenges"));
        var first = challenges[0];
        Assert.False(string.IsNullOrEmpty(first.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Number, first.GetProperty("progress").ValueKind);
        Assert.Equal(JsonValueKind.Number, first.GetProperty("target").ValueKind);
        var progress = await OkJsonAsync(await agent.GetAsync($"{Api}/challenges/{first.GetProperty("id").GetInt64()}/progress"));
        Assert.Equal(JsonValueKind.Number, progress.GetProperty("progress").ValueKind);
        Assert.Equal(JsonValueKind.Number, progress.GetProperty("target").ValueKind);
        Assert.False(progress.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task The_leaderboard_answers_entries_and_user_rank_with_rank_and_points()
    {
        var agent = await app.ClientForAsync("agent07@acme.test");

        var board = await OkJsonAsync(await agent.GetAsync($"{Api}/leaderboard?period=weekly&limit=50"));

        Assert.Equal(JsonValueKind.Array, board.GetProperty("entries").ValueKind);
        Assert.True(board.TryGetProperty("user_rank", out var rank));
        if (rank.ValueKind != JsonValueKind.Null)
        {
            Assert.Equal(JsonValueKind.Number, rank.GetProperty("rank").ValueKind);
            Assert.Equal(JsonValueKind.Number, rank.GetProperty("points").ValueKind);
        }
    }

    [Fact]
    public async Task Rewards_are_a_list_of_id_name_and_cost_and_redeeming_answers_code_and_expiry()
    {
        var agent = await AgentAwardedAsync("agent08@acme.test", 5000, "contest");

        var rewards = await OkJsonAsync(await agent.GetAsync($"{Api}/rewards"));
        Assert.Equal(JsonValueKind.Array, rewards.ValueKind);
        var reward = rewards.EnumerateArray().First(r => r.GetProperty("cost").GetInt32() <= 5000 && !r.GetProperty("requires_approval").GetBoolean());
        Assert.False(string.IsNullOrEmpty(reward.GetProperty("name").GetString()));

        var redeemed = await OkJsonAsync(await agent.PostAsJsonAsync($"{Api}/redeem", new { reward_id = reward.GetProperty("id").GetInt64(), quantity = 1 }));

        Assert.False(string.IsNullOrEmpty(redeemed.GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.String, redeemed.GetProperty("expiry").ValueKind);
        Assert.Equal(redeemed.GetProperty("redemption_code").GetString(), redeemed.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"{Api}/redemptions")).StatusCode);
    }

    [Fact]
    public async Task The_profile_answers_user_points_current_level_badges_active_challenges_and_leaderboard_rank()
    {
        var agent = await app.ClientForAsync("agent09@acme.test");

        var profile = await OkJsonAsync(await agent.GetAsync($"{Api}/profile"));

        Assert.Equal(JsonValueKind.Number, profile.GetProperty("user_points").GetProperty("current_points").ValueKind);
        Assert.Equal(JsonValueKind.Number, profile.GetProperty("current_level").GetProperty("level").ValueKind);
        Assert.Equal(JsonValueKind.Array, profile.GetProperty("badges").ValueKind);
        Assert.Equal(JsonValueKind.Array, profile.GetProperty("active_challenges").ValueKind);
        Assert.Equal(JsonValueKind.Object, profile.GetProperty("leaderboard_rank").ValueKind);
    }
}
