using System.Text.Json.Nodes;

namespace Gamification.Tests.Api;

/// <summary>Valid admin bodies for a manual badge, a special challenge and a digital reward, for tests that then spoil a field.</summary>
internal static class CatalogBodies
{
    public static JsonObject Badge(string code, string name, string description) => new()
    {
        ["code"] = code,
        ["name"] = name,
        ["description"] = description,
        ["category"] = "social",
        ["rarity"] = "common",
        ["requirement_type"] = "manual",
        ["requirement_value"] = 1,
        ["points_reward"] = 5,
        ["icon"] = "heart",
    };

    public static JsonObject Challenge(string name, string description) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["type"] = "special",
        ["objective"] = "total_calls",
        ["target"] = 3,
        ["min_rated_calls"] = 0,
        ["points_reward"] = 10,
        ["difficulty"] = "easy",
        ["start_day"] = "2030-01-01",
        ["end_day"] = "2030-01-02",
        ["is_team_challenge"] = false,
    };

    public static JsonObject Reward(string name, string description) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["image_url"] = "https://example.test/reward.png",
        ["category"] = "digital",
        ["points_cost"] = 100,
        ["redemption_details"] = "Code {code}",
    };
}
