using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

public sealed class RequestValidationTests : IAsyncLifetime
{
    private const string PetSchema = """
        {"type":"object","required":["name"],"properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}}}
        """;

    private readonly DataPlaneHarness _gateway = new();
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        (await _gateway.Client.Post($"/restapis/{_apiId}/models", new { name = "Pet", schema = PetSchema, contentType = "application/json" }))
            .ShouldBe(HttpStatusCode.Created);
        var both = (await _gateway.Client.Post($"/restapis/{_apiId}/requestvalidators", new { name = "both", validateRequestBody = true, validateRequestParameters = true })).Str("id");
        var bodyOnly = (await _gateway.Client.Post($"/restapis/{_apiId}/requestvalidators", new { name = "body", validateRequestBody = true })).Str("id");

        var pets = await _gateway.MockMethod(_apiId, "/pets", "POST", """{"ok":true}""");
        (await _gateway.Client.Patch($"/restapis/{_apiId}/resources/{pets}/methods/POST",
            new { op = "replace", path = "/requestValidatorId", value = both },
            new { op = "add", path = "/requestModels/application~1json", value = "Pet" },
            new { op = "add", path = "/requestParameters/method.request.querystring.limit", value = "true" },
            new { op = "add", path = "/requestParameters/method.request.header.X-Trace", value = "true" },
            new { op = "add", path = "/requestParameters/method.request.querystring.page", value = "false" }))
            .ShouldBe(HttpStatusCode.OK);

        // Parameters are declared required here, but the validator checks bodies only.
        var loose = await _gateway.MockMethod(_apiId, "/loose", "POST", """{"ok":true}""");
        (await _gateway.Client.Patch($"/restapis/{_apiId}/resources/{loose}/methods/POST",
            new { op = "replace", path = "/requestValidatorId", value = bodyOnly },
            new { op = "add", path = "/requestModels/$default", value = "Pet" },
            new { op = "add", path = "/requestParameters/method.request.querystring.limit", value = "true" }))
            .ShouldBe(HttpStatusCode.OK);

        await _gateway.Deploy(_apiId);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private Task<InvokeAnswer> Post(string path, string body, string? contentType = "application/json", bool trace = true)
    {
        var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return _gateway.Invoke(_apiId, "prod", HttpMethod.Post, path, content,
            trace ? new Dictionary<string, string> { ["X-Trace"] = "1" } : null);
    }

    [Fact]
    public async Task A_request_with_its_parameters_and_a_matching_body_reaches_the_integration()
    {
        var answer = await Post("/pets?limit=5", """{"name":"Rex","age":3}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"ok":true}""", answer.Body);
    }

    /// <summary>
    /// API Gateway names the missing parameters in the order of their full names (method.request.header.* before
    /// method.request.path.* before method.request.querystring.*), not in the order the method declared them.
    /// </summary>
    [Fact]
    public async Task Missing_required_parameters_are_named_in_the_order_of_their_full_names()
    {
        var answer = await Post("/pets", """{"name":"Rex"}""", trace: false);

        Assert.Equal(400, answer.Status);
        Assert.Equal("""{"message": "Missing required request parameters: [X-Trace, limit]"}""", answer.Body);
        Assert.Equal("BadRequestException", answer.Header("x-amzn-ErrorType"));
        Assert.Equal("application/json", answer.Header("Content-Type"));
        Assert.Contains("[X-Trace, limit]", _gateway.Logged(answer).Error);
    }

    /// <summary>AWS's guide: a required parameter must be included and not blank.</summary>
    [Theory]
    [InlineData("/pets?limit=")]
    [InlineData("/pets?limit")]
    [InlineData("/pets?limit=%20")]
    public async Task A_required_query_parameter_with_a_blank_value_is_missing(string path)
    {
        var answer = await Post(path, """{"name":"Rex"}""");

        Assert.Equal(400, answer.Status);
        Assert.Equal("""{"message": "Missing required request parameters: [limit]"}""", answer.Body);
    }

    [Fact]
    public async Task A_required_header_with_an_empty_value_is_missing_and_header_names_match_in_any_case()
    {
        var empty = await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/pets?limit=1", DataPlaneHarness.Json("""{"name":"Rex"}"""),
            new Dictionary<string, string> { ["X-Trace"] = "" });
        var lowerCase = await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/pets?limit=1", DataPlaneHarness.Json("""{"name":"Rex"}"""),
            new Dictionary<string, string> { ["x-trace"] = "1" });

        Assert.Equal("""{"message": "Missing required request parameters: [X-Trace]"}""", empty.Body);
        Assert.Equal(200, lowerCase.Status);
    }

    [Fact]
    public async Task A_repeated_query_parameter_is_present_when_one_of_its_values_is_not_blank()
    {
        Assert.Equal(200, (await Post("/pets?limit=&limit=5", """{"name":"Rex"}""")).Status);
    }

    [Theory]
    [InlineData("""{"age":3}""", "object has missing required properties ([\"name\"])")]
    [InlineData("""{"name":"Rex","age":-1}""", "numeric instance is lower than the required minimum (minimum: 0, found: -1) at /age")]
    [InlineData("""{"name":""", "Unknown error parsing request body")]
    [InlineData("", "Unknown error parsing request body")]
    public async Task A_body_that_does_not_match_its_model_is_refused_and_the_log_says_why(string body, string why)
    {
        var answer = await Post("/pets?limit=1", body);

        Assert.Equal(400, answer.Status);
        Assert.Equal("""{"message": "Invalid request body"}""", answer.Body);
        Assert.Equal("BadRequestException", answer.Header("x-amzn-ErrorType"));
        var logged = _gateway.Logged(answer).Error;
        Assert.StartsWith("Request body does not match model schema for content type application/json: [", logged);
        Assert.True(logged!.Contains(why, StringComparison.Ordinal), logged);
    }

    [Fact]
    public async Task Without_a_content_type_the_body_is_read_as_JSON_and_other_types_without_a_model_pass()
    {
        Assert.Equal(400, (await Post("/pets?limit=1", """{"age":3}""", contentType: null)).Status);
        Assert.Equal(200, (await Post("/pets?limit=1", "anything", contentType: "text/plain")).Status);
    }

    [Fact]
    public async Task The_default_model_applies_to_any_content_type_and_a_body_only_validator_ignores_parameters()
    {
        Assert.Equal(200, (await Post("/loose", """{"name":"Rex"}""", contentType: "text/plain")).Status);
        Assert.Equal(400, (await Post("/loose", """{"age":1}""", contentType: "text/plain")).Status);
    }

    [Fact]
    public async Task A_gateway_response_template_lists_what_validation_found_in_validationErrorString()
    {
        const string Template = """{"message": "$context.error.validationErrorString"}""";
        foreach (var type in new[] { "BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS" })
        {
            (await _gateway.Client.Put($"/restapis/{_apiId}/gatewayresponses/{type}",
                new { responseTemplates = new Dictionary<string, string> { ["application/json"] = Template } }))
                .ShouldBe(HttpStatusCode.Created);
        }
        await _gateway.Deploy(_apiId);

        var body = await Post("/pets?limit=1", """{"name":"Rex","age":-1}""");
        var parameters = await Post("/pets", """{"name":"Rex"}""", trace: false);

        Assert.Equal(400, body.Status);
        Assert.Equal("""{"message": "[numeric instance is lower than the required minimum (minimum: 0, found: -1)]"}""", body.Body);
        Assert.Equal(400, parameters.Status);
        Assert.Equal("""{"message": "Missing required request parameters: [X-Trace, limit]"}""", parameters.Body);
    }
}
