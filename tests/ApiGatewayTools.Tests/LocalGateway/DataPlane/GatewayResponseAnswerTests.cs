using System.Net;
using ApiGatewayTools.LocalGateway.DataPlane;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

/// <summary>
/// Customised gateway responses at an invoke URL and in TestInvokeMethod: the failure's own type wins over
/// DEFAULT_4XX/DEFAULT_5XX, which win over API Gateway's default; status, headers and templates as set, once deployed.
/// </summary>
public sealed class GatewayResponseAnswerTests : IAsyncLifetime
{
    private readonly DataPlaneHarness _gateway = new();
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(_apiId, "/pets", "GET", """{"pets":[]}""");
        var keyed = await _gateway.MockMethod(_apiId, "/keyed", "GET", """{"ok":true}""");
        await _gateway.Client.Patch($"/restapis/{_apiId}/resources/{keyed}/methods/GET", new { op = "replace", path = "/apiKeyRequired", value = "true" });
        await _gateway.Method(_apiId, "/backend", "GET", new { type = "HTTP_PROXY", httpMethod = "GET", uri = $"http://127.0.0.1:{TestBackend.FreePort()}/gone" });
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private Task Customise(string type, object response) =>
        _gateway.Client.Put($"/restapis/{_apiId}/gatewayresponses/{type}", response).ContinueWith(t => t.Result.ShouldBe(HttpStatusCode.Created));

    [Theory]
    [InlineData("MissingAuthenticationToken", "MISSING_AUTHENTICATION_TOKEN")]
    [InlineData("InvalidApiKey", "INVALID_API_KEY")]
    [InlineData("Forbidden", "DEFAULT_4XX")]
    [InlineData("Throttled", "THROTTLED")]
    [InlineData("QuotaExceeded", "QUOTA_EXCEEDED")]
    [InlineData("UnsupportedMediaType", "UNSUPPORTED_MEDIA_TYPE")]
    [InlineData("RequestTooLarge", "REQUEST_TOO_LARGE")]
    [InlineData("BadRequestBody", "BAD_REQUEST_BODY")]
    [InlineData("ApiConfigurationError", "API_CONFIGURATION_ERROR")]
    [InlineData("IntegrationFailure", "INTEGRATION_FAILURE")]
    [InlineData("EndpointTimeout", "INTEGRATION_TIMEOUT")]
    [InlineData("Unauthorized", "UNAUTHORIZED")]
    [InlineData("ExpiredToken", "UNAUTHORIZED")]
    [InlineData("AuthorizerExplicitDeny", "ACCESS_DENIED")]
    [InlineData("AuthorizerConfigurationError", "AUTHORIZER_CONFIGURATION_ERROR")]
    public void Each_failure_answers_as_its_gateway_response_type(string failure, string responseType)
    {
        var value = (GatewayFailure)typeof(GatewayFailure).GetField(failure)!.GetValue(null)!;
        Assert.Equal(responseType, value.ResponseType.Name);
        Assert.Contains(value.ResponseType, GatewayResponseType.All);
    }

    [Fact]
    public void Validation_failures_say_what_is_wrong_in_AWS_words()
    {
        Assert.Equal("""{"message": "Invalid request body"}""", System.Text.Encoding.UTF8.GetString(GatewayFailure.BadRequestBody.Body));
        var missing = GatewayFailure.BadRequestParameters("limit, name");
        Assert.Equal(400, missing.StatusCode);
        Assert.Equal("BadRequestException", missing.ErrorType);
        Assert.Equal("""{"message": "Missing required request parameters: [limit, name]"}""", System.Text.Encoding.UTF8.GetString(missing.Body));
        Assert.Equal("BAD_REQUEST_PARAMETERS", missing.ResponseType.Name);
        Assert.Equal("INVALID_SIGNATURE", GatewayFailure.SignatureRefused("InvalidSignatureException", "x").ResponseType.Name);
    }

    [Fact]
    public async Task A_customised_type_answers_with_its_status_headers_and_template_once_deployed()
    {
        await _gateway.Deploy(_apiId, variables: new { owner = "pets-team" });
        await Customise("MISSING_AUTHENTICATION_TOKEN", new
        {
            statusCode = "404",
            responseParameters = new Dictionary<string, string>
            {
                ["gatewayresponse.header.Access-Control-Allow-Origin"] = "'*'",
                ["gatewayresponse.header.X-Asked"] = "method.request.header.X-Trace",
                ["gatewayresponse.header.X-Owner"] = "stageVariables.owner",
                ["gatewayresponse.header.X-Request"] = "context.requestId",
            },
            responseTemplates = new Dictionary<string, string>
            {
                ["application/json"] = """{"error":$context.error.messageString,"type":"$context.error.responseType","stage":"$context.stage","owner":"$stageVariables.owner"}""",
            },
        });
        var before = await _gateway.Get(_apiId, "/nowhere");
        Assert.Equal(403, before.Status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", before.Body);

        await _gateway.Deploy(_apiId, variables: new { owner = "pets-team" });
        var after = await _gateway.Get(_apiId, "/nowhere", headers: new Dictionary<string, string> { ["X-Trace"] = "t-1" });
        Assert.Equal(404, after.Status);
        Assert.Equal("*", after.Header("Access-Control-Allow-Origin"));
        Assert.Equal("t-1", after.Header("X-Asked"));
        Assert.Equal("pets-team", after.Header("X-Owner"));
        Assert.Equal(after.Header("x-amzn-RequestId"), after.Header("X-Request"));
        Assert.Equal("MissingAuthenticationTokenException", after.Header("x-amzn-ErrorType"));
        Assert.Equal("""{"error":"Missing Authentication Token","type":"MISSING_AUTHENTICATION_TOKEN","stage":"prod","owner":"pets-team"}""", after.Body);
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets")).Status);
    }

    [Fact]
    public async Task DEFAULT_4XX_answers_for_every_4XX_type_without_its_own_and_a_type_of_its_own_wins()
    {
        await Customise("DEFAULT_4XX", new
        {
            statusCode = "400",
            responseParameters = new Dictionary<string, string> { ["gatewayresponse.header.Access-Control-Allow-Origin"] = "'https://example.org'" },
        });
        await Customise("INVALID_API_KEY", new
        {
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"hint":"send x-api-key"}""" },
        });
        await _gateway.Deploy(_apiId);

        var unknown = await _gateway.Get(_apiId, "/nowhere");
        Assert.Equal(400, unknown.Status);
        Assert.Equal("https://example.org", unknown.Header("Access-Control-Allow-Origin"));
        Assert.Equal("""{"message":"Missing Authentication Token"}""", unknown.Body);

        var keyless = await _gateway.Get(_apiId, "/keyed");
        Assert.Equal(400, keyless.Status);
        Assert.Null(keyless.Header("Access-Control-Allow-Origin"));
        Assert.Equal("""{"hint":"send x-api-key"}""", keyless.Body);

        var unreachable = await _gateway.Get(_apiId, "/backend");
        Assert.Equal(502, unreachable.Status);
        Assert.Null(unreachable.Header("Access-Control-Allow-Origin"));
        Assert.Equal("""{"message": "Internal server error"}""", unreachable.Body);
    }

    [Fact]
    public async Task DEFAULT_5XX_answers_for_integration_failures_and_throttling_has_its_own()
    {
        await Customise("DEFAULT_5XX", new
        {
            responseParameters = new Dictionary<string, string> { ["gatewayresponse.header.Retry-Later"] = "'yes'" },
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"failed":"$context.error.responseType"}""" },
        });
        await Customise("THROTTLED", new { statusCode = "503" });
        await _gateway.Deploy(_apiId);

        var unreachable = await _gateway.Get(_apiId, "/backend");
        Assert.Equal(502, unreachable.Status);
        Assert.Equal("yes", unreachable.Header("Retry-Later"));
        Assert.Equal("""{"failed":"INTEGRATION_FAILURE"}""", unreachable.Body);

        (await _gateway.Client.Patch($"/restapis/{_apiId}/stages/prod",
            new { op = "replace", path = "/*/*/throttling/rateLimit", value = "0" },
            new { op = "replace", path = "/*/*/throttling/burstLimit", value = "0" })).ShouldBe(HttpStatusCode.OK);
        var throttled = await _gateway.Get(_apiId, "/pets");
        Assert.Equal(503, throttled.Status);
        Assert.Equal("TooManyRequestsException", throttled.Header("x-amzn-ErrorType"));
        Assert.Equal("""{"message":"Too Many Requests"}""", throttled.Body);
    }

    [Fact]
    public async Task TestInvokeMethod_answers_with_the_APIs_current_gateway_responses()
    {
        var resourceId = await _gateway.Resource(_apiId, "/backend");
        await Customise("INTEGRATION_FAILURE", new
        {
            statusCode = "503",
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"down":$context.error.messageString}""" },
        });
        var answer = await _gateway.Client.Post($"/restapis/{_apiId}/resources/{resourceId}/methods/GET", new { });
        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(503, answer.Json.GetProperty("status").GetInt32());
        Assert.Equal("""{"down":"Internal server error"}""", answer.Str("body"));
    }
}
