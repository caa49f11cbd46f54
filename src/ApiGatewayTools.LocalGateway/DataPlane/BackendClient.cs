using System.Net;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// The one HttpClient every HTTP integration of a gateway shares: a pooled handler that never uses a
/// proxy, never follows redirects and never decompresses, so the client sees the backend's answer as it was.
/// Timeouts are per request (the integration's timeoutInMillis), not the client's.
/// </summary>
internal sealed class BackendClient : IDisposable
{
    public BackendClient()
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            MaxConnectionsPerServer = int.MaxValue,
        };
        Http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Http { get; }

    public void Dispose() => Http.Dispose();
}
