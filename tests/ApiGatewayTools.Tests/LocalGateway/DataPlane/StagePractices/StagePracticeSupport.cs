using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane.StagePractices;

/// <summary>A clock that moves only when told: throttle refills and cache expiry without waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>A backend on loopback that counts what reaches it and answers each call with its number.</summary>
internal sealed class CountingBackend : IAsyncDisposable
{
    private readonly TestBackend _backend;
    private int _calls;

    public CountingBackend(Func<int, string>? body = null)
    {
        body ??= call => $$"""{"call":{{call}}}""";
        _backend = new TestBackend(context => TestBackend.Answer(context, 200, body(Interlocked.Increment(ref _calls))));
    }

    public int Calls => Volatile.Read(ref _calls);
    public string BaseUrl => _backend.BaseUrl;

    public ValueTask DisposeAsync() => _backend.DisposeAsync();
}

internal static class StagePracticeHarness
{
    public static async Task PatchStage(this DataPlaneHarness gateway, string apiId, string stageName, params (string Path, string Value)[] settings)
    {
        var answer = await gateway.Client.Patch($"/restapis/{apiId}/stages/{stageName}",
            settings.Select(setting => (object)new { op = "replace", path = setting.Path, value = setting.Value }).ToArray());
        answer.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>An HTTP_PROXY GET method on <paramref name="path"/> to the backend, with the integration's cache key parameters.</summary>
    public static async Task<string> ProxyMethod(this DataPlaneHarness gateway, string apiId, string path, string backendUrl, string httpMethod = "GET", params string[] cacheKeyParameters) =>
        await gateway.Method(apiId, path, httpMethod, new { type = "HTTP_PROXY", httpMethod, uri = backendUrl + "/answer", cacheKeyParameters });
}
