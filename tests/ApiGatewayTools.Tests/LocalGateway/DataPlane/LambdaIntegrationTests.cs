using System.Net;
using System.Text;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

public sealed class LambdaIntegrationTests : IAsyncLifetime
{
    private const string FunctionArnPrefix = "arn:aws:lambda:us-east-1:000000000000:function:";

    private readonly DataPlaneHarness _gateway = new();
    private string? _lastEvent;
    private string? _lastContext;

    public Task InitializeAsync()
    {
        Register("echo", (eventJson, contextJson) =>
        {
            _lastEvent = eventJson;
            _lastContext = contextJson;
            return """{"statusCode":201,"headers":{"X-One":"1","X-Both":"single"},"multiValueHeaders":{"X-Both":["m1","m2"]},"body":"created"}""";
        });
        Register("binary", (_, _) => $$"""{"statusCode":200,"headers":{"Content-Type":"image/png"},"body":"{{Convert.ToBase64String([1, 2, 3])}}","isBase64Encoded":true}""");
        Register("thrower", (_, _) => throw new InvalidOperationException("boom"));
        Register("notjson", (_, _) => "this is not json");
        Register("badstatus", (_, _) => """{"statusCode":"abc","body":"x"}""");
        Register("plain", (eventJson, _) => $$"""{"received":{{eventJson}}}""");
        Register("validator", (_, _) => throw new InvalidOperationException("[BadRequest] name is required"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    private void Register(string name, Func<string, string, string> handler) =>
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition
        {
            FunctionName = name,
            Handler = (invocation, _) => Task.FromResult(LocalFunctionResult.Success(handler(invocation.EventJson, invocation.Context.ToJson()))),
        });

    private static string InvocationUri(string function) =>
        $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FunctionArnPrefix}{function}/invocations";

    private async Task Allow(string function, string? sourceArn, string statementId = "apigateway")
    {
        var answer = await _gateway.Client.Post($"/2015-03-31/functions/{function}/policy", sourceArn is null
            ? new { StatementId = statementId, Action = "lambda:InvokeFunction", Principal = "apigateway.amazonaws.com" }
            : new { StatementId = statementId, Action = "lambda:InvokeFunction", Principal = "apigateway.amazonaws.com", SourceArn = sourceArn });
        answer.ShouldBe(HttpStatusCode.Created);
    }

    private async Task<string> ProxyApi(string function, string path = "/items/{id}", string httpMethod = "POST")
    {
        var apiId = await _gateway.CreateApi();
        await _gateway.Method(apiId, path, httpMethod, new { type = "AWS_PROXY", httpMethod = "POST", uri = InvocationUri(function) });
        return apiId;
    }

    [Fact]
    public async Task AWS_PROXY_sends_the_version_1_event()
    {
        var apiId = await ProxyApi("echo");
        await Allow("echo", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/POST/items/*");
        await _gateway.Deploy(apiId, variables: new { color = "blue" });

        await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/42?q=1&q=2&single=x",
            DataPlaneHarness.Json("""{"hello":"world"}"""), new Dictionary<string, string> { ["User-Agent"] = "tester/1.0", ["X-Multi"] = "a" });

        using var document = JsonDocument.Parse(_lastEvent!);
        var e = document.RootElement;
        Assert.Equal("/items/{id}", e.GetProperty("resource").GetString());
        Assert.Equal("/items/42", e.GetProperty("path").GetString());
        Assert.Equal("POST", e.GetProperty("httpMethod").GetString());
        Assert.Equal("tester/1.0", e.GetProperty("headers").GetProperty("User-Agent").GetString());
        Assert.Equal("a", e.GetProperty("multiValueHeaders").GetProperty("X-Multi")[0].GetString());
        Assert.Equal("2", e.GetProperty("queryStringParameters").GetProperty("q").GetString());
        Assert.Equal(["1", "2"], e.GetProperty("multiValueQueryStringParameters").GetProperty("q").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("blue", e.GetProperty("stageVariables").GetProperty("color").GetString());
        Assert.Equal("""{"hello":"world"}""", e.GetProperty("body").GetString());
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());

        var context = e.GetProperty("requestContext");
        Assert.Equal("000000000000", context.GetProperty("accountId").GetString());
        Assert.Equal(apiId, context.GetProperty("apiId").GetString());
        Assert.Equal(await _gateway.Resource(apiId, "/items/{id}"), context.GetProperty("resourceId").GetString());
        Assert.Equal("/items/{id}", context.GetProperty("resourcePath").GetString());
        Assert.Equal("POST", context.GetProperty("httpMethod").GetString());
        Assert.Equal("/prod/items/42", context.GetProperty("path").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Matches("^[0-9a-f-]{36}$", context.GetProperty("requestId").GetString());
        Assert.Matches("^[A-Za-z0-9_-]{15}=$", context.GetProperty("extendedRequestId").GetString());
        Assert.Matches(@"^\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000$", context.GetProperty("requestTime").GetString());
        Assert.True(context.GetProperty("requestTimeEpoch").GetInt64() > 1_600_000_000_000);
        Assert.Equal("HTTP/1.1", context.GetProperty("protocol").GetString());
        Assert.Equal($"127.0.0.1:{_gateway.Server.Port}", context.GetProperty("domainName").GetString());
        var identity = context.GetProperty("identity");
        Assert.Equal("127.0.0.1", identity.GetProperty("sourceIp").GetString());
        Assert.Equal("tester/1.0", identity.GetProperty("userAgent").GetString());
        Assert.Equal(JsonValueKind.Null, identity.GetProperty("accountId").ValueKind);
        Assert.Equal(JsonValueKind.Null, identity.GetProperty("user").ValueKind);

        using var contextDocument = JsonDocument.Parse(_lastContext!);
        var lambdaContext = contextDocument.RootElement;
        Assert.Equal("echo", lambdaContext.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", lambdaContext.GetProperty("functionVersion").GetString());
        Assert.Equal(FunctionArnPrefix + "echo", lambdaContext.GetProperty("invokedFunctionArn").GetString());
        Assert.Matches("^[0-9a-f-]{36}$", lambdaContext.GetProperty("awsRequestId").GetString());
        Assert.Equal("128", lambdaContext.GetProperty("memoryLimitInMB").GetString());
        Assert.Equal("/aws/lambda/echo", lambdaContext.GetProperty("logGroupName").GetString());
    }

    [Fact]
    public async Task AWS_PROXY_leaves_absent_parts_null()
    {
        var apiId = await ProxyApi("echo", path: "/plain", httpMethod: "GET");
        await Allow("echo", null, "any-source");
        await _gateway.Deploy(apiId);

        await _gateway.Get(apiId, "/plain");

        using var document = JsonDocument.Parse(_lastEvent!);
        var e = document.RootElement;
        foreach (var name in new[] { "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables", "body" })
        {
            Assert.Equal(JsonValueKind.Null, e.GetProperty(name).ValueKind);
        }
    }

    [Fact]
    public async Task AWS_PROXY_maps_status_headers_and_body_back()
    {
        var apiId = await ProxyApi("echo");
        await Allow("echo", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/POST/items/*");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));

        Assert.Equal(201, answer.Status);
        Assert.Equal("created", answer.Body);
        Assert.Equal("1", answer.Header("X-One"));
        // Both values, and not the single-value "headers" entry; HttpListener folds repeats into one line.
        Assert.Equal("m1, m2", string.Join(", ", answer.Message.Headers.GetValues("X-Both")));
        Assert.Equal("application/json", answer.Header("Content-Type"));
    }

    [Fact]
    public async Task AWS_PROXY_binary_bodies_travel_base64_both_ways()
    {
        var apiId = await _gateway.CreateApi(new { name = "binary", binaryMediaTypes = new[] { "image/*" } });
        await _gateway.Method(apiId, "/img", "POST", new { type = "AWS_PROXY", httpMethod = "POST", uri = InvocationUri("binary") });
        await Allow("binary", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/*/*");
        await _gateway.Method(apiId, "/echo", "POST", new { type = "AWS_PROXY", httpMethod = "POST", uri = InvocationUri("echo") });
        await Allow("echo", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/prod/POST/echo", "binary-echo");
        await _gateway.Deploy(apiId);

        var image = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/img", new ByteArrayContent([9]));
        Assert.Equal([1, 2, 3], await image.Message.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", image.Header("Content-Type"));

        var upload = new ByteArrayContent([0xFF, 0x00, 0x10]);
        upload.Headers.ContentType = new("image/jpeg");
        await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/echo", upload);
        using var document = JsonDocument.Parse(_lastEvent!);
        Assert.True(document.RootElement.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String([0xFF, 0x00, 0x10]), document.RootElement.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("thrower")]
    [InlineData("notjson")]
    [InlineData("badstatus")]
    public async Task AWS_PROXY_failures_are_502_and_the_gateway_keeps_serving(string function)
    {
        var apiId = await ProxyApi(function);
        await Allow(function, $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/*/*");
        await _gateway.MockMethod(apiId, "/ok", "GET", """{"ok":true}""");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));

        Assert.Equal(502, answer.Status);
        Assert.Equal("""{"message": "Internal server error"}""", answer.Body);
        Assert.Equal(200, (await _gateway.Get(apiId, "/ok")).Status);
    }

    [Fact]
    public async Task Without_a_permission_the_call_fails_with_500_and_the_log_says_why()
    {
        var apiId = await ProxyApi("plain");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));

        Assert.Equal(500, answer.Status);
        Assert.Equal("""{"message": "Internal server error"}""", answer.Body);
        var entry = _gateway.Server.RecentRequests.Single(e => e.RequestId == answer.Header("x-amzn-RequestId"));
        Assert.StartsWith("invalid permissions on Lambda function plain: ", entry.Error);
    }

    [Theory]
    [InlineData("GET/items/*")]
    [InlineData("POST/other/*")]
    [InlineData("POST/items")]
    public async Task A_permission_for_another_method_or_path_does_not_allow_the_call(string scope)
    {
        var apiId = await ProxyApi("echo");
        await Allow("echo", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/{scope}");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));

        Assert.Equal(500, answer.Status);
    }

    [Theory]
    [InlineData("*/POST/items/*")]
    [InlineData("prod/*/items/1")]
    [InlineData("pro?/POST/items/?")]
    public async Task A_wildcard_permission_allows_the_call(string scope)
    {
        var apiId = await ProxyApi("echo");
        await Allow("echo", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/{scope}");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));

        Assert.Equal(201, answer.Status);
    }

    [Fact]
    public async Task An_unknown_function_is_a_500()
    {
        var apiId = await ProxyApi("nobody");
        await _gateway.Deploy(apiId);
        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));
        Assert.Equal(500, answer.Status);
        Assert.Equal("""{"message": "Internal server error"}""", answer.Body);
    }

    [Fact]
    public async Task AWS_non_proxy_passes_the_mapped_event_and_maps_the_result()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/orders/{id}", "POST", new
        {
            type = "AWS",
            httpMethod = "POST",
            uri = InvocationUri("plain"),
            requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"orderId":"$input.params('id')","item":$input.json('$.item')}""" },
        });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "200", new
        {
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"order":$input.json('$.received.orderId')}""" },
        });
        await Allow("plain", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/POST/orders/*");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/orders/7", DataPlaneHarness.Json("""{"item":"book"}"""));

        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"order":"7"}""", answer.Body);
    }

    [Fact]
    public async Task AWS_non_proxy_matches_a_function_error_message_against_selection_patterns()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/validate", "POST", new { type = "AWS", httpMethod = "POST", uri = InvocationUri("validator") });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "200", new { });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "400", new
        {
            selectionPattern = @"\[BadRequest\].*",
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"error":$input.json('$.errorMessage')}""" },
        });
        await Allow("validator", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/*/*");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/validate", DataPlaneHarness.Json("{}"));

        Assert.Equal(400, answer.Status);
        Assert.Equal("""{"error":"[BadRequest] name is required"}""", answer.Body);
    }

    /// <summary>AWS's guide: without an integration response for it, a Lambda error is answered 200 OK by the default response.</summary>
    [Fact]
    public async Task AWS_non_proxy_answers_an_unmatched_function_error_with_the_default_response()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/fails", "POST", new { type = "AWS", httpMethod = "POST", uri = InvocationUri("thrower") });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "200", new { });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "400", new { selectionPattern = @"\[BadRequest\].*" });
        await Allow("thrower", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/*/*");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/fails", DataPlaneHarness.Json("{}"));

        Assert.Equal(200, answer.Status);
        Assert.Equal("boom", JsonDocument.Parse(answer.Body).RootElement.GetProperty("errorMessage").GetString());
    }

    /// <summary>
    /// For Lambda the selection pattern is matched against the function's error message, which a success does not
    /// have: the patterns see an empty text, so ".*" takes successes too (AWS's reference suggests ".+" for errors only).
    /// </summary>
    [Fact]
    public async Task AWS_non_proxy_matches_a_success_as_an_empty_error_message()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/any", "POST", new { type = "AWS", httpMethod = "POST", uri = InvocationUri("plain") });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "200", new { });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "202", new { selectionPattern = ".*" });
        var errorsOnly = await _gateway.Method(apiId, "/errors", "POST", new { type = "AWS", httpMethod = "POST", uri = InvocationUri("plain") });
        await _gateway.IntegrationResponse(apiId, errorsOnly, "POST", "200", new { });
        await _gateway.IntegrationResponse(apiId, errorsOnly, "POST", "500", new { selectionPattern = ".+" });
        await Allow("plain", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*/*/*");
        await _gateway.Deploy(apiId);

        Assert.Equal(202, (await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/any", DataPlaneHarness.Json("{}"))).Status);
        Assert.Equal(200, (await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/errors", DataPlaneHarness.Json("{}"))).Status);
    }

    private void RegisterRaw(string name, LocalFunctionHandler handler, int timeoutSeconds = 3) =>
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition
        {
            FunctionName = name,
            Handler = handler,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        });

    [Fact]
    public async Task The_function_log_goes_to_the_request_log_between_START_and_REPORT()
    {
        RegisterRaw("chatty", (_, _) => Task.FromResult(LocalFunctionResult.Success("""{"statusCode":200,"body":"ok"}""", ["INFO: first", "WARNING: second"])));
        var apiId = await ProxyApi("chatty");
        await Allow("chatty", null);
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));

        Assert.Equal(200, answer.Status);
        var logs = _gateway.Server.RecentRequests.Single(e => e.RequestId == answer.Header("x-amzn-RequestId")).FunctionLogs!;
        Assert.Equal(5, logs.Count);
        Assert.Matches(@"^START RequestId: [0-9a-f-]{36} Version: \$LATEST$", logs[0]);
        Assert.Equal(["INFO: first", "WARNING: second"], logs.Skip(1).Take(2));
        var requestId = logs[0].Split(' ')[2];
        Assert.Equal($"END RequestId: {requestId}", logs[3]);
        Assert.Matches($@"^REPORT RequestId: {requestId}\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\tMemory Size: 128 MB$", logs[4]);
    }

    [Fact]
    public async Task The_context_deadline_is_the_function_timeout_from_now()
    {
        long? remaining = null;
        RegisterRaw("clock", (invocation, _) =>
        {
            remaining = invocation.Context.GetRemainingTimeInMillis();
            return Task.FromResult(LocalFunctionResult.Success("""{"statusCode":200}"""));
        }, timeoutSeconds: 7);
        var apiId = await ProxyApi("clock");
        await Allow("clock", null);
        await _gateway.Deploy(apiId);

        await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));

        Assert.InRange(remaining!.Value, 5_000, 7_000);
    }

    [Fact]
    public async Task A_function_past_its_timeout_is_stopped_and_fails_as_Lambda_reports_it()
    {
        var stopped = new TaskCompletionSource();
        RegisterRaw("sleeper", async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                stopped.TrySetResult();
            }
            return LocalFunctionResult.Success("{}");
        }, timeoutSeconds: 1);
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/slow", "POST", new { type = "AWS", httpMethod = "POST", uri = InvocationUri("sleeper") });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "200", new { });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "504", new
        {
            selectionPattern = ".*Task timed out after 1.00 seconds",
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"type":$input.json('$.errorType')}""" },
        });
        await Allow("sleeper", null);
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/slow", DataPlaneHarness.Json("{}"));

        Assert.Equal(504, answer.Status);
        Assert.Equal("""{"type":"Sandbox.Timedout"}""", answer.Body);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_error_result_is_a_502_through_AWS_PROXY_with_its_log_kept()
    {
        RegisterRaw("failing", (_, _) => Task.FromResult(LocalFunctionResult.Error("TypeError", "x is undefined", ["at handler (index.js:3:5)"], ["ERROR: about to fail"])));
        var apiId = await ProxyApi("failing");
        await Allow("failing", null);
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/items/1", DataPlaneHarness.Json("{}"));

        Assert.Equal(502, answer.Status);
        var entry = _gateway.Server.RecentRequests.Single(e => e.RequestId == answer.Header("x-amzn-RequestId"));
        Assert.Equal("function failing failed: x is undefined", entry.Error);
        Assert.Contains("ERROR: about to fail", entry.FunctionLogs!);
    }
}
