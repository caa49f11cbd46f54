using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class MethodAndIntegrationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string LambdaUri =
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:hello/invocations";

    private readonly GatewayClient _client = new(fixture.Server);

    private async Task<string> NewResource()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var resourceId = await _client.CreateResource(apiId, rootId, "things");
        return $"/restapis/{apiId}/resources/{resourceId}";
    }

    [Fact]
    public async Task Put_get_update_delete_method()
    {
        var resource = await NewResource();

        var put = await _client.Put($"{resource}/methods/get", new
        {
            authorizationType = "NONE",
            apiKeyRequired = true,
            operationName = "ListThings",
            requestParameters = new Dictionary<string, bool> { ["method.request.querystring.page"] = false },
        });
        put.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("GET", put.Str("httpMethod"));
        Assert.True(put.Json.GetProperty("apiKeyRequired").GetBoolean());
        Assert.False(put.Json.GetProperty("requestParameters").GetProperty("method.request.querystring.page").GetBoolean());

        var again = await _client.Put($"{resource}/methods/GET", new { authorizationType = "NONE" });
        again.ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        Assert.Equal("Method already exists for this resource", again.ErrorMessage);

        var updated = await _client.Patch($"{resource}/methods/GET",
            new { op = "replace", path = "/apiKeyRequired", value = "false" },
            new { op = "replace", path = "/operationName", value = "GetThings" },
            new { op = "add", path = "/requestParameters/method.request.header.X-Trace", value = "true" });
        updated.ShouldBe(HttpStatusCode.OK);
        Assert.False(updated.Json.GetProperty("apiKeyRequired").GetBoolean());
        Assert.Equal("GetThings", updated.Str("operationName"));
        Assert.True(updated.Json.GetProperty("requestParameters").GetProperty("method.request.header.X-Trace").GetBoolean());

        (await _client.Delete($"{resource}/methods/GET")).ShouldBe(HttpStatusCode.NoContent);
        var gone = await _client.Get($"{resource}/methods/GET");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Method identifier specified", gone.ErrorMessage);
    }

    [Fact]
    public async Task Method_validation()
    {
        var resource = await NewResource();

        (await _client.Put($"{resource}/methods/FETCH", new { authorizationType = "NONE" })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Put($"{resource}/methods/GET", new { authorizationType = "MAGIC" })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Put($"{resource}/methods/GET", new { apiKeyRequired = true })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Put($"{resource}/methods/GET", new { authorizationType = "CUSTOM" })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        var unknownAuthorizer = await _client.Put($"{resource}/methods/POST", new { authorizationType = "CUSTOM", authorizerId = "abc123" });
        unknownAuthorizer.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.",
            unknownAuthorizer.ErrorMessage);
        (await _client.Put($"{resource}/methods/GET", new { authorizationType = "NONE", requestParameters = new Dictionary<string, bool> { ["query.page"] = true } }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Put($"{resource}/methods/ANY", new { authorizationType = "NONE" })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Method_responses_put_get_delete_and_embed_in_method()
    {
        var resource = await NewResource();
        await _client.Put($"{resource}/methods/GET", new { authorizationType = "NONE" });

        var put = await _client.Put($"{resource}/methods/GET/responses/200", new
        {
            responseParameters = new Dictionary<string, bool> { ["method.response.header.Access-Control-Allow-Origin"] = true },
            responseModels = new Dictionary<string, string> { ["application/json"] = "Empty" },
        });
        put.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("200", put.Str("statusCode"));

        var get = await _client.Get($"{resource}/methods/GET/responses/200");
        Assert.Equal("Empty", get.Json.GetProperty("responseModels").GetProperty("application/json").GetString());
        var method = await _client.Get($"{resource}/methods/GET");
        Assert.Equal("200", method.Json.GetProperty("methodResponses").GetProperty("200").GetProperty("statusCode").GetString());

        (await _client.Put($"{resource}/methods/GET/responses/2000", new { })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Delete($"{resource}/methods/GET/responses/200")).ShouldBe(HttpStatusCode.NoContent);
        (await _client.Get($"{resource}/methods/GET/responses/200")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Integration_defaults_and_embedding()
    {
        var resource = await NewResource();
        var resourceId = resource.Split('/')[^1];
        await _client.Put($"{resource}/methods/GET", new { authorizationType = "NONE" });

        var put = await _client.Put($"{resource}/methods/GET/integration", new { type = "HTTP", httpMethod = "get", uri = "http://example.com/myendpoint" });

        put.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("HTTP", put.Str("type"));
        Assert.Equal("GET", put.Str("httpMethod"));
        Assert.Equal("WHEN_NO_MATCH", put.Str("passthroughBehavior"));
        Assert.Equal(29000, put.Json.GetProperty("timeoutInMillis").GetInt32());
        Assert.Equal(resourceId, put.Str("cacheNamespace"));
        Assert.Equal("INTERNET", put.Str("connectionType"));

        (await _client.Put($"{resource}/methods/GET/integration/responses/200", new { selectionPattern = "" })).ShouldBe(HttpStatusCode.Created);
        var integration = await _client.Get($"{resource}/methods/GET/integration");
        Assert.Equal("200", integration.Json.GetProperty("integrationResponses").GetProperty("200").GetProperty("statusCode").GetString());
        var method = await _client.Get($"{resource}/methods/GET");
        Assert.Equal("http://example.com/myendpoint", method.Json.GetProperty("methodIntegration").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Put_integration_replaces_the_previous_one()
    {
        var resource = await NewResource();
        await _client.AddMockMethod(resource.Split('/')[2], resource.Split('/')[^1]);
        await _client.Put($"{resource}/methods/GET/integration/responses/200", new { });

        var replaced = await _client.Put($"{resource}/methods/GET/integration", new { type = "AWS_PROXY", httpMethod = "POST", uri = LambdaUri });

        replaced.ShouldBe(HttpStatusCode.Created);
        var current = await _client.Get($"{resource}/methods/GET/integration");
        Assert.Equal("AWS_PROXY", current.Str("type"));
        Assert.False(current.Json.TryGetProperty("integrationResponses", out _));
    }

    [Theory]
    [InlineData("""{"type":"HTTP","uri":"http://example.com"}""")]
    [InlineData("""{"type":"HTTP","httpMethod":"GET"}""")]
    [InlineData("""{"type":"HTTP","httpMethod":"GET","uri":"ftp://example.com"}""")]
    [InlineData("""{"type":"HTTP","httpMethod":"GET","uri":"not a uri"}""")]
    [InlineData("""{"type":"AWS_PROXY","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:s3:path/bucket/key"}""")]
    [InlineData("""{"type":"AWS_PROXY","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/hello/invocations"}""")]
    [InlineData("""{"type":"AWS","httpMethod":"POST","uri":"https://example.com"}""")]
    [InlineData("""{"type":"MOCK","timeoutInMillis":49}""")]
    [InlineData("""{"type":"MOCK","timeoutInMillis":29001}""")]
    [InlineData("""{"type":"MOCK","passthroughBehavior":"SOMETIMES"}""")]
    [InlineData("""{"type":"SOAP","httpMethod":"POST","uri":"http://example.com"}""")]
    [InlineData("""{"httpMethod":"POST","uri":"http://example.com"}""")]
    public async Task Invalid_integrations_are_bad_requests(string body)
    {
        var resource = await NewResource();
        await _client.Put($"{resource}/methods/GET", new { authorizationType = "NONE" });

        (await _client.Put($"{resource}/methods/GET/integration", body)).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Get($"{resource}/methods/GET/integration")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Update_and_delete_integration()
    {
        var resource = await NewResource();
        await _client.Put($"{resource}/methods/GET", new { authorizationType = "NONE" });
        await _client.Put($"{resource}/methods/GET/integration", new { type = "HTTP_PROXY", httpMethod = "GET", uri = "https://example.com/{proxy}" });

        var updated = await _client.Patch($"{resource}/methods/GET/integration",
            new { op = "replace", path = "/timeoutInMillis", value = "5000" },
            new { op = "add", path = "/requestParameters/integration.request.header.X-Id", value = "context.requestId" });
        updated.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5000, updated.Json.GetProperty("timeoutInMillis").GetInt32());
        Assert.Equal("context.requestId", updated.Json.GetProperty("requestParameters").GetProperty("integration.request.header.X-Id").GetString());

        (await _client.Patch($"{resource}/methods/GET/integration", new { op = "replace", path = "/timeoutInMillis", value = "1" }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal(5000, (await _client.Get($"{resource}/methods/GET/integration")).Json.GetProperty("timeoutInMillis").GetInt32());

        (await _client.Delete($"{resource}/methods/GET/integration")).ShouldBe(HttpStatusCode.NoContent);
        var gone = await _client.Get($"{resource}/methods/GET/integration");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Integration identifier specified", gone.ErrorMessage);
    }

    [Fact]
    public async Task Integration_responses_put_get_update_delete()
    {
        var resource = await NewResource();
        await _client.AddMockMethod(resource.Split('/')[2], resource.Split('/')[^1]);
        var path = $"{resource}/methods/GET/integration/responses/400";

        var put = await _client.Put(path, new
        {
            selectionPattern = ".*Bad.*",
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"error":"bad"}""" },
        });
        put.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(".*Bad.*", put.Str("selectionPattern"));

        var updated = await _client.Patch(path, new { op = "replace", path = "/selectionPattern", value = "4\\d\\d" });
        Assert.Equal("4\\d\\d", updated.Str("selectionPattern"));
        Assert.Equal("""{"error":"bad"}""", (await _client.Get(path)).Json.GetProperty("responseTemplates").GetProperty("application/json").GetString());

        (await _client.Delete(path)).ShouldBe(HttpStatusCode.NoContent);
        (await _client.Get(path)).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }
}
