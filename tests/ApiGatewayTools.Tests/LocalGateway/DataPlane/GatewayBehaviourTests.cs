using System.Net;
using System.Text;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

public sealed class GatewayBehaviourTests : IAsyncLifetime
{
    private readonly string _logPath = Path.Combine(Path.GetTempPath(), $"gw-log-{Guid.NewGuid():N}.jsonl");
    private DataPlaneHarness _gateway = null!;

    public Task InitializeAsync()
    {
        _gateway = new DataPlaneHarness(new LocalGatewayOptions { LogPath = _logPath });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        File.Delete(_logPath);
    }

    [Fact]
    public async Task A_body_over_10_MB_is_refused_with_413_and_the_gateway_keeps_serving()
    {
        var apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(apiId, "/upload", "POST", """{"ok":true}""");
        await _gateway.Deploy(apiId);

        var tooLarge = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/upload", new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]));
        Assert.Equal(413, tooLarge.Status);
        Assert.Equal("""{"message":"Request Too Long"}""", tooLarge.Body);

        var atLimit = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/upload", new ByteArrayContent(new byte[10 * 1024 * 1024]));
        Assert.Equal(200, atLimit.Status);
    }

    [Fact]
    public async Task A_chunked_body_over_10_MB_is_refused_without_buffering_it_all()
    {
        var apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(apiId, "/upload", "POST", """{"ok":true}""");
        await _gateway.Deploy(apiId);

        var content = new StreamContent(new MemoryStream(new byte[11 * 1024 * 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, _gateway.InvokeUrl(apiId, "prod", "/upload")) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var client = new HttpClient();
        HttpResponseMessage? response = null;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The gateway may close the connection while the client is still sending; that is a refusal too.
        }
        if (response is not null)
        {
            Assert.Equal(413, (int)response.StatusCode);
        }
        Assert.Contains(_gateway.Server.RecentRequests, e => e.StatusCode == 413 && e.Path.EndsWith("/upload", StringComparison.Ordinal));
        Assert.Equal(200, (await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/upload", DataPlaneHarness.Json("{}"))).Status);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_body_is_logged_and_the_gateway_keeps_serving()
    {
        var apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(apiId, "/upload", "POST", """{"ok":true}""");
        await _gateway.Deploy(apiId);

        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, _gateway.Server.Port);
            var stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /restapis/{apiId}/prod/_user_request_/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nonly-a-little"));
            await stream.FlushAsync();
        }

        var logged = false;
        for (var attempt = 0; attempt < 50 && !logged; attempt++)
        {
            await Task.Delay(50);
            logged = _gateway.Server.RecentRequests.Any(e =>
                e.Path.EndsWith("/upload", StringComparison.Ordinal) && e.Error?.StartsWith("request abandoned", StringComparison.Ordinal) == true);
        }
        Assert.True(logged, "the abandoned request is not in the request log");
        Assert.Equal(200, (await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/upload", DataPlaneHarness.Json("{}"))).Status);
    }

    [Fact]
    public async Task A_disabled_default_endpoint_is_forbidden()
    {
        var apiId = await _gateway.CreateApi(new { name = "private", disableExecuteApiEndpoint = true });
        await _gateway.MockMethod(apiId, "/hello", "GET", "{}");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Get(apiId, "/hello");

        Assert.Equal(403, answer.Status);
        Assert.Equal("""{"message":"Forbidden"}""", answer.Body);
    }

    [Fact]
    public async Task TestInvokeMethod_runs_the_current_undeployed_definition()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.MockMethod(apiId, "/pets/{petId}", "GET", """{"version":1}""");
        await _gateway.Deploy(apiId);
        await _gateway.Client.Patch($"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration/responses/200",
            new { op = "replace", path = "/responseTemplates/application~1json", value = """{"version":2,"pet":"$input.params('petId')","color":"$stageVariables.color","q":"$input.params('q')"}""" });

        var answer = await _gateway.Client.Post($"/restapis/{apiId}/resources/{resourceId}/methods/GET", new
        {
            pathWithQueryString = "/pets/7?q=search",
            headers = new Dictionary<string, string> { ["Accept"] = "application/json" },
            stageVariables = new Dictionary<string, string> { ["color"] = "teal" },
        });

        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(200, answer.Json.GetProperty("status").GetInt32());
        Assert.Equal("""{"version":2,"pet":"7","color":"teal","q":"search"}""", answer.Str("body"));
        Assert.Equal("application/json", answer.Json.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("application/json", answer.Json.GetProperty("multiValueHeaders").GetProperty("Content-Type")[0].GetString());
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("latency").ValueKind);
        var log = answer.Str("log");
        Assert.Contains("Starting execution for request: ", log);
        Assert.Contains("HTTP Method: GET, Resource Path: /pets/7", log);
        Assert.Contains("Method request path: {petId=7}", log);
        Assert.Contains("Method request query string: {q=search}", log);
        Assert.Contains("Method completed with status: 200", log);
        Assert.Equal("""{"version":1}""", (await _gateway.Get(apiId, "/pets/7")).Body);
    }

    [Fact]
    public async Task TestInvokeMethod_logs_the_endpoint_request_of_an_HTTP_integration()
    {
        await using var backend = new TestBackend(context => TestBackend.Answer(context, 200, """{"pong":true}"""));
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/ping", "POST", new { type = "HTTP_PROXY", httpMethod = "POST", uri = backend.BaseUrl + "/ping" });

        var answer = await _gateway.Client.Post($"/restapis/{apiId}/resources/{resourceId}/methods/POST", new { pathWithQueryString = "/ping", body = """{"ping":1}""" });

        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(200, answer.Json.GetProperty("status").GetInt32());
        Assert.Equal("""{"pong":true}""", answer.Str("body"));
        var log = answer.Str("log");
        Assert.Contains($"Endpoint request URI: {backend.BaseUrl}/ping", log);
        Assert.Contains("""Endpoint request body after transformations: {"ping":1}""", log);
        Assert.Contains("Received response. Status: 200", log);
        Assert.Equal("""{"ping":1}""", backend.Last!.Value.Body);
    }

    [Fact]
    public async Task TestInvokeMethod_of_a_method_that_does_not_exist_is_not_found()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Resource(apiId, "/none");
        var answer = await _gateway.Client.Post($"/restapis/{apiId}/resources/{resourceId}/methods/GET", new { pathWithQueryString = "/none" });
        answer.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Method identifier specified", answer.ErrorMessage);
    }

    [Fact]
    public async Task LogPath_receives_one_json_line_per_request()
    {
        var apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(apiId, "/logged", "GET", "{}");
        await _gateway.Deploy(apiId);
        var answer = await _gateway.Get(apiId, "/logged?secret=value", headers: new Dictionary<string, string> { ["Authorization"] = "Bearer hidden" });

        var requestId = answer.Header("x-amzn-RequestId");
        JsonElement? line = null;
        for (var attempt = 0; attempt < 50 && line is null; attempt++)
        {
            await Task.Delay(50);
            using var reader = new StreamReader(new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var text = await reader.ReadToEndAsync();
            Assert.DoesNotContain("hidden", text);
            Assert.DoesNotContain("secret", text);
            line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Cast<JsonElement?>()
                .FirstOrDefault(l => l!.Value.TryGetProperty("requestId", out var id) && id.GetString() == requestId);
        }

        Assert.NotNull(line);
        var entry = line.Value;
        Assert.Equal("GET", entry.GetProperty("method").GetString());
        Assert.Equal($"/restapis/{apiId}/prod/_user_request_/logged", entry.GetProperty("path").GetString());
        Assert.Equal("Invoke", entry.GetProperty("operation").GetString());
        Assert.Equal("prod", entry.GetProperty("stage").GetString());
        Assert.Equal("/logged", entry.GetProperty("resourcePath").GetString());
        Assert.Equal("MOCK", entry.GetProperty("integrationType").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Number, entry.GetProperty("ms").ValueKind);
        Assert.Contains(File.ReadLines(_logPath).Select(l => JsonDocument.Parse(l).RootElement), l => l.TryGetProperty("operation", out var op) && op.GetString() == "CreateRestApi");
    }

    [Fact]
    public async Task An_HTTP_integration_accepts_a_stage_variable_as_its_host()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Resource(apiId, "/pets");
        await _gateway.Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/GET", new { authorizationType = "NONE" });

        var answer = await _gateway.Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration",
            new { type = "HTTP", httpMethod = "GET", uri = "https://${stageVariables.backendHost}/pets" });

        answer.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("https://${stageVariables.backendHost}/pets", answer.Str("uri"));
        var refused = await _gateway.Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration",
            new { type = "HTTP", httpMethod = "GET", uri = "ftp://${stageVariables.backendHost}/pets" });
        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid HTTP endpoint specified for URI", refused.ErrorMessage);
    }
}
