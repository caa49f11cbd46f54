using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>
/// Every Update operation applies its patch all or nothing: a valid first operation followed by a refused
/// one leaves the object exactly as it was, for every kind the control plane patches.
/// </summary>
public sealed class PatchAllOrNothingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    private static readonly object Refused = new { op = "replace", path = "/noSuchField", value = "x" };

    /// <summary>Sends a good operation then a refused one, and proves the object reads back unchanged.</summary>
    private async Task AssertNothingApplied(string path, object goodOperation)
    {
        var before = (await _client.Get(path)).Json.GetRawText();

        var answer = await _client.Patch(path, goodOperation, Refused);

        answer.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid patch path '/noSuchField' specified for op 'replace'.", answer.ErrorMessage);
        Assert.Equal(before, (await _client.Get(path)).Json.GetRawText());
    }

    private async Task<(string ApiId, string ResourceId)> ApiWithMockMethod()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var resourceId = await _client.CreateResource(apiId, rootId, "items");
        await _client.AddMockMethod(apiId, resourceId);
        return (apiId, resourceId);
    }

    [Fact]
    public async Task RestApi()
    {
        var (apiId, _) = await _client.CreateApi();
        await AssertNothingApplied($"/restapis/{apiId}", new { op = "replace", path = "/description", value = "changed" });
    }

    [Fact]
    public async Task Resource()
    {
        var (apiId, resourceId) = await ApiWithMockMethod();
        await AssertNothingApplied($"/restapis/{apiId}/resources/{resourceId}", new { op = "replace", path = "/pathPart", value = "renamed" });
    }

    [Fact]
    public async Task Method()
    {
        var (apiId, resourceId) = await ApiWithMockMethod();
        await AssertNothingApplied($"/restapis/{apiId}/resources/{resourceId}/methods/GET", new { op = "replace", path = "/apiKeyRequired", value = "true" });
    }

    [Fact]
    public async Task Method_response()
    {
        var (apiId, resourceId) = await ApiWithMockMethod();
        var path = $"/restapis/{apiId}/resources/{resourceId}/methods/GET/responses/200";
        (await _client.Put(path, new { })).ShouldBe(HttpStatusCode.Created);
        await AssertNothingApplied(path, new { op = "add", path = "/responseModels/application~1json", value = "Empty" });
    }

    [Fact]
    public async Task Integration()
    {
        var (apiId, resourceId) = await ApiWithMockMethod();
        await AssertNothingApplied($"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration", new { op = "replace", path = "/timeoutInMillis", value = "1000" });
    }

    [Fact]
    public async Task Integration_response()
    {
        var (apiId, resourceId) = await ApiWithMockMethod();
        var path = $"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration/responses/200";
        (await _client.Put(path, new { })).ShouldBe(HttpStatusCode.Created);
        await AssertNothingApplied(path, new { op = "replace", path = "/selectionPattern", value = "2\\d{2}" });
    }

    [Fact]
    public async Task Deployment()
    {
        var (apiId, _) = await ApiWithMockMethod();
        var deploymentId = (await _client.Post($"/restapis/{apiId}/deployments", new { description = "first" })).Str("id");
        await AssertNothingApplied($"/restapis/{apiId}/deployments/{deploymentId}", new { op = "replace", path = "/description", value = "second" });
    }

    [Fact]
    public async Task Stage()
    {
        var (apiId, _) = await ApiWithMockMethod();
        await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "dev" });
        await AssertNothingApplied($"/restapis/{apiId}/stages/dev", new { op = "replace", path = "/variables/color", value = "red" });
    }
}
