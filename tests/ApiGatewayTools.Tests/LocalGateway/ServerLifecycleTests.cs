using System.Net;
using System.Net.Sockets;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task Listens_on_loopback_and_frees_the_port_when_disposed()
    {
        var server = LocalGatewayServer.Start(new LocalGatewayOptions());
        var port = server.Port;
        Assert.Equal(new Uri($"http://127.0.0.1:{port}"), server.EndpointUrl);
        (await new GatewayClient(server).Get("/restapis")).ShouldBe(HttpStatusCode.OK);

        await server.DisposeAsync();

        using var probe = new TcpListener(IPAddress.Loopback, port);
        probe.Start();
        probe.Stop();
        await using var again = LocalGatewayServer.Start(new LocalGatewayOptions { Port = port });
        Assert.Equal(port, again.Port);
    }

    [Fact]
    public void Strict_keys_must_come_in_pairs()
    {
        Assert.Throws<ArgumentException>(() => LocalGatewayServer.Start(new LocalGatewayOptions { StrictAccessKey = "only-half" }));
    }

    [Fact]
    public void Request_log_keeps_only_the_most_recent_entries()
    {
        var log = new RequestLog(3);
        for (var i = 0; i < 5; i++)
        {
            log.Add(new LocalRequestLogEntry(DateTimeOffset.UtcNow, $"id{i}", "GET", "/restapis", "GetRestApis", 200, 1));
        }

        Assert.Equal(["id2", "id3", "id4"], log.Snapshot().Select(entry => entry.RequestId));
    }

    [Fact]
    public async Task A_route_registered_as_anonymous_is_served_without_a_signature()
    {
        await using var server = LocalGatewayServer.Start(new LocalGatewayOptions());
        server.AddRoutes(new EchoArea());

        var answer = await new GatewayClient(server).Send(HttpMethod.Get, "/anonymous/a/b", null, sign: false);

        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("a/b", answer.Str("path"));
    }

    /// <summary>An unsigned route next to the control plane's.</summary>
    private sealed class EchoArea : IRouteArea
    {
        public void Register(Router router) => router.Map("GET", "/anonymous/{path+}", "Echo",
            (request, _) => Task.FromResult(GatewayResponse.Json(200, w => w.WriteString("path", request.Route("path")))),
            requiresSignature: false);
    }
}
