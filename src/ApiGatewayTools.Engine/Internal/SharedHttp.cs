using System.Net;
using System.Net.Http.Headers;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>One connection pool for the whole process: every client, region and account share it.</summary>
internal static class SharedHttp
{
    public static HttpClient Client { get; } = Create();

    private static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            // Recycle pooled connections so DNS changes of AWS endpoints are picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = false,
        };
        // Each attempt has its own timeout (RetryOptions.AttemptTimeout), so the client-wide one is off.
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ApiGatewayTools", typeof(SharedHttp).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return client;
    }
}
