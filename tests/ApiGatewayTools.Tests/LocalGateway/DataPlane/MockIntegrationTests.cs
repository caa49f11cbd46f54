namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

public sealed class MockIntegrationTests : IAsyncLifetime
{
    private readonly DataPlaneHarness _gateway = new();
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();

        // The query parameter "code" picks the status the mock integration answers.
        var status = await _gateway.Method(_apiId, "/status", "GET", new
        {
            type = "MOCK",
            requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"statusCode": $input.params('code')}""" },
        });
        await _gateway.IntegrationResponse(_apiId, status, "GET", "200", new
        {
            responseTemplates = new Dictionary<string, string>
            {
                ["application/json"] = """{"ok":true}""",
                ["application/xml"] = "<ok>true</ok>",
            },
            responseParameters = new Dictionary<string, string>
            {
                ["method.response.header.X-Version"] = "'v1'",
                ["method.response.header.X-Stage"] = "stageVariables.color",
                ["method.response.header.X-Api"] = "context.apiId",
            },
        });
        await _gateway.Client.Put($"/restapis/{_apiId}/resources/{status}/methods/GET/responses/404", new { });
        await _gateway.Client.Put($"/restapis/{_apiId}/resources/{status}/methods/GET/integration/responses/404", new
        {
            selectionPattern = "4\\d\\d",
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"message":"not here"}""" },
        });

        await _gateway.Method(_apiId, "/strict", "POST", new
        {
            type = "MOCK",
            passthroughBehavior = "NEVER",
            requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"statusCode": 200}""" },
        }).ContinueWith(async created => await _gateway.IntegrationResponse(_apiId, created.Result, "POST", "200", new { })).Unwrap();

        var broken = await _gateway.Method(_apiId, "/broken", "GET", new
        {
            type = "MOCK",
            requestTemplates = new Dictionary<string, string> { ["application/json"] = "#if($x" },
        });
        await _gateway.IntegrationResponse(_apiId, broken, "GET", "200", new { });

        await _gateway.Method(_apiId, "/unmapped", "GET", new { type = "MOCK" });

        // The preflight method the console's "Enable CORS" makes: the three Access-Control-Allow-* headers, an empty template.
        var preflight = await _gateway.Method(_apiId, "/status", "OPTIONS", new
        {
            type = "MOCK",
            requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"statusCode": 200}""" },
        });
        (await _gateway.Client.Put($"/restapis/{_apiId}/resources/{preflight}/methods/OPTIONS/responses/200", new
        {
            responseParameters = new Dictionary<string, bool>
            {
                ["method.response.header.Access-Control-Allow-Headers"] = false,
                ["method.response.header.Access-Control-Allow-Methods"] = false,
                ["method.response.header.Access-Control-Allow-Origin"] = false,
            },
            responseModels = new Dictionary<string, string> { ["application/json"] = "Empty" },
        })).ShouldBe(System.Net.HttpStatusCode.Created);
        (await _gateway.Client.Put($"/restapis/{_apiId}/resources/{preflight}/methods/OPTIONS/integration/responses/200", new
        {
            responseParameters = new Dictionary<string, string>
            {
                ["method.response.header.Access-Control-Allow-Headers"] = "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
                ["method.response.header.Access-Control-Allow-Methods"] = "'GET,OPTIONS'",
                ["method.response.header.Access-Control-Allow-Origin"] = "'*'",
            },
            responseTemplates = new Dictionary<string, string> { ["application/json"] = "" },
        })).ShouldBe(System.Net.HttpStatusCode.Created);
        await _gateway.Deploy(_apiId, variables: new { color = "green" });
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Fact]
    public async Task The_default_integration_response_maps_body_and_headers()
    {
        var answer = await _gateway.Get(_apiId, "/status?code=200");
        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"ok":true}""", answer.Body);
        Assert.Equal("application/json", answer.Header("Content-Type"));
        Assert.Equal("v1", answer.Header("X-Version"));
        Assert.Equal("green", answer.Header("X-Stage"));
        Assert.Equal(_apiId, answer.Header("X-Api"));
    }

    [Fact]
    public async Task The_selection_pattern_matched_against_the_status_picks_the_response()
    {
        var answer = await _gateway.Get(_apiId, "/status?code=404");
        Assert.Equal(404, answer.Status);
        Assert.Equal("""{"message":"not here"}""", answer.Body);
        Assert.Null(answer.Header("X-Version"));
    }

    [Fact]
    public async Task A_status_no_pattern_matches_falls_to_the_default_response()
    {
        var answer = await _gateway.Get(_apiId, "/status?code=503");
        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"ok":true}""", answer.Body);
    }

    [Fact]
    public async Task The_response_template_follows_the_accept_header()
    {
        var answer = await _gateway.Get(_apiId, "/status?code=200", headers: new Dictionary<string, string> { ["Accept"] = "application/xml" });
        Assert.Equal("<ok>true</ok>", answer.Body);
        Assert.Equal("application/xml", answer.Header("Content-Type"));
    }

    [Fact]
    public async Task Passthrough_NEVER_refuses_an_unmapped_content_type()
    {
        var refused = await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/strict", new StringContent("a=1", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(415, refused.Status);
        Assert.Equal("""{"message":"Unsupported Media Type"}""", refused.Body);

        var accepted = await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/strict", DataPlaneHarness.Json("{}"));
        Assert.Equal(200, accepted.Status);
    }

    [Fact]
    public async Task A_malformed_template_is_an_internal_server_error_and_the_log_names_it()
    {
        var answer = await _gateway.Get(_apiId, "/broken");
        Assert.Equal(500, answer.Status);
        Assert.Equal("""{"message": "Internal server error"}""", answer.Body);
        var entry = _gateway.Server.RecentRequests.Single(e => e.RequestId == answer.Header("x-amzn-RequestId"));
        Assert.StartsWith("mapping template error: ", entry.Error);
        Assert.Equal(200, (await _gateway.Get(_apiId, "/status?code=200")).Status);
    }

    [Fact]
    public async Task No_integration_response_at_all_is_an_internal_server_error()
    {
        var answer = await _gateway.Get(_apiId, "/unmapped");
        Assert.Equal(500, answer.Status);
        Assert.Equal("""{"message": "Internal server error"}""", answer.Body);
    }

    [Fact]
    public async Task A_console_style_preflight_answers_200_with_its_headers_and_an_empty_JSON_body()
    {
        var answer = await _gateway.Invoke(_apiId, "prod", HttpMethod.Options, "/status",
            headers: new Dictionary<string, string> { ["Origin"] = "https://app.example.com", ["Access-Control-Request-Method"] = "GET" });

        Assert.Equal(200, answer.Status);
        Assert.Equal("", answer.Body);
        Assert.Equal("application/json", answer.Header("Content-Type"));
        Assert.Equal("*", answer.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET,OPTIONS", answer.Header("Access-Control-Allow-Methods"));
        Assert.Equal("Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token", answer.Header("Access-Control-Allow-Headers"));
    }
}
