using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

/// <summary>TestInvokeMethod runs the method's request validator, with the API's current models, before its integration.</summary>
public sealed class TestInvokeValidationTests : IAsyncLifetime
{
    private const string PetSchema = """
        {"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}
        """;

    private readonly DataPlaneHarness _gateway = new();
    private string _apiId = "";
    private string _petsId = "";

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        (await _gateway.Client.Post($"/restapis/{_apiId}/models", new { name = "Pet", schema = PetSchema, contentType = "application/json" }))
            .ShouldBe(HttpStatusCode.Created);
        var both = (await _gateway.Client.Post($"/restapis/{_apiId}/requestvalidators", new { name = "both", validateRequestBody = true, validateRequestParameters = true })).Str("id");
        _petsId = await _gateway.MockMethod(_apiId, "/pets", "POST", """{"ok":true}""");
        (await _gateway.Client.Patch($"/restapis/{_apiId}/resources/{_petsId}/methods/POST",
            new { op = "replace", path = "/requestValidatorId", value = both },
            new { op = "add", path = "/requestModels/application~1json", value = "Pet" },
            new { op = "add", path = "/requestParameters/method.request.querystring.limit", value = "true" }))
            .ShouldBe(HttpStatusCode.OK);
        // Nothing is deployed: a test invocation runs the method as it is now.
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(int Status, string Body, string Log)> TestInvoke(string pathWithQuery, string body)
    {
        var answer = await _gateway.Client.Post($"/restapis/{_apiId}/resources/{_petsId}/methods/POST", new
        {
            pathWithQueryString = pathWithQuery,
            body,
            headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        answer.ShouldBe(HttpStatusCode.OK);
        return (answer.Json.GetProperty("status").GetInt32(), answer.Str("body"), answer.Str("log"));
    }

    [Fact]
    public async Task A_valid_request_reaches_the_integration()
    {
        var (status, body, log) = await TestInvoke("/pets?limit=2", """{"name":"Rex"}""");

        Assert.Equal(200, status);
        Assert.Equal("""{"ok":true}""", body);
        Assert.Contains("Mock integration answered status 200", log);
    }

    [Fact]
    public async Task Missing_required_parameters_answer_400_and_the_log_names_them()
    {
        var (status, body, log) = await TestInvoke("/pets", """{"name":"Rex"}""");

        Assert.Equal(400, status);
        Assert.Equal("""{"message": "Missing required request parameters: [limit]"}""", body);
        Assert.Contains("Method request body before transformations: {\"name\":\"Rex\"}", log);
        Assert.Contains("missing required request parameters: [limit]", log);
        Assert.Contains("Method completed with status: 400", log);
        Assert.DoesNotContain("Mock integration", log);
    }

    [Fact]
    public async Task A_body_that_does_not_match_the_current_model_answers_400_and_the_log_says_which_rule()
    {
        var (status, body, log) = await TestInvoke("/pets?limit=2", """{"age":3}""");

        Assert.Equal(400, status);
        Assert.Equal("""{"message": "Invalid request body"}""", body);
        Assert.Contains("Request body does not match model schema for content type application/json: [", log);
        Assert.Contains("object has missing required properties ([\"name\"])", log);
        Assert.Contains("Method completed with status: 400", log);
    }

    [Fact]
    public async Task A_model_changed_since_is_checked_as_it_is_now()
    {
        (await _gateway.Client.Patch($"/restapis/{_apiId}/models/Pet",
            new { op = "replace", path = "/schema", value = """{"type":"object","required":["age"]}""" }))
            .ShouldBe(HttpStatusCode.OK);

        Assert.Equal(200, (await TestInvoke("/pets?limit=2", """{"age":3}""")).Status);
        Assert.Equal(400, (await TestInvoke("/pets?limit=2", """{"name":"Rex"}""")).Status);
    }
}
