using System.Net;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Tests.LocalGateway.DataPlane;

namespace ApiGatewayTools.Tests.LocalGateway.Policies;

public sealed class ResourcePolicyTests : IAsyncLifetime
{
    private const string Account = LocalGatewayServer.AccountId;
    private readonly DataPlaneHarness _gateway = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static string Unescaped(string stored) => stored.Replace("\\\"", "\"").Replace("\\/", "/");

    private static string Policy(params object[] statements) => JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements });

    private static object Statement(string effect, string resource = "execute-api:/*", object? condition = null, object? principal = null) => condition is null
        ? new { Effect = effect, Principal = principal ?? "*", Action = "execute-api:Invoke", Resource = resource }
        : new { Effect = effect, Principal = principal ?? "*", Action = "execute-api:Invoke", Resource = resource, Condition = condition };

    private async Task<string> ApiWithMock(string? policy, string authorization = "NONE")
    {
        var apiId = await _gateway.CreateApi(policy is null ? new { name = "guarded" } : new { name = "guarded", policy });
        var resourceId = await _gateway.MockMethod(apiId, "/pets", "GET", """{"ok":true}""");
        if (authorization != "NONE")
        {
            (await _gateway.Client.Patch($"/restapis/{apiId}/resources/{resourceId}/methods/GET",
                new { op = "replace", path = "/authorizationType", value = authorization })).ShouldBe(HttpStatusCode.OK);
        }
        await _gateway.Deploy(apiId);
        return apiId;
    }

    [Fact]
    public async Task The_policy_is_returned_minified_escaped_and_with_short_resources_expanded_as_AWS_returns_it()
    {
        var submitted = """
            {
              "Version": "2012-10-17",
              "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*/GET/*"] }]
            }
            """;
        var created = await _gateway.Client.Post("/restapis", new { name = "with-policy", policy = submitted });
        created.ShouldBe(HttpStatusCode.Created);
        var apiId = created.Str("id");
        var expected = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":["arn:aws:execute-api:us-east-1:{{Account}}:{{apiId}}/*/GET/*"]}]}""";
        Assert.Equal(expected, Unescaped(created.Str("policy")));
        Assert.Contains("\\\"Version\\\"", created.Str("policy"));
        Assert.Contains($"{apiId}\\/*\\/GET\\/*", created.Str("policy"));
        Assert.Equal(created.Str("policy"), (await _gateway.Client.Get($"/restapis/{apiId}")).Str("policy"));

        var replaced = await _gateway.Client.Patch($"/restapis/{apiId}", new { op = "replace", path = "/policy", value = Policy(Statement("Deny")) });
        replaced.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("\\\"Effect\\\":\\\"Deny\\\"", replaced.Str("policy"));

        var cleared = await _gateway.Client.Patch($"/restapis/{apiId}", new { op = "replace", path = "/policy", value = "" });
        Assert.False(cleared.Json.TryGetProperty("policy", out _));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"300.0.0.0/8"}}}]}""")]
    public async Task A_malformed_policy_is_refused_with_AWS_message_and_nothing_changes(string policy)
    {
        const string Message = "Invalid policy document. Please check the policy syntax and ensure that Principals are valid.";
        var created = await _gateway.Client.Post("/restapis", new { name = "bad-policy", policy });
        created.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal(Message, created.ErrorMessage);

        var apiId = await _gateway.CreateApi(new { name = "keeps-policy", policy = Policy(Statement("Allow")) });
        var before = (await _gateway.Client.Get($"/restapis/{apiId}")).Str("policy");
        var updated = await _gateway.Client.Patch($"/restapis/{apiId}",
            new { op = "replace", path = "/description", value = "changed" },
            new { op = "replace", path = "/policy", value = policy });
        updated.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal(Message, updated.ErrorMessage);
        var after = await _gateway.Client.Get($"/restapis/{apiId}");
        Assert.Equal(before, after.Str("policy"));
        Assert.False(after.Json.TryGetProperty("description", out _));
    }

    [Fact]
    public async Task Without_a_policy_every_caller_gets_in_and_an_allow_for_the_source_ip_lets_loopback_in()
    {
        Assert.Equal(200, (await _gateway.Get(await ApiWithMock(null), "/pets")).Status);
        var allowLoopback = Policy(Statement("Allow", condition: new { IpAddress = new Dictionary<string, string[]> { ["aws:SourceIp"] = ["127.0.0.0/8", "::1/128"] } }));
        Assert.Equal(200, (await _gateway.Get(await ApiWithMock(allowLoopback), "/pets")).Status);
    }

    [Fact]
    public async Task No_allow_for_an_unauthenticated_method_is_an_implicit_deny_with_AWS_message()
    {
        var otherNetwork = Policy(Statement("Allow", condition: new { IpAddress = new Dictionary<string, string> { ["aws:SourceIp"] = "192.0.2.0/24" } }));
        var apiId = await ApiWithMock(otherNetwork);
        var refused = await _gateway.Get(apiId, "/pets");
        Assert.Equal(403, refused.Status);
        Assert.Equal("AccessDeniedException", refused.Header("x-amzn-ErrorType"));
        Assert.Equal($$"""{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:{{Account}}:{{apiId}}/prod/GET/pets"}""", refused.Body);
    }

    [Fact]
    public async Task An_explicit_deny_for_the_source_ip_wins_over_the_allow()
    {
        var policy = Policy(Statement("Allow"),
            Statement("Deny", "execute-api:/prod/GET/pets", new { NotIpAddress = new Dictionary<string, string> { ["aws:SourceIp"] = "192.0.2.0/24" } }));
        var apiId = await ApiWithMock(policy);
        var refused = await _gateway.Get(apiId, "/pets");
        Assert.Equal(403, refused.Status);
        Assert.Equal($$"""{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:{{Account}}:{{apiId}}/prod/GET/pets with an explicit deny"}""", refused.Body);
        Assert.Equal("the API's resource policy denies anonymous with an explicit deny", _gateway.Logged(refused).Error);
    }

    [Fact]
    public async Task A_changed_policy_reaches_callers_with_the_next_deployment()
    {
        var apiId = await ApiWithMock(Policy(Statement("Allow")));
        (await _gateway.Client.Patch($"/restapis/{apiId}", new { op = "replace", path = "/policy", value = Policy(Statement("Deny")) })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(200, (await _gateway.Get(apiId, "/pets")).Status);
        await _gateway.Deploy(apiId);
        Assert.Equal(403, (await _gateway.Get(apiId, "/pets")).Status);
    }

    [Fact]
    public async Task An_AWS_IAM_caller_of_the_account_needs_no_allow_but_an_explicit_deny_naming_it_refuses_it()
    {
        var signed = new Dictionary<string, string>
        {
            ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc",
        };
        var noAllow = await ApiWithMock(Policy(Statement("Allow", "execute-api:/other/*")), "AWS_IAM");
        Assert.Equal(200, (await _gateway.Get(noAllow, "/pets", headers: signed)).Status);

        var denyAccount = await ApiWithMock(Policy(Statement("Allow"), Statement("Deny", principal: new { AWS = Account })), "AWS_IAM");
        var refused = await _gateway.Get(denyAccount, "/pets", headers: signed);
        Assert.Equal(403, refused.Status);
        Assert.Equal($$"""{"Message":"User: arn:aws:iam::{{Account}}:root is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:{{Account}}:{{denyAccount}}/prod/GET/pets with an explicit deny"}""", refused.Body);
    }

    [Fact]
    public async Task The_policy_is_decided_after_the_signature_and_before_the_API_key()
    {
        var denyAll = Policy(Statement("Deny"));
        var iam = await ApiWithMock(denyAll, "AWS_IAM");
        Assert.Equal("""{"message":"Missing Authentication Token"}""", (await _gateway.Get(iam, "/pets")).Body);

        var keyed = await _gateway.CreateApi(new { name = "keyed", policy = denyAll });
        var resourceId = await _gateway.MockMethod(keyed, "/pets", "GET", """{"ok":true}""");
        await _gateway.Client.Patch($"/restapis/{keyed}/resources/{resourceId}/methods/GET", new { op = "replace", path = "/apiKeyRequired", value = "true" });
        await _gateway.Deploy(keyed);
        var refused = await _gateway.Get(keyed, "/pets");
        Assert.Equal(403, refused.Status);
        Assert.StartsWith("""{"Message":"User: anonymous is not authorized""", refused.Body);
    }
}

public sealed class StrictInvokeSignatureTests : IAsyncLifetime
{
    private const string AccessKey = "AKIDSTRICTINVOKE";
    private const string SecretKey = "strict-invoke-secret";
    private readonly DataPlaneHarness _gateway = new(new LocalGatewayOptions { StrictAccessKey = AccessKey, StrictSecretKey = SecretKey });
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        var client = new GatewayClient(_gateway.Server, AccessKey, SecretKey);
        var created = await client.Post("/restapis", new { name = "iam" });
        _apiId = created.Str("id");
        var root = (await client.Get($"/restapis/{_apiId}/resources")).Json.GetProperty("item")[0].GetProperty("id").GetString()!;
        var resourceId = await client.CreateResource(_apiId, root, "private");
        (await client.Put($"/restapis/{_apiId}/resources/{resourceId}/methods/GET", new { authorizationType = "AWS_IAM" })).ShouldBe(HttpStatusCode.Created);
        (await client.Put($"/restapis/{_apiId}/resources/{resourceId}/methods/GET/integration",
            new { type = "MOCK", requestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" } })).ShouldBe(HttpStatusCode.Created);
        (await client.Put($"/restapis/{_apiId}/resources/{resourceId}/methods/GET/responses/200", new { })).ShouldBe(HttpStatusCode.Created);
        (await client.Put($"/restapis/{_apiId}/resources/{resourceId}/methods/GET/integration/responses/200", new { })).ShouldBe(HttpStatusCode.Created);
        (await client.Post($"/restapis/{_apiId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<InvokeAnswer> SignedGet(string accessKey, string secretKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _gateway.InvokeUrl(_apiId, "prod", "/private"));
        await new TestSigV4Signer(accessKey, secretKey, "execute-api").SignAsync(request);
        using var http = new HttpClient();
        var response = await http.SendAsync(request);
        return new InvokeAnswer((int)response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_valid_execute_api_signature_gets_in()
    {
        Assert.Equal(200, (await SignedGet(AccessKey, SecretKey)).Status);
    }

    [Fact]
    public async Task A_missing_or_wrong_signature_is_refused_with_AWS_messages()
    {
        var unsigned = await _gateway.Get(_apiId, "/private");
        Assert.Equal(403, unsigned.Status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", unsigned.Body);

        var wrongSecret = await SignedGet(AccessKey, "not-the-secret");
        Assert.Equal(403, wrongSecret.Status);
        Assert.Equal("InvalidSignatureException", wrongSecret.Header("x-amzn-ErrorType"));
        Assert.StartsWith("""{"message":"The request signature we calculated does not match the signature you provided.""", wrongSecret.Body);

        var unknownKey = await SignedGet("AKIDSOMEONEELSE", SecretKey);
        Assert.Equal(403, unknownKey.Status);
        Assert.Equal("""{"message":"The security token included in the request is invalid."}""", unknownKey.Body);
    }
}
