using System.Net;
using System.Text;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>An answer from the gateway: status, headers and the body parsed as JSON (or null when empty).</summary>
internal sealed record GatewayAnswer(HttpStatusCode Status, HttpResponseMessage Message, JsonElement? Body)
{
    public JsonElement Json => Body ?? throw new InvalidOperationException("The response had no body.");
    public string? ErrorType => Message.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null;
    public string? RequestId => Message.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.Single() : null;
    public string? ErrorMessage => Body?.TryGetProperty("message", out var m) == true ? m.GetString()
        : Body?.TryGetProperty("Message", out var lambdaMessage) == true ? lambdaMessage.GetString() : null;

    public string Str(string name) => Json.GetProperty(name).GetString()!;

    public void ShouldBe(HttpStatusCode status, string? errorType = null)
    {
        Assert.True(Status == status, $"Expected {(int)status} but got {(int)Status} {ErrorType}: {Body}");
        if (errorType is not null)
        {
            Assert.Equal(errorType, ErrorType);
        }
    }
}

/// <summary>Signs every request (SigV4, default throw-away keys) and talks to one local gateway over loopback.</summary>
internal sealed class GatewayClient(LocalGatewayServer server, string accessKey = LocalGatewayServer.DefaultAccessKey, string secretKey = LocalGatewayServer.DefaultSecretKey)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TestSigV4Signer _signer = new(accessKey, secretKey);

    public Task<GatewayAnswer> Get(string path) => Send(HttpMethod.Get, path, null);
    public Task<GatewayAnswer> Post(string path, object? body = null) => Send(HttpMethod.Post, path, body);
    public Task<GatewayAnswer> Put(string path, object? body = null) => Send(HttpMethod.Put, path, body);
    public Task<GatewayAnswer> Delete(string path) => Send(HttpMethod.Delete, path, null);

    public Task<GatewayAnswer> Patch(string path, params object[] operations) =>
        Send(HttpMethod.Patch, path, new { patchOperations = operations });

    public async Task<GatewayAnswer> Send(HttpMethod method, string path, object? body, bool sign = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(server.EndpointUrl, path));
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        if (sign)
        {
            await _signer.SignAsync(request);
        }
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GatewayAnswer(response.StatusCode, response, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<(string ApiId, string RootId)> CreateApi(string name = "demo")
    {
        var answer = await Post("/restapis", new { name });
        answer.ShouldBe(HttpStatusCode.Created);
        return (answer.Str("id"), answer.Str("rootResourceId"));
    }

    public async Task<string> CreateResource(string apiId, string parentId, string pathPart)
    {
        var answer = await Post($"/restapis/{apiId}/resources/{parentId}", new { pathPart });
        answer.ShouldBe(HttpStatusCode.Created);
        return answer.Str("id");
    }

    /// <summary>A GET method with a MOCK integration on the resource: the smallest deployable method.</summary>
    public async Task AddMockMethod(string apiId, string resourceId, string httpMethod = "GET")
    {
        (await Put($"/restapis/{apiId}/resources/{resourceId}/methods/{httpMethod}", new { authorizationType = "NONE" })).ShouldBe(HttpStatusCode.Created);
        (await Put($"/restapis/{apiId}/resources/{resourceId}/methods/{httpMethod}/integration", new { type = "MOCK" })).ShouldBe(HttpStatusCode.Created);
    }
}

/// <summary>One gateway per test class, stopped when the class is done.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public LocalGatewayServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = LocalGatewayServer.Start(new LocalGatewayOptions());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
