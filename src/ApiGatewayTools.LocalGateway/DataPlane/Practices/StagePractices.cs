using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Practices;

/// <summary>The unauthorizedCacheControlHeaderStrategy values: what a Cache-Control: max-age=0 from a caller who may not invalidate gets.</summary>
internal enum UnauthorizedCacheControl
{
    FailWith403,
    SucceedWithResponseHeader,
    SucceedWithoutResponseHeader,
}

/// <summary>A method's throttle: requests per second and the burst (the token bucket's capacity).</summary>
internal sealed record ThrottleLimit(double RatePerSecond, int Burst);

/// <summary>A method's cache settings, as its method settings (or the stage's */* ones) say.</summary>
internal sealed record CachePolicy(int TtlInSeconds, bool RequireAuthorizationForCacheControl, UnauthorizedCacheControl UnauthorizedStrategy);

/// <summary>
/// What one method of a stage enforces: its throttle and its cache (null when it does not cache). The stage's
/// default (*/*) caches GET requests only, as AWS's does; a method's own settings may cache any verb.
/// </summary>
internal sealed record MethodPractice(ThrottleLimit? Throttle, CachePolicy? Cache, bool StageDefault)
{
    public static readonly MethodPractice None = new(null, null, true);

    public CachePolicy? CacheFor(string requestVerb) => StageDefault && requestVerb != "GET" ? null : Cache;
}

/// <summary>
/// A deployed stage's method settings, parsed once per <see cref="DeployedStage"/> (a new one comes with every
/// change of the stage, so settings take effect without redeploying, as on AWS). A method's own entry
/// ("~1pets~1{petId}/GET") wins over the stage's default ("*/*"); without either the method has no throttle
/// of its own and does not cache.
/// </summary>
internal sealed class StagePractices
{
    private const string StageDefaultKey = "*/*";
    private const int MethodCapacity = 4096;

    private static readonly ConditionalWeakTable<DeployedStage, StagePractices> Parsed = new();

    private readonly DeployedStage _stage;
    private readonly MethodPractice _default;
    private readonly ConcurrentDictionary<(string ResourcePath, string HttpMethod), MethodPractice> _methods = new();

    private StagePractices(DeployedStage stage)
    {
        _stage = stage;
        _default = stage.MethodSettings.TryGetValue(StageDefaultKey, out var settings) ? Parse(settings, stage.CacheClusterEnabled, stageDefault: true) : MethodPractice.None;
    }

    public static StagePractices For(DeployedStage stage) => Parsed.GetValue(stage, s => new StagePractices(s));

    /// <summary>The practice of the method <paramref name="httpMethod"/> (as defined: GET, ANY, ...) on <paramref name="resourcePath"/>.</summary>
    public MethodPractice Method(string resourcePath, string httpMethod)
    {
        if (_stage.MethodSettings.Count == 0)
        {
            return MethodPractice.None;
        }
        if (_methods.TryGetValue((resourcePath, httpMethod), out var practice))
        {
            return practice;
        }
        practice = _stage.MethodSettings.TryGetValue(SettingsKey(resourcePath, httpMethod), out var settings)
            ? Parse(settings, _stage.CacheClusterEnabled, stageDefault: false)
            : _default;
        if (_methods.Count < MethodCapacity)
        {
            _methods[(resourcePath, httpMethod)] = practice;
        }
        return practice;
    }

    /// <summary>The methodSettings key AWS uses: the resource path with each "/" written "~1", then the verb.</summary>
    public static string SettingsKey(string resourcePath, string httpMethod) => resourcePath.Replace("/", "~1", StringComparison.Ordinal) + "/" + httpMethod;

    private static MethodPractice Parse(IReadOnlyDictionary<string, string> settings, bool cacheClusterEnabled, bool stageDefault)
    {
        var throttle = Number(settings, "throttlingRateLimit") is { } rate
            ? new ThrottleLimit(Math.Max(0, rate), (int)Math.Clamp(Number(settings, "throttlingBurstLimit") ?? 0, 0, int.MaxValue))
            : null;
        // A method caches only when the stage has a cache cluster and its TTL is above 0 (0 turns caching off).
        var ttl = (int)(Number(settings, "cacheTtlInSeconds") ?? 300);
        var cache = cacheClusterEnabled && Flag(settings, "cachingEnabled", false) && ttl > 0
            ? new CachePolicy(ttl, Flag(settings, "requireAuthorizationForCacheControl", true), Strategy(settings))
            : null;
        return new MethodPractice(throttle, cache, stageDefault);
    }

    private static double? Number(IReadOnlyDictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Flag(IReadOnlyDictionary<string, string> settings, string name, bool fallback) =>
        settings.TryGetValue(name, out var text) && bool.TryParse(text, out var value) ? value : fallback;

    private static UnauthorizedCacheControl Strategy(IReadOnlyDictionary<string, string> settings) =>
        settings.TryGetValue("unauthorizedCacheControlHeaderStrategy", out var text) ? text switch
        {
            "FAIL_WITH_403" => UnauthorizedCacheControl.FailWith403,
            "SUCCEED_WITHOUT_RESPONSE_HEADER" => UnauthorizedCacheControl.SucceedWithoutResponseHeader,
            _ => UnauthorizedCacheControl.SucceedWithResponseHeader,
        } : UnauthorizedCacheControl.SucceedWithResponseHeader;
}
