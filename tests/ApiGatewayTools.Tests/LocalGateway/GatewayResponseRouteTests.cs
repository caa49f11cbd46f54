using System.Net;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>The gateway responses of an API: every type answers, customised or default; put, patch and delete; AWS's refusals.</summary>
public sealed class GatewayResponseRouteTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task Every_type_answers_its_default_until_the_API_customises_it()
    {
        var (apiId, _) = await _client.CreateApi();
        var all = await _client.Get($"/restapis/{apiId}/gatewayresponses");
        all.ShouldBe(HttpStatusCode.OK);
        var items = all.Json.GetProperty("item").EnumerateArray().ToList();
        Assert.Equal(21, items.Count);
        Assert.All(items, item => Assert.True(item.GetProperty("defaultResponse").GetBoolean()));
        var default4xx = items.Single(item => item.GetProperty("responseType").GetString() == "DEFAULT_4XX");
        Assert.False(default4xx.TryGetProperty("statusCode", out _));
        Assert.Equal("""{"message":$context.error.messageString}""", default4xx.GetProperty("responseTemplates").GetProperty("application/json").GetString());
        var throttled = await _client.Get($"/restapis/{apiId}/gatewayresponses/THROTTLED");
        Assert.Equal("429", throttled.Str("statusCode"));
        Assert.Equal("504", (await _client.Get($"/restapis/{apiId}/gatewayresponses/INTEGRATION_TIMEOUT")).Str("statusCode"));
    }

    [Fact]
    public async Task A_customised_type_is_put_patched_and_deleted_back_to_its_default()
    {
        var (apiId, _) = await _client.CreateApi();
        var path = $"/restapis/{apiId}/gatewayresponses/INVALID_API_KEY";
        var put = await _client.Put(path, new
        {
            statusCode = "401",
            responseParameters = new Dictionary<string, string> { ["gatewayresponse.header.Access-Control-Allow-Origin"] = "'*'" },
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"error":"$context.error.responseType"}""" },
        });
        put.ShouldBe(HttpStatusCode.Created);
        Assert.False(put.Json.GetProperty("defaultResponse").GetBoolean());
        Assert.Equal("401", put.Str("statusCode"));

        var patched = await _client.Patch(path,
            new { op = "replace", path = "/statusCode", value = "403" },
            new { op = "add", path = "/responseParameters/gatewayresponse.header.X-Request", value = "context.requestId" });
        patched.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("403", patched.Str("statusCode"));
        Assert.Equal("context.requestId", patched.Json.GetProperty("responseParameters").GetProperty("gatewayresponse.header.X-Request").GetString());

        var refused = await _client.Patch(path,
            new { op = "replace", path = "/statusCode", value = "404" },
            new { op = "replace", path = "/statusCode", value = "600" });
        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("403", (await _client.Get(path)).Str("statusCode"));

        (await _client.Delete(path)).ShouldBe(HttpStatusCode.Accepted);
        var back = await _client.Get(path);
        Assert.True(back.Json.GetProperty("defaultResponse").GetBoolean());
        Assert.Equal("403", back.Str("statusCode"));
        (await _client.Delete(path)).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task What_AWS_refuses_is_refused_with_its_texts()
    {
        var (apiId, _) = await _client.CreateApi();
        var unknown = await _client.Put($"/restapis/{apiId}/gatewayresponses/NOT_A_TYPE", new { });
        unknown.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.StartsWith("1 validation error detected: Value 'NOT_A_TYPE' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [DEFAULT_4XX, DEFAULT_5XX,", unknown.ErrorMessage);

        var status = await _client.Put($"/restapis/{apiId}/gatewayresponses/DEFAULT_4XX", new { statusCode = "99" });
        status.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");

        var value = await _client.Put($"/restapis/{apiId}/gatewayresponses/DEFAULT_4XX", new
        {
            responseParameters = new Dictionary<string, string> { ["gatewayresponse.header.X-Test"] = "test-value" },
        });
        value.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: test-value]", value.ErrorMessage);

        var key = await _client.Put($"/restapis/{apiId}/gatewayresponses/DEFAULT_4XX", new
        {
            responseParameters = new Dictionary<string, string> { ["method.response.header.X-Test"] = "'x'" },
        });
        key.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.True((await _client.Get($"/restapis/{apiId}/gatewayresponses/DEFAULT_4XX")).Json.GetProperty("defaultResponse").GetBoolean());

        (await _client.Get("/restapis/nosuchapi/gatewayresponses")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Customised_responses_survive_a_restart_and_deployments_keep_their_own()
    {
        var folder = Directory.CreateTempSubdirectory("gw-responses-").FullName;
        try
        {
            var options = new LocalGatewayOptions { StatePath = Path.Combine(folder, "state.json") };
            string apiId;
            await using (var first = LocalGatewayServer.Start(options))
            {
                var client = new GatewayClient(first);
                (apiId, var rootId) = await client.CreateApi();
                await client.AddMockMethod(apiId, rootId);
                (await client.Put($"/restapis/{apiId}/gatewayresponses/THROTTLED", new { statusCode = "503" })).ShouldBe(HttpStatusCode.Created);
                (await client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
            }
            await using var second = LocalGatewayServer.Start(options);
            var again = new GatewayClient(second);
            Assert.Equal("503", (await again.Get($"/restapis/{apiId}/gatewayresponses/THROTTLED")).Str("statusCode"));
            var frozen = second.State.RestApis.Get(apiId).Deployments.Values.Single().Snapshot.GatewayResponses;
            Assert.Equal("503", frozen["THROTTLED"].StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
