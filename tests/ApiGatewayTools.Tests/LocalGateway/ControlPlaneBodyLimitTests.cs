using System.Net;
using System.Text.Json;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>The control plane reads at most API Gateway's 10 MB of a body before parsing anything, as the invoke URLs do.</summary>
public sealed class ControlPlaneBodyLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int Limit = 10 * 1024 * 1024;
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task A_declared_body_just_over_the_limit_is_refused_with_413_and_the_gateway_keeps_serving()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.EndpointUrl, "/restapis"))
        {
            Content = new ByteArrayContent(new byte[Limit + 1]),
        };

        using var response = await http.SendAsync(request);

        await AssertTooLarge(response);
        await _client.CreateApi();
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413_and_the_gateway_keeps_serving()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.EndpointUrl, "/restapis"))
        {
            Content = new StreamContent(new MemoryStream(new byte[Limit + 64 * 1024])),
        };
        request.Headers.TransferEncodingChunked = true;

        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The gateway may close the connection before the client has finished sending: the log proves the 413.
        }
        if (response is not null)
        {
            await AssertTooLarge(response);
            response.Dispose();
        }
        Assert.Contains(fixture.Server.RecentRequests, e => e.StatusCode == 413 && e.Path == "/restapis" && e.Method == "POST");
        await _client.CreateApi();
    }

    [Fact]
    public async Task A_body_at_the_limit_is_read_and_parsed()
    {
        var answer = await _client.Send(HttpMethod.Post, "/restapis", new string(' ', Limit - 20) + """{"name":"big"}""");

        answer.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task AssertTooLarge(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestEntityTooLargeException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Request body larger than", body.RootElement.GetProperty("message").GetString());
    }
}
