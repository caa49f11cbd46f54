using System.Net;
using System.Text;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

/// <summary>A mapping template renders for a client: when the client closes its connection, rendering stops.</summary>
public sealed class ClientDisconnectTests : IAsyncLifetime
{
    // A billion #set calls: only the render budget (5 s) or the client's going away ends it.
    private const string EndlessTemplate = "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#set($x = 1)#end#end#end";
    private DataPlaneHarness _gateway = null!;

    public Task InitializeAsync()
    {
        _gateway = new DataPlaneHarness(new LocalGatewayOptions());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_template_rendering_for_a_client_that_has_disconnected_is_cancelled()
    {
        var apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(apiId, "/slow", "GET", EndlessTemplate);
        await _gateway.Deploy(apiId);

        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, _gateway.Server.Port);
            await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET /restapis/{apiId}/prod/_user_request_/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            // Long enough for the request to reach the template, then the client gives up.
            await Task.Delay(300);
        }

        LocalRequestLogEntry? logged = null;
        for (var attempt = 0; attempt < 100 && logged is null; attempt++)
        {
            await Task.Delay(100);
            logged = _gateway.Server.RecentRequests.FirstOrDefault(e => e.Path.EndsWith("/slow", StringComparison.Ordinal));
        }

        // Abandoned, not run on until the render budget refused it with a template error.
        Assert.NotNull(logged);
        Assert.StartsWith("request abandoned", logged.Error);
        Assert.Equal(0, logged.StatusCode);
    }
}
