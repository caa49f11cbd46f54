using System.Net;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Tests.LocalGateway.DataPlane.StagePractices;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane.Authorization;

/// <summary>Lambda authorizers at invoke URLs: the event the function gets, the cache and its TTL, the permission, what reaches the integration.</summary>
public sealed class LambdaAuthorizerTests : IAsyncLifetime
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:decider";

    private readonly ManualClock _clock = new();
    private readonly DataPlaneHarness _gateway;
    private readonly List<string> _events = [];
    private string _apiId = "";
    private string _authorizerId = "";

    public LambdaAuthorizerTests()
    {
        _gateway = new DataPlaneHarness(new LocalGatewayOptions { Clock = _clock });
    }

    public async Task InitializeAsync()
    {
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition
        {
            FunctionName = "decider",
            Handler = (invocation, _) =>
            {
                lock (_events)
                {
                    _events.Add(invocation.EventJson);
                }
                using var received = JsonDocument.Parse(invocation.EventJson);
                var methodArn = received.RootElement.GetProperty("methodArn").GetString();
                return Task.FromResult(LocalFunctionResult.Success($$$"""
                    {"principalId":"alice","usageIdentifierKey":"key-1","context":{"tier":"gold","level":3,"admin":false},
                     "policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"{{{methodArn}}}"}]}}
                    """));
            },
        });
        _apiId = await _gateway.CreateApi();
        var created = await _gateway.Client.Post($"/restapis/{_apiId}/authorizers", new
        {
            name = "decider",
            type = "TOKEN",
            authorizerUri = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FunctionArn}/invocations",
            identitySource = "method.request.header.Authorization",
            authorizerResultTtlInSeconds = 60,
        });
        created.ShouldBe(HttpStatusCode.Created);
        _authorizerId = created.Str("id");
        var resourceId = await _gateway.Method(_apiId, "/items/{id}", "GET", new { type = "AWS_PROXY", httpMethod = "POST", uri = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FunctionArn}/invocations" });
        (await _gateway.Client.Patch($"/restapis/{_apiId}/resources/{resourceId}/methods/GET",
            new { op = "replace", path = "/authorizationType", value = "CUSTOM" },
            new { op = "replace", path = "/authorizerId", value = _authorizerId })).ShouldBe(HttpStatusCode.OK);
        await _gateway.Deploy(_apiId);
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    private Task Allow(string sourceArn) =>
        _gateway.Client.Post("/2015-03-31/functions/decider/policy",
            new { StatementId = Guid.NewGuid().ToString("N"), Action = "lambda:InvokeFunction", Principal = "apigateway.amazonaws.com", SourceArn = sourceArn });

    private Task<InvokeAnswer> Call(string token, string path = "/items/7") =>
        _gateway.Get(_apiId, path, headers: new Dictionary<string, string> { ["Authorization"] = token });

    [Fact]
    public async Task Without_a_permission_for_the_authorizer_the_answer_is_500_AuthorizerConfigurationException()
    {
        var answer = await Call("t1");
        Assert.Equal(500, answer.Status);
        Assert.Equal("AuthorizerConfigurationException", answer.Header("x-amzn-ErrorType"));
        Assert.Equal("""{"message": null}""", answer.Body);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task The_TOKEN_event_and_the_proxy_event_carry_what_API_Gateway_sends()
    {
        await Allow($"arn:aws:execute-api:us-east-1:000000000000:{_apiId}/authorizers/{_authorizerId}");
        await Allow($"arn:aws:execute-api:us-east-1:000000000000:{_apiId}/*/GET/items/*");

        var answer = await Call("secret-token");

        Assert.Equal(2, _events.Count);
        using var authorizerEvent = JsonDocument.Parse(_events[0]);
        Assert.Equal("TOKEN", authorizerEvent.RootElement.GetProperty("type").GetString());
        Assert.Equal("secret-token", authorizerEvent.RootElement.GetProperty("authorizationToken").GetString());
        Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{_apiId}/prod/GET/items/7", authorizerEvent.RootElement.GetProperty("methodArn").GetString());
        using var proxyEvent = JsonDocument.Parse(_events[1]);
        var authorizer = proxyEvent.RootElement.GetProperty("requestContext").GetProperty("authorizer");
        Assert.Equal("alice", authorizer.GetProperty("principalId").GetString());
        Assert.Equal("gold", authorizer.GetProperty("tier").GetString());
        Assert.Equal(3, authorizer.GetProperty("level").GetInt32());
        Assert.False(authorizer.GetProperty("admin").GetBoolean());
        Assert.Equal(502, answer.Status); // the same function answers the proxy call with a policy, not a proxy response
    }

    [Fact]
    public async Task A_decision_is_cached_per_token_until_its_TTL_runs_out_and_applies_to_each_method_ARN()
    {
        await Allow($"arn:aws:execute-api:us-east-1:000000000000:{_apiId}/authorizers/{_authorizerId}");
        await Call("t1");
        await Call("t1");
        Assert.Single(_events);

        // The cached policy allows only /items/7: another path under the same token is denied without a new call.
        var other = await Call("t1", "/items/8");
        Assert.Equal(403, other.Status);
        Assert.Equal("""{"Message":"User is not authorized to access this resource"}""", other.Body);
        Assert.Single(_events);

        _clock.Advance(TimeSpan.FromSeconds(59));
        await Call("t1");
        Assert.Single(_events);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Call("t1");
        Assert.Equal(2, _events.Count);
    }

    [Fact]
    public async Task A_changed_authorizer_reaches_callers_only_with_the_next_deployment()
    {
        await Allow($"arn:aws:execute-api:us-east-1:000000000000:{_apiId}/authorizers/{_authorizerId}");
        (await _gateway.Client.Patch($"/restapis/{_apiId}/authorizers/{_authorizerId}",
            new { op = "replace", path = "/identitySource", value = "method.request.header.X-Token" })).ShouldBe(HttpStatusCode.OK);

        Assert.NotEqual(401, (await Call("t1")).Status);
        await _gateway.Deploy(_apiId);
        Assert.Equal(401, (await Call("t1")).Status);
    }

    [Fact]
    public async Task TestInvokeAuthorizer_reports_the_decision_and_never_the_API_key_value()
    {
        await Allow($"arn:aws:execute-api:us-east-1:000000000000:{_apiId}/authorizers/{_authorizerId}");
        var answer = await _gateway.Client.Post($"/restapis/{_apiId}/authorizers/{_authorizerId}", new { headers = new { Authorization = "t1" } });

        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(200, answer.Json.GetProperty("clientStatus").GetInt32());
        Assert.Equal("alice", answer.Str("principalId"));
        Assert.Contains("execute-api:Invoke", answer.Str("policy"), StringComparison.Ordinal);
        Assert.Contains("\"usageIdentifierKey\":\"***\"", answer.Str("log"), StringComparison.Ordinal);
        Assert.DoesNotContain("key-1", answer.Str("log"), StringComparison.Ordinal);
    }
}
