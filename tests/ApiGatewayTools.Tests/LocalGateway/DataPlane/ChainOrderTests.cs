namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

/// <summary>
/// The data plane checks a request in API Gateway's order: a request that fails two checks gets the
/// answer of the earlier one, and the integration never runs for a request a check refused.
/// </summary>
public sealed class ChainOrderTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Signed = new()
    {
        ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc",
    };

    private readonly DataPlaneHarness _gateway = new();
    private readonly TestBackend _backend = new(context => TestBackend.Answer(context, 200, """{"reached":true}"""));
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        // Every check applies to /guarded: AWS_IAM, an API key, and an integration that records being reached.
        var resourceId = await _gateway.Method(_apiId, "/guarded", "GET", new { type = "HTTP_PROXY", httpMethod = "GET", uri = _backend.BaseUrl + "/guarded" });
        await _gateway.Client.Patch($"/restapis/{_apiId}/resources/{resourceId}/methods/GET",
            new { op = "replace", path = "/authorizationType", value = "AWS_IAM" },
            new { op = "replace", path = "/apiKeyRequired", value = "true" });
        await _gateway.Deploy(_apiId);
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_the_stage_is_looked_up()
    {
        var answer = await _gateway.Invoke(_apiId, "nostage", HttpMethod.Post, "/guarded", new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]));
        Assert.Equal(413, answer.Status);
        Assert.Equal("RequestTooLargeException", answer.Header("x-amzn-ErrorType"));
    }

    [Fact]
    public async Task An_unknown_stage_is_refused_before_the_route_is_matched()
    {
        var answer = await _gateway.Get(_apiId, "/nowhere", stage: "nostage");
        Assert.Equal(403, answer.Status);
        Assert.Equal("ForbiddenException", answer.Header("x-amzn-ErrorType"));
        Assert.Equal("no stage nostage in API " + _apiId, Logged(answer).Error);
    }

    [Fact]
    public async Task An_unknown_route_beats_a_missing_signature_and_API_key()
    {
        var answer = await _gateway.Get(_apiId, "/guarded/nowhere");
        Assert.Equal(403, answer.Status);
        Assert.Equal("MissingAuthenticationTokenException", answer.Header("x-amzn-ErrorType"));
        Assert.Equal("no resource matches /guarded/nowhere", Logged(answer).Error);
    }

    [Fact]
    public async Task A_missing_signature_beats_a_missing_API_key_and_the_integration()
    {
        var answer = await _gateway.Get(_apiId, "/guarded");
        Assert.Equal(403, answer.Status);
        Assert.Equal("MissingAuthenticationTokenException", answer.Header("x-amzn-ErrorType"));
        var entry = Logged(answer);
        Assert.Equal("an AWS_IAM method was called without a signature", entry.Error);
        Assert.Equal("/guarded", entry.ResourcePath);
        Assert.Null(entry.IntegrationType);
        Assert.Null(_backend.Last);
    }

    [Fact]
    public async Task A_missing_API_key_beats_the_integration()
    {
        var answer = await _gateway.Get(_apiId, "/guarded", headers: Signed);
        Assert.Equal(403, answer.Status);
        Assert.Equal("""{"message":"Forbidden"}""", answer.Body);
        Assert.Null(Logged(answer).IntegrationType);
        Assert.Null(_backend.Last);
    }

    [Fact]
    public async Task A_request_that_passes_every_check_reaches_the_integration()
    {
        var (_, key) = await _gateway.Subscribe(_apiId);
        var answer = await _gateway.Get(_apiId, "/guarded", headers: new Dictionary<string, string>(Signed) { ["x-api-key"] = key });
        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"reached":true}""", answer.Body);
        Assert.Equal("HTTP_PROXY", Logged(answer).IntegrationType);
        Assert.NotNull(_backend.Last);
    }

    private ApiGatewayTools.LocalGateway.LocalRequestLogEntry Logged(InvokeAnswer answer) =>
        _gateway.Server.RecentRequests.Single(entry => entry.RequestId == answer.Header("x-amzn-RequestId"));
}
