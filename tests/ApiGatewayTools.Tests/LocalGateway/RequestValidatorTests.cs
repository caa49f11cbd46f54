using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class RequestValidatorTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task Validators_are_created_listed_updated_and_deleted()
    {
        var (apiId, _) = await _client.CreateApi();
        var path = $"/restapis/{apiId}/requestvalidators";

        var created = await _client.Post(path, new { name = "params", validateRequestParameters = true });
        created.ShouldBe(HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Matches("^[a-z0-9]{6}$", id);
        Assert.False(created.Json.GetProperty("validateRequestBody").GetBoolean());
        Assert.True(created.Json.GetProperty("validateRequestParameters").GetBoolean());
        var second = (await _client.Post(path, new { })).Str("id");

        var page = await _client.Get($"{path}?limit=1");
        Assert.Equal(id, page.Json.GetProperty("item")[0].GetProperty("id").GetString());
        var next = await _client.Get($"{path}?limit=1&position={page.Str("position")}");
        Assert.Equal(second, next.Json.GetProperty("item")[0].GetProperty("id").GetString());
        Assert.False(next.Json.TryGetProperty("position", out _));

        var updated = await _client.Patch($"{path}/{id}",
            new { op = "replace", path = "/name", value = "both" },
            new { op = "replace", path = "/validateRequestBody", value = "true" });
        updated.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("both", updated.Str("name"));
        Assert.True(updated.Json.GetProperty("validateRequestBody").GetBoolean());

        var refused = await _client.Patch($"{path}/{id}",
            new { op = "replace", path = "/name", value = "half" },
            new { op = "replace", path = "/validateRequestBody", value = "maybe" });
        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("both", (await _client.Get($"{path}/{id}")).Str("name"));

        (await _client.Delete($"{path}/{id}")).ShouldBe(HttpStatusCode.Accepted);
        var gone = await _client.Get($"{path}/{id}");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Request Validator identifier specified", gone.ErrorMessage);
    }

    [Fact]
    public async Task Methods_may_name_only_a_validator_of_their_API()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var (otherApiId, _) = await _client.CreateApi("other");
        var foreign = (await _client.Post($"/restapis/{otherApiId}/requestvalidators", new { name = "x" })).Str("id");
        var own = (await _client.Post($"/restapis/{apiId}/requestvalidators", new { name = "y" })).Str("id");
        var methodPath = $"/restapis/{apiId}/resources/{rootId}/methods/POST";

        var unknown = await _client.Put(methodPath, new { authorizationType = "NONE", requestValidatorId = foreign });
        unknown.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid Request Validator identifier specified", unknown.ErrorMessage);
        (await _client.Get(methodPath)).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");

        (await _client.Put(methodPath, new { authorizationType = "NONE", requestValidatorId = own })).ShouldBe(HttpStatusCode.Created);
        (await _client.Patch(methodPath, new { op = "replace", path = "/requestValidatorId", value = foreign }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal(own, (await _client.Get(methodPath)).Str("requestValidatorId"));

        var detached = await _client.Patch(methodPath, new { op = "replace", path = "/requestValidatorId", value = "" });
        detached.ShouldBe(HttpStatusCode.OK);
        Assert.False(detached.Json.TryGetProperty("requestValidatorId", out _));
    }
}
