using System.Net;
using System.Net.Sockets;
using System.Text;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

/// <summary>What an invoke URL answered: status, every header and the body as text.</summary>
internal sealed record InvokeAnswer(int Status, HttpResponseMessage Message, string Body)
{
    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : Message.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;
}

/// <summary>
/// A fresh local gateway per test class, a signed client to build APIs through the control plane, and an
/// unsigned client to call invoke URLs as any anonymous caller would.
/// </summary>
internal sealed class DataPlaneHarness : IAsyncDisposable
{
    private static readonly HttpClient Anonymous = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    public DataPlaneHarness(LocalGatewayOptions? options = null)
    {
        Server = LocalGatewayServer.Start(options ?? new LocalGatewayOptions());
        Client = new GatewayClient(Server);
    }

    public LocalGatewayServer Server { get; }
    public GatewayClient Client { get; }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    public async Task<string> CreateApi(object? settings = null)
    {
        var answer = await Client.Post("/restapis", settings ?? new { name = "dataplane" });
        answer.ShouldBe(HttpStatusCode.Created);
        return answer.Str("id");
    }

    /// <summary>The id of the resource at a path such as /pets/{petId}, creating what is missing.</summary>
    public async Task<string> Resource(string apiId, string path)
    {
        var resources = (await Client.Get($"/restapis/{apiId}/resources?limit=500")).Json.GetProperty("item").EnumerateArray()
            .ToDictionary(r => r.GetProperty("path").GetString()!, r => r.GetProperty("id").GetString()!);
        var current = "/";
        var id = resources["/"];
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current == "/" ? "/" + part : current + "/" + part;
            if (!resources.TryGetValue(current, out var existing))
            {
                existing = await Client.CreateResource(apiId, id, part);
                resources[current] = existing;
            }
            id = existing;
        }
        return id;
    }

    /// <summary>Puts a method (authorization NONE) and its integration on the resource at <paramref name="path"/>.</summary>
    public async Task<string> Method(string apiId, string path, string httpMethod, object integration)
    {
        var resourceId = await Resource(apiId, path);
        (await Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/{httpMethod}", new { authorizationType = "NONE" }))
            .ShouldBe(HttpStatusCode.Created);
        (await Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/{httpMethod}/integration", integration))
            .ShouldBe(HttpStatusCode.Created);
        return resourceId;
    }

    public async Task IntegrationResponse(string apiId, string resourceId, string httpMethod, string statusCode, object response)
    {
        (await Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}", new { }))
            .ShouldBe(HttpStatusCode.Created);
        (await Client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}", response))
            .ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A MOCK method answering 200 with a fixed JSON body.</summary>
    public async Task<string> MockMethod(string apiId, string path, string httpMethod, string responseBody)
    {
        var resourceId = await Method(apiId, path, httpMethod, new { type = "MOCK", requestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" } });
        await IntegrationResponse(apiId, resourceId, httpMethod, "200", new { responseTemplates = new Dictionary<string, string> { ["application/json"] = responseBody } });
        return resourceId;
    }

    public async Task<string> Deploy(string apiId, string stageName = "prod", object? variables = null)
    {
        var answer = await Client.Post($"/restapis/{apiId}/deployments", variables is null ? new { stageName } : new { stageName, variables });
        answer.ShouldBe(HttpStatusCode.Created);
        return answer.Str("id");
    }

    /// <summary>
    /// An enabled API key in a new usage plan for the stage, as a caller of an ApiKeyRequired method needs;
    /// <paramref name="plan"/> adds the plan's own settings (throttle, quota). Answers the key's id and value.
    /// </summary>
    public async Task<(string KeyId, string Value)> Subscribe(string apiId, string stageName = "prod", Dictionary<string, object>? plan = null)
    {
        var key = await Client.Post("/apikeys", new { name = "caller", enabled = true });
        key.ShouldBe(HttpStatusCode.Created);
        var body = new Dictionary<string, object>(plan ?? []) { ["name"] = "plan", ["apiStages"] = new[] { new { apiId, stage = stageName } } };
        var created = await Client.Post("/usageplans", body);
        created.ShouldBe(HttpStatusCode.Created);
        (await Client.Post($"/usageplans/{created.Str("id")}/keys", new { keyId = key.Str("id"), keyType = "API_KEY" })).ShouldBe(HttpStatusCode.Created);
        return (key.Str("id"), key.Str("value"));
    }

    public string InvokeUrl(string apiId, string stage, string path) =>
        new Uri(Server.EndpointUrl, $"/restapis/{apiId}/{stage}/_user_request_{path}").ToString();

    public async Task<InvokeAnswer> Invoke(string apiId, string stage, HttpMethod method, string path,
        HttpContent? content = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, InvokeUrl(apiId, stage, path)) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await Anonymous.SendAsync(request);
        return new InvokeAnswer((int)response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }

    public Task<InvokeAnswer> Get(string apiId, string path, string stage = "prod", IReadOnlyDictionary<string, string>? headers = null) =>
        Invoke(apiId, stage, HttpMethod.Get, path, null, headers);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The request log's entry for an answer, found by its request id.</summary>
    public LocalRequestLogEntry Logged(InvokeAnswer answer) =>
        Server.RecentRequests.Single(entry => entry.RequestId == answer.Header("x-amzn-RequestId"));
}

/// <summary>A backend on loopback that records what reached it and answers with <see cref="Respond"/>.</summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TestBackend(Func<HttpListenerContext, Task> respond)
    {
        Respond = respond;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public Func<HttpListenerContext, Task> Respond { get; }
    /// <summary>What the last request carried: method, raw URL, headers and body.</summary>
    public (string Method, string RawUrl, System.Collections.Specialized.NameValueCollection Headers, string Body)? Last { get; private set; }

    public static Task Answer(HttpListenerContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                Last = (context.Request.HttpMethod, context.Request.RawUrl ?? "", context.Request.Headers, body);
                try
                {
                    await Respond(context);
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
                {
                }
            });
        }
    }
}
