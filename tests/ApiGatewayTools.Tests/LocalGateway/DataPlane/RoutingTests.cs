namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

public sealed class RoutingTests : IAsyncLifetime
{
    private readonly DataPlaneHarness _gateway = new();
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(_apiId, "/pets", "GET", """{"route":"list"}""");
        await _gateway.MockMethod(_apiId, "/pets/mine", "GET", """{"route":"mine"}""");
        await _gateway.MockMethod(_apiId, "/pets/{petId}", "GET", """{"route":"one","petId":"$input.params('petId')"}""");
        await _gateway.MockMethod(_apiId, "/pets/{petId}", "ANY", """{"route":"any"}""");
        await _gateway.MockMethod(_apiId, "/files/{proxy+}", "GET", """{"route":"files","proxy":"$input.params('proxy')"}""");
        await _gateway.MockMethod(_apiId, "/", "GET", """{"route":"root"}""");
        await _gateway.Resource(_apiId, "/empty");
        await _gateway.Deploy(_apiId);
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Fact]
    public async Task A_literal_resource_wins_over_a_parameter_sibling()
    {
        var answer = await _gateway.Get(_apiId, "/pets/mine");
        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"route":"mine"}""", answer.Body);
    }

    [Fact]
    public async Task A_parameter_resource_captures_the_decoded_segment()
    {
        var answer = await _gateway.Get(_apiId, "/pets/a%20b");
        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"route":"one","petId":"a b"}""", answer.Body);
    }

    [Fact]
    public async Task A_greedy_resource_takes_every_remaining_segment()
    {
        var answer = await _gateway.Get(_apiId, "/files/a/b/c.txt");
        Assert.Equal("""{"route":"files","proxy":"a/b/c.txt"}""", answer.Body);
    }

    [Fact]
    public async Task A_greedy_resource_needs_at_least_one_segment()
    {
        var answer = await _gateway.Get(_apiId, "/files");
        Assert.Equal(403, answer.Status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", answer.Body);
    }

    [Fact]
    public async Task ANY_serves_verbs_that_have_no_method_of_their_own()
    {
        var deleted = await _gateway.Invoke(_apiId, "prod", HttpMethod.Delete, "/pets/7");
        Assert.Equal("""{"route":"any"}""", deleted.Body);
        var fetched = await _gateway.Get(_apiId, "/pets/7");
        Assert.Equal("""{"route":"one","petId":"7"}""", fetched.Body);
    }

    [Fact]
    public async Task The_root_resource_answers_the_stage_url_itself()
    {
        Assert.Equal("""{"route":"root"}""", (await _gateway.Get(_apiId, "")).Body);
        Assert.Equal("""{"route":"root"}""", (await _gateway.Get(_apiId, "/")).Body);
    }

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/pets/1/2")]
    [InlineData("/empty")]
    public async Task Unknown_routes_are_missing_authentication_token(string path)
    {
        var answer = await _gateway.Get(_apiId, path);
        Assert.Equal(403, answer.Status);
        Assert.Equal("MissingAuthenticationTokenException", answer.Header("x-amzn-ErrorType"));
        Assert.Equal("""{"message":"Missing Authentication Token"}""", answer.Body);
    }

    [Fact]
    public async Task A_verb_without_a_method_on_a_known_resource_is_missing_authentication_token()
    {
        var answer = await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/pets", DataPlaneHarness.Json("{}"));
        Assert.Equal(403, answer.Status);
        Assert.Equal("MissingAuthenticationTokenException", answer.Header("x-amzn-ErrorType"));
    }

    [Theory]
    [InlineData("nostage")]
    [InlineData("otherapi")]
    public async Task An_unknown_stage_or_api_is_forbidden(string what)
    {
        var answer = what == "nostage"
            ? await _gateway.Get(_apiId, "/pets", stage: "staging")
            : await _gateway.Get("abcdefghij", "/pets");
        Assert.Equal(403, answer.Status);
        Assert.Equal("ForbiddenException", answer.Header("x-amzn-ErrorType"));
        Assert.Equal("""{"message":"Forbidden"}""", answer.Body);
    }

    [Fact]
    public async Task Every_answer_carries_request_ids_that_the_request_log_shows()
    {
        var answer = await _gateway.Get(_apiId, "/pets");
        var requestId = answer.Header("x-amzn-RequestId");
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", requestId);
        Assert.Matches("^[A-Za-z0-9_-]{15}=$", answer.Header("x-amz-apigw-id"));
        var missing = await _gateway.Get(_apiId, "/nowhere");
        Assert.NotNull(missing.Header("x-amzn-RequestId"));

        var entry = _gateway.Server.RecentRequests.Single(e => e.RequestId == requestId);
        Assert.Equal("Invoke", entry.Operation);
        Assert.Equal(_apiId, entry.RestApiId);
        Assert.Equal("prod", entry.Stage);
        Assert.Equal("/pets", entry.ResourcePath);
        Assert.Equal("MOCK", entry.IntegrationType);
        Assert.Equal(200, entry.StatusCode);
        Assert.Null(entry.Error);
        var refused = _gateway.Server.RecentRequests.Single(e => e.RequestId == missing.Header("x-amzn-RequestId"));
        Assert.Equal(403, refused.StatusCode);
        Assert.Equal("no resource matches /nowhere", refused.Error);
    }
}

public sealed class CallerCheckTests : IAsyncLifetime
{
    private readonly DataPlaneHarness _gateway = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Fact]
    public async Task An_AWS_IAM_method_called_without_a_signature_is_missing_authentication_token()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.MockMethod(apiId, "/private", "GET", """{"ok":true}""");
        await _gateway.Client.Patch($"/restapis/{apiId}/resources/{resourceId}/methods/GET", new { op = "replace", path = "/authorizationType", value = "AWS_IAM" });
        await _gateway.Deploy(apiId);

        var unsigned = await _gateway.Get(apiId, "/private");
        Assert.Equal(403, unsigned.Status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", unsigned.Body);

        var signed = await _gateway.Get(apiId, "/private", headers: new Dictionary<string, string>
        {
            ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc",
        });
        Assert.Equal(200, signed.Status);
    }

    [Fact]
    public async Task A_method_that_requires_an_API_key_refuses_a_request_without_one()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.MockMethod(apiId, "/keyed", "GET", """{"ok":true}""");
        await _gateway.Client.Patch($"/restapis/{apiId}/resources/{resourceId}/methods/GET", new { op = "replace", path = "/apiKeyRequired", value = "true" });
        await _gateway.Deploy(apiId);

        var without = await _gateway.Get(apiId, "/keyed");
        Assert.Equal(403, without.Status);
        Assert.Equal("""{"message":"Forbidden"}""", without.Body);
        var (_, key) = await _gateway.Subscribe(apiId);
        Assert.Equal(200, (await _gateway.Get(apiId, "/keyed", headers: new Dictionary<string, string> { ["x-api-key"] = key })).Status);
    }
}

public sealed class DeploymentSnapshotTests : IAsyncLifetime
{
    private readonly DataPlaneHarness _gateway = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Fact]
    public async Task A_change_after_deploying_is_invisible_until_the_next_deployment()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.MockMethod(apiId, "/hello", "GET", """{"version":1}""");
        await _gateway.Deploy(apiId);

        await _gateway.Client.Patch($"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration/responses/200",
            new { op = "replace", path = "/responseTemplates/application~1json", value = """{"version":2}""" });
        await _gateway.MockMethod(apiId, "/later", "GET", "{}");
        Assert.Equal("""{"version":1}""", (await _gateway.Get(apiId, "/hello")).Body);
        Assert.Equal(403, (await _gateway.Get(apiId, "/later")).Status);

        await _gateway.Deploy(apiId);
        Assert.Equal("""{"version":2}""", (await _gateway.Get(apiId, "/hello")).Body);
        Assert.Equal(200, (await _gateway.Get(apiId, "/later")).Status);
    }

    [Fact]
    public async Task Pointing_a_stage_at_an_older_deployment_serves_that_deployment()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.MockMethod(apiId, "/hello", "GET", """{"version":1}""");
        var first = await _gateway.Deploy(apiId);
        await _gateway.Client.Patch($"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration/responses/200",
            new { op = "replace", path = "/responseTemplates/application~1json", value = """{"version":2}""" });
        await _gateway.Deploy(apiId);
        Assert.Equal("""{"version":2}""", (await _gateway.Get(apiId, "/hello")).Body);

        await _gateway.Client.Patch($"/restapis/{apiId}/stages/prod", new { op = "replace", path = "/deploymentId", value = first });
        Assert.Equal("""{"version":1}""", (await _gateway.Get(apiId, "/hello")).Body);
    }

    [Fact]
    public async Task Stage_variables_take_effect_without_redeploying()
    {
        var apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(apiId, "/color", "GET", """{"color":"$stageVariables.color"}""");
        await _gateway.Deploy(apiId, variables: new { color = "blue" });
        Assert.Equal("""{"color":"blue"}""", (await _gateway.Get(apiId, "/color")).Body);

        await _gateway.Client.Patch($"/restapis/{apiId}/stages/prod", new { op = "replace", path = "/variables/color", value = "red" });
        Assert.Equal("""{"color":"red"}""", (await _gateway.Get(apiId, "/color")).Body);
    }
}
