using System.Net;
using System.Net.Sockets;
using System.Text;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>A client that stops part-way through its request line or headers loses its connection; the gateway keeps serving.</summary>
public sealed class StalledRequestTests
{
    private static readonly TimeSpan HeaderTimeout = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData("GET /restapis/abc/prod/_user_request_/pe")]
    [InlineData("GET /restapis HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")]
    public async Task A_request_stalled_before_its_headers_end_is_closed(string partial)
    {
        await using var gateway = LocalGatewayServer.Start(new LocalGatewayOptions { HeaderTimeout = HeaderTimeout });
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, gateway.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(partial));

        Assert.True(await ClosedByServerAsync(stream), "the stalled connection is still open");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(new Uri(gateway.EndpointUrl, "/restapis/nosuchapi/prod/_user_request_/pets"))).StatusCode);
    }

    [Fact]
    public async Task A_kept_alive_connection_that_goes_on_sending_requests_is_not_closed()
    {
        await using var gateway = LocalGatewayServer.Start(new LocalGatewayOptions { HeaderTimeout = HeaderTimeout });
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) });
        var url = new Uri(gateway.EndpointUrl, "/restapis/nosuchapi/prod/_user_request_/pets");

        // Requests spread over several header timeouts on one connection, each answered.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(url)).StatusCode);
            await Task.Delay(HeaderTimeout / 4);
        }
    }

    /// <summary>Reads until the server closes or resets the connection; false if it is still open after 10 seconds.</summary>
    private static async Task<bool> ClosedByServerAsync(NetworkStream stream)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[1024];
        try
        {
            while (await stream.ReadAsync(buffer, limit.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
