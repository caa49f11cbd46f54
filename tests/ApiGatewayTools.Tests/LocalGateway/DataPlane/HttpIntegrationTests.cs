using System.Diagnostics;
using System.Net;
using System.Text;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

public sealed class HttpIntegrationTests : IAsyncLifetime
{
    private readonly DataPlaneHarness _gateway = new();
    private TestBackend _backend = null!;

    public Task InitializeAsync()
    {
        _backend = new TestBackend(async context =>
        {
            var path = context.Request.Url!.AbsolutePath;
            if (path.StartsWith("/slow", StringComparison.Ordinal))
            {
                await Task.Delay(1500);
            }
            context.Response.Headers.Add("X-Backend", "yes");
            context.Response.Headers.Add("Set-Cookie", "a=1");
            context.Response.Headers.Add("Set-Cookie", "b=2");
            if (path.StartsWith("/html", StringComparison.Ordinal))
            {
                await TestBackend.Answer(context, 200, "<html>hello</html>", "text/html; charset=utf-8");
                return;
            }
            var status = path.StartsWith("/missing", StringComparison.Ordinal) ? 404 : 201;
            await TestBackend.Answer(context, status, $$"""{"backendPath":"{{context.Request.RawUrl}}"}""");
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private async Task<string> ProxyApi(string uri, int timeoutInMillis = 29000, string path = "/{proxy+}")
    {
        var apiId = await _gateway.CreateApi();
        await _gateway.Method(apiId, path, "ANY", new
        {
            type = "HTTP_PROXY",
            httpMethod = "ANY",
            uri,
            timeoutInMillis,
            requestParameters = new Dictionary<string, string> { ["integration.request.path.proxy"] = "method.request.path.proxy" },
        });
        return apiId;
    }

    [Fact]
    public async Task HTTP_PROXY_forwards_method_path_query_headers_and_body_and_returns_the_answer_as_is()
    {
        var apiId = await ProxyApi(_backend.BaseUrl + "/api/{proxy}");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Put, "/pets/a%20b?x=1&x=2&y=z",
            DataPlaneHarness.Json("""{"name":"rex"}"""), new Dictionary<string, string> { ["X-Custom"] = "hello" });

        Assert.Equal(201, answer.Status);
        Assert.Equal("""{"backendPath":"/api/pets/a%20b?x=1&x=2&y=z"}""", answer.Body);
        Assert.Equal("yes", answer.Header("X-Backend"));
        Assert.Equal(["a=1", "b=2"], answer.Message.Headers.GetValues("Set-Cookie"));
        var seen = _backend.Last!.Value;
        Assert.Equal("PUT", seen.Method);
        Assert.Equal("hello", seen.Headers["X-Custom"]);
        Assert.Equal("application/json; charset=utf-8", seen.Headers["Content-Type"]);
        Assert.Equal($"127.0.0.1:{_backend.Port}", seen.Headers["Host"]);
        Assert.Equal("""{"name":"rex"}""", seen.Body);
        Assert.NotNull(answer.Header("x-amzn-RequestId"));
    }

    [Fact]
    public async Task HTTP_PROXY_returns_backend_errors_unchanged()
    {
        var apiId = await ProxyApi(_backend.BaseUrl + "/{proxy}");
        await _gateway.Deploy(apiId);
        var answer = await _gateway.Get(apiId, "/missing/thing");
        Assert.Equal(404, answer.Status);
        Assert.Equal("""{"backendPath":"/missing/thing"}""", answer.Body);
    }

    [Fact]
    public async Task A_stage_variable_can_name_the_backend_host()
    {
        var apiId = await ProxyApi("http://${stageVariables.backendHost}/from-stage/{proxy}");
        await _gateway.Deploy(apiId, variables: new { backendHost = $"127.0.0.1:{_backend.Port}" });
        var answer = await _gateway.Get(apiId, "/x");
        Assert.Equal(201, answer.Status);
        Assert.Equal("""{"backendPath":"/from-stage/x"}""", answer.Body);
    }

    [Fact]
    public async Task A_refused_connection_is_a_502()
    {
        var apiId = await ProxyApi($"http://127.0.0.1:{TestBackend.FreePort()}/{{proxy}}");
        await _gateway.Deploy(apiId);
        var answer = await _gateway.Get(apiId, "/x");
        Assert.Equal(502, answer.Status);
        Assert.Equal("""{"message": "Internal server error"}""", answer.Body);
    }

    [Fact]
    public async Task A_backend_that_hangs_up_is_a_502()
    {
        // A raw socket that reads the request and closes without a word.
        using var hangUp = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        hangUp.Start();
        var port = ((IPEndPoint)hangUp.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var closing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await hangUp.AcceptSocketAsync(stop.Token);
                await socket.ReceiveAsync(new byte[4096]);
                socket.Close();
            }
        });
        var apiId = await ProxyApi($"http://127.0.0.1:{port}/{{proxy}}");
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Get(apiId, "/x");

        Assert.Equal(502, answer.Status);
        Assert.Equal("""{"message": "Internal server error"}""", answer.Body);
        await stop.CancelAsync();
        try
        {
            await closing;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the next connection; between connections it ends without one.
        }
    }

    [Fact]
    public async Task No_answer_within_the_integration_timeout_is_a_504()
    {
        var apiId = await ProxyApi(_backend.BaseUrl + "/slow/{proxy}", timeoutInMillis: 200);
        await _gateway.Deploy(apiId);
        var timer = Stopwatch.StartNew();
        var answer = await _gateway.Get(apiId, "/x");
        Assert.Equal(504, answer.Status);
        Assert.Equal("""{"message": "Endpoint request timed out"}""", answer.Body);
        Assert.True(timer.ElapsedMilliseconds < 1400, $"took {timer.ElapsedMilliseconds} ms");
        var entry = _gateway.Server.RecentRequests.Single(e => e.RequestId == answer.Header("x-amzn-RequestId"));
        Assert.Equal("endpoint request timed out after 200 ms", entry.Error);
    }

    [Fact]
    public async Task A_slow_backend_does_not_stall_other_routes()
    {
        var apiId = await ProxyApi(_backend.BaseUrl + "/slow/{proxy}", path: "/slow/{proxy+}");
        await _gateway.MockMethod(apiId, "/fast", "GET", """{"fast":true}""");
        await _gateway.Deploy(apiId);

        var slow = Enumerable.Range(0, 50).Select(_ => _gateway.Get(apiId, "/slow/x")).ToList();
        await Task.Delay(100);
        var timer = Stopwatch.StartNew();
        var fast = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _gateway.Get(apiId, "/fast")));
        var fastElapsed = timer.ElapsedMilliseconds;

        Assert.All(fast, answer => Assert.Equal("""{"fast":true}""", answer.Body));
        Assert.True(fastElapsed < 1000, $"fast route took {fastElapsed} ms behind 50 slow requests");
        Assert.All(await Task.WhenAll(slow), answer => Assert.Equal(201, answer.Status));
    }

    [Fact]
    public async Task HTTP_maps_parameters_and_body_on_the_way_in_and_integration_responses_on_the_way_out()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/pets/{petId}", "POST", new
        {
            type = "HTTP",
            httpMethod = "PUT",
            uri = _backend.BaseUrl + "/${stageVariables.prefix}/animals/{id}",
            requestParameters = new Dictionary<string, string>
            {
                ["integration.request.path.id"] = "method.request.path.petId",
                ["integration.request.querystring.kind"] = "method.request.querystring.type",
                ["integration.request.header.X-Caller"] = "method.request.header.X-From",
                ["integration.request.header.X-Fixed"] = "'constant'",
            },
            requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"wrapped":$input.json('$'),"stage":"$context.stage"}""" },
        });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "200", new
        {
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"got":$input.json('$.backendPath')}""" },
            responseParameters = new Dictionary<string, string> { ["method.response.header.X-From-Backend"] = "integration.response.header.X-Backend" },
        });
        await _gateway.Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/POST/responses/400", new { });
        await _gateway.Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/POST/integration/responses/400", new { selectionPattern = "4\\d\\d" });
        await _gateway.Deploy(apiId, variables: new { prefix = "v2" });

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/pets/42?type=dog&ignored=1", DataPlaneHarness.Json("""{"a":1}"""),
            new Dictionary<string, string> { ["X-From"] = "tester", ["X-Not-Mapped"] = "no" });

        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"got":"/v2/animals/42?kind=dog"}""", answer.Body);
        Assert.Equal("yes", answer.Header("X-From-Backend"));
        var seen = _backend.Last!.Value;
        Assert.Equal("PUT", seen.Method);
        Assert.Equal("""{"wrapped":{"a":1},"stage":"prod"}""", seen.Body);
        Assert.Equal("tester", seen.Headers["X-Caller"]);
        Assert.Equal("constant", seen.Headers["X-Fixed"]);
        Assert.Null(seen.Headers["X-Not-Mapped"]);
    }

    [Fact]
    public async Task HTTP_selects_the_integration_response_by_the_backend_status()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/thing", "GET", new { type = "HTTP", httpMethod = "GET", uri = _backend.BaseUrl + "/missing" });
        await _gateway.IntegrationResponse(apiId, resourceId, "GET", "200", new { });
        await _gateway.IntegrationResponse(apiId, resourceId, "GET", "410", new
        {
            selectionPattern = "404",
            responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"gone":true}""" },
        });
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Get(apiId, "/thing");
        Assert.Equal(410, answer.Status);
        Assert.Equal("""{"gone":true}""", answer.Body);
    }

    [Fact]
    public async Task HTTP_passes_the_backend_body_through_when_the_response_has_no_template()
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/thing", "GET", new { type = "HTTP", httpMethod = "GET", uri = _backend.BaseUrl + "/plain" });
        await _gateway.IntegrationResponse(apiId, resourceId, "GET", "200", new { });
        await _gateway.Deploy(apiId);

        var answer = await _gateway.Get(apiId, "/thing");
        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"backendPath":"/plain"}""", answer.Body);
    }

    /// <summary>
    /// A non-proxy integration answers only the headers its integration response maps: the backend's Content-Type
    /// is not among them, so a body passed through untouched goes out as application/json unless the response maps
    /// method.response.header.Content-Type (as AWS's S3 proxy tutorial does with integration.response.header.Content-Type).
    /// </summary>
    [Fact]
    public async Task HTTP_answers_application_json_for_a_body_passed_through_unless_Content_Type_is_mapped()
    {
        var apiId = await _gateway.CreateApi();
        var plain = await _gateway.Method(apiId, "/plain", "GET", new { type = "HTTP", httpMethod = "GET", uri = _backend.BaseUrl + "/html" });
        await _gateway.IntegrationResponse(apiId, plain, "GET", "200", new { });
        var mapped = await _gateway.Method(apiId, "/mapped", "GET", new { type = "HTTP", httpMethod = "GET", uri = _backend.BaseUrl + "/html" });
        (await _gateway.Client.Put($"/restapis/{apiId}/resources/{mapped}/methods/GET/responses/200",
            new { responseParameters = new Dictionary<string, bool> { ["method.response.header.Content-Type"] = false } }))
            .ShouldBe(HttpStatusCode.Created);
        (await _gateway.Client.Put($"/restapis/{apiId}/resources/{mapped}/methods/GET/integration/responses/200",
            new { responseParameters = new Dictionary<string, string> { ["method.response.header.Content-Type"] = "integration.response.header.Content-Type" } }))
            .ShouldBe(HttpStatusCode.Created);
        await _gateway.Deploy(apiId);

        var passedThrough = await _gateway.Get(apiId, "/plain");
        var withType = await _gateway.Get(apiId, "/mapped");

        Assert.Equal("<html>hello</html>", passedThrough.Body);
        Assert.Equal("application/json", passedThrough.Header("Content-Type"));
        Assert.Null(passedThrough.Header("X-Backend"));
        Assert.Equal("<html>hello</html>", withType.Body);
        Assert.Equal("text/html; charset=utf-8", withType.Header("Content-Type"));
    }
}
