using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>Bodies the gateway must refuse cleanly (400 or 403, never 500, never silently altered), and AWS's size limits on what it stores.</summary>
public sealed class HostileInputTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task Invalid_utf8_in_a_json_body_is_a_400_serialization_error()
    {
        var body = Encoding.UTF8.GetBytes("""{"name":"bad""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();

        var answer = await SendBytes(HttpMethod.Post, "/restapis", body);

        answer.ShouldBe(HttpStatusCode.BadRequest, "SerializationException");
        Assert.Contains("not valid UTF-8", answer.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"name":"lone \ud800 high"}""")]
    [InlineData("""{"name":"lone \udc00 low"}""")]
    [InlineData("""{"name":"ends high \ud800"}""")]
    [InlineData("""{"name":"reversed \udc00\ud800"}""")]
    [InlineData("""{"name":"x","tags":{"k\ud800":"v"}}""")]
    public async Task A_lone_surrogate_is_refused_not_replaced(string body)
    {
        var answer = await _client.Send(HttpMethod.Post, "/restapis", body);

        answer.ShouldBe(HttpStatusCode.BadRequest, "SerializationException");
        Assert.Contains("unpaired surrogate", answer.ErrorMessage);
    }

    [Fact]
    public async Task A_surrogate_pair_written_as_escapes_is_kept_exactly()
    {
        var answer = await _client.Send(HttpMethod.Post, "/restapis", """{"name":"pets \ud83d\udc36 \\ud800 literal"}""");

        answer.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("pets \U0001F436 \\ud800 literal", answer.Str("name"));
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_before_its_body_is_read()
    {
        var answer = await SendBytes(HttpMethod.Post, "/restapis", new byte[4 * 1024 * 1024], sign: false);

        answer.ShouldBe(HttpStatusCode.Forbidden, "MissingAuthenticationTokenException");
        await _client.CreateApi("still-serving");
    }

    [Fact]
    public async Task Names_descriptions_and_path_parts_past_their_limits_are_refused_and_nothing_is_made()
    {
        var before = (await _client.Get("/restapis?limit=500")).Json.GetProperty("item").GetArrayLength();

        (await _client.Post("/restapis", new { name = new string('n', 1025) })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post("/restapis", new { name = "ok", description = new string('d', 4097) })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal(before, (await _client.Get("/restapis?limit=500")).Json.GetProperty("item").GetArrayLength());

        var (apiId, rootId) = await _client.CreateApi("limits");
        var longPart = await _client.Post($"/restapis/{apiId}/resources/{rootId}", new { pathPart = new string('p', 1025) });
        longPart.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("at most 1024", longPart.ErrorMessage);
        var rename = await _client.Patch($"/restapis/{apiId}", new { op = "replace", path = "/name", value = new string('n', 1025) });
        rename.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("limits", (await _client.Get($"/restapis/{apiId}")).Str("name"));
    }

    [Fact]
    public async Task A_name_at_the_limit_is_accepted()
    {
        (await _client.Post("/restapis", new { name = new string('n', 1024) })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Tags_past_AWS_limits_are_refused_and_tag_resource_is_all_or_nothing()
    {
        var fiftyOne = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");
        (await _client.Post("/restapis", new { name = "t", tags = fiftyOne })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post("/restapis", new { name = "t", tags = new Dictionary<string, string> { [new string('k', 129)] = "v" } }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post("/restapis", new { name = "t", tags = new Dictionary<string, string> { ["k"] = new string('v', 257) } }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");

        var created = await _client.Post("/restapis", new { name = "t", tags = Enumerable.Range(0, 50).ToDictionary(i => $"k{i}", i => "v") });
        created.ShouldBe(HttpStatusCode.Created);
        var arn = Uri.EscapeDataString($"arn:aws:apigateway:{LocalGatewayServer.Region}::/restapis/{created.Str("id")}");
        (await _client.Put($"/tags/{arn}", new { tags = new { extra = "one-too-many" } })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        var tags = (await _client.Get($"/tags/{arn}")).Json.GetProperty("tags");
        Assert.Equal(50, tags.EnumerateObject().Count());
        Assert.False(tags.TryGetProperty("extra", out _));
    }

    [Fact]
    public async Task A_mapping_template_over_300_KB_is_refused()
    {
        var (apiId, rootId) = await _client.CreateApi("templates");
        (await _client.Put($"/restapis/{apiId}/resources/{rootId}/methods/GET", new { authorizationType = "NONE" })).ShouldBe(HttpStatusCode.Created);
        var big = new string('x', 300 * 1024 + 1);

        var answer = await _client.Put($"/restapis/{apiId}/resources/{rootId}/methods/GET/integration",
            new { type = "MOCK", requestTemplates = new Dictionary<string, string> { ["application/json"] = big } });

        answer.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("300 KB", answer.ErrorMessage);
        (await _client.Put($"/restapis/{apiId}/resources/{rootId}/methods/GET/integration",
            new { type = "MOCK", requestTemplates = new Dictionary<string, string> { ["application/json"] = big[..(300 * 1024)] } })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_closes_the_connection_and_the_gateway_keeps_serving()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /restapis HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\nAuthorization: x\r\n\r\n{{\"name\":"));

        // The gateway gives up on the body after its stalled-read timeout: the read ends (0 bytes or a reset), it does not hang.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[1024];
        var received = new MemoryStream();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, bound.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
        }
        Assert.False(bound.IsCancellationRequested, "the stalled connection was still open after 60 seconds");
        // Whatever came back must not read as a finished success (the listener's bare Abort would send an empty 200).
        Assert.DoesNotContain(" 200 ", Encoding.ASCII.GetString(received.ToArray()));
        await _client.CreateApi("after-stall");
    }

    private async Task<GatewayAnswer> SendBytes(HttpMethod method, string path, byte[] body, bool sign = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(fixture.Server.EndpointUrl, path)) { Content = new ByteArrayContent(body) };
        if (sign)
        {
            await new TestSigV4Signer(LocalGatewayServer.DefaultAccessKey, LocalGatewayServer.DefaultSecretKey).SignAsync(request);
        }
        using var http = new HttpClient();
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GatewayAnswer(response.StatusCode, response, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }
}
