using System.Globalization;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// API Gateway's per-account control-plane quotas (Start-GwLocalGateway -EmulateQuotas): a token bucket per
/// operation that has its own quota, and one bucket that every other operation shares. A call that finds its
/// bucket empty is refused with 429 TooManyRequestsException before anything runs, and its Retry-After says
/// when the bucket has a token again. The Lambda API and invoke URLs have quotas of their own and are not counted.
/// </summary>
/// <remarks>
/// The gateway's own table, from AWS's quotas page; the engine paces itself from its own copy, so a mistake in
/// either shows as 429s in the tests. The buckets refill continuously (<see cref="TokenBucket"/>): AWS's rates
/// are fractional (one CreateRestApi per 3 s), which System.Threading.RateLimiting's timer-driven whole-token
/// refills cannot state, and that assembly is not part of the runtime PowerShell ships.
/// </remarks>
internal sealed class ControlPlaneQuotas
{
    /// <summary>The bucket that every operation without a quota of its own shares.</summary>
    public const string EveryOtherOperation = "*";

    public static readonly IReadOnlyDictionary<string, ThrottleLimit> Table = new Dictionary<string, ThrottleLimit>(StringComparer.Ordinal)
    {
        ["CreateRestApi"] = new(1 / 3.0, 1),
        ["ImportRestApi"] = new(1 / 3.0, 1),
        ["PutRestApi"] = new(1, 1),
        ["CreateResource"] = new(5, 5),
        ["DeleteResource"] = new(5, 5),
        ["CreateDeployment"] = new(1 / 5.0, 1),
        ["DeleteRestApi"] = new(1 / 30.0, 1),
        ["GetResources"] = new(2.5, 5),
        ["CreateApiKey"] = new(5, 5),
        ["UpdateUsagePlan"] = new(1 / 20.0, 1),
        [EveryOtherOperation] = new(10, 40),
    };

    /// <summary>How early a call may come for its token: timers fire a few milliseconds either side of what they were set to.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<string, TokenBucket> _buckets;
    private long _refused;

    public ControlPlaneQuotas(TimeProvider clock) =>
        _buckets = Table.ToDictionary(entry => entry.Key, entry => new TokenBucket(entry.Value, clock), StringComparer.Ordinal);

    /// <summary>How many calls were refused since the gateway started.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Takes the operation's token; null when the call may run, else the 429 to answer instead.</summary>
    public GatewayResponse? Refusal(string operation)
    {
        var bucket = _buckets.GetValueOrDefault(operation) ?? _buckets[EveryOtherOperation];
        if (bucket.TryTake(out var nextToken, TimerSlack))
        {
            return null;
        }
        Interlocked.Increment(ref _refused);
        // Retry-After counts whole seconds: rounded up, so a client that waits that long finds a token.
        return TooManyRequests((int)Math.Max(1, Math.Ceiling(nextToken.TotalSeconds)), ErrorBodyStyle.ApiGateway);
    }

    /// <summary>API Gateway's throttling answer (Lambda's with <see cref="ErrorBodyStyle.Lambda"/>), with the seconds to wait in Retry-After.</summary>
    public static GatewayResponse TooManyRequests(int retryAfterSeconds, ErrorBodyStyle style) =>
        new GatewayError(429, "TooManyRequestsException", style == ErrorBodyStyle.Lambda ? "Rate exceeded" : "Too Many Requests", style)
            .ToResponse().WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));
}
