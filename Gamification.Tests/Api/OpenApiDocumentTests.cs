using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gamification.Tests.Api;

/// <summary>
/// The route tables keep what the OpenAPI document says of each operation: a unique name, a summary and a tag, and
/// the 400 validation problem of the endpoints that check their query or body themselves.
/// </summary>
public sealed class OpenApiDocumentTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private static readonly string[] CheckingOperations =
    [
        "CreateTenant", "ListMyTransactions", "AwardPoints", "RevokePoints", "AwardBadge", "ListBadges", "UploadBadgeImage",
        "ListChallenges", "GetLeaderboard", "ListShopRewards", "RedeemReward", "ListRedemptions", "ApproveRedemptions",
        "RejectRedemptions", "ListRewards", "AdjustRewardStock", "GetEngagementAnalytics", "ExportEngagementAnalytics",
        "GetBehaviorAnalytics", "ExportBehaviorAnalytics", "ListFarmingFlags",
    ];

    private async Task<List<(string Id, JsonElement Operation)>> OperationsAsync()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Value.GetProperty("operationId").GetString()!, op.Value)))
            .ToList();
    }

    [Fact]
    public async Task Every_operation_has_a_unique_name_a_summary_and_a_tag()
    {
        var operations = await OperationsAsync();

        // Every named route not excluded from the description (the API and /health) is in the document, and nothing else is.
        var named = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .ToList();
        Assert.True(named.Count > 80, $"only {named.Count} named API routes");
        Assert.Equal(named.Order(StringComparer.Ordinal), operations.Select(o => o.Id).Order(StringComparer.Ordinal));
        Assert.Equal(operations.Count, operations.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("summary").GetString()), o.Id);
            Assert.NotEqual(0, o.Operation.GetProperty("tags").GetArrayLength());
        });
    }

    [Fact]
    public async Task The_endpoints_that_check_their_query_or_body_document_the_validation_problem()
    {
        var operations = (await OperationsAsync()).ToDictionary(o => o.Id, o => o.Operation, StringComparer.Ordinal);

        foreach (var id in CheckingOperations)
        {
            var responses = operations[id].GetProperty("responses");
            Assert.True(responses.TryGetProperty("400", out var problem), id);
            Assert.Equal("#/components/schemas/HttpValidationProblemDetails",
                problem.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        }
        // Positive control beside the list: a read without query values documents no 400.
        Assert.False(operations["GetMyPoints"].GetProperty("responses").TryGetProperty("400", out _));
    }
}
