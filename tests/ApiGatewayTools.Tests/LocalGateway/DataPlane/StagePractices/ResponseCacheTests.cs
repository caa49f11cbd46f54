using System.Net;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.DataPlane;
using ApiGatewayTools.LocalGateway.DataPlane.Chain;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane.StagePractices;

/// <summary>The stage cache: hits never reach the backend; TTL, keys, flush, size limit and Cache-Control as AWS has them.</summary>
public sealed class ResponseCacheTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> FreshAnswer = new() { ["Cache-Control"] = "max-age=0" };

    private readonly ManualClock _clock = new();
    private readonly DataPlaneHarness _gateway;
    private readonly CountingBackend _backend = new();
    private string _apiId = "";

    public ResponseCacheTests()
    {
        _gateway = new DataPlaneHarness(new LocalGatewayOptions { Clock = _clock });
    }

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        await _gateway.ProxyMethod(_apiId, "/pets", _backend.BaseUrl, "GET", "method.request.querystring.type");
        await _gateway.ProxyMethod(_apiId, "/pets", _backend.BaseUrl, "POST");
        await _gateway.ProxyMethod(_apiId, "/pets/{petId}", _backend.BaseUrl);
        await _gateway.ProxyMethod(_apiId, "/owners/{ownerId}", _backend.BaseUrl, "GET", "method.request.path.ownerId");
        await _gateway.Deploy(_apiId);
        await _gateway.PatchStage(_apiId, "prod", ("/cacheClusterEnabled", "true"), ("/*/*/caching/enabled", "true"), ("/*/*/caching/ttlInSeconds", "60"));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task A_cached_GET_is_answered_without_reaching_the_backend_until_its_TTL_runs_out()
    {
        var first = await _gateway.Get(_apiId, "/pets");
        var second = await _gateway.Get(_apiId, "/pets");
        Assert.Equal(("""{"call":1}""", """{"call":1}"""), (first.Body, second.Body));
        Assert.Equal(1, _backend.Calls);
        Assert.Equal(("Miss", "Hit"), (_gateway.Logged(first).CacheStatus, _gateway.Logged(second).CacheStatus));

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("""{"call":1}""", (await _gateway.Get(_apiId, "/pets")).Body);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("""{"call":2}""", (await _gateway.Get(_apiId, "/pets")).Body);
        Assert.Equal(2, _backend.Calls);
    }

    [Fact]
    public async Task Only_declared_cache_key_parameters_tell_answers_apart()
    {
        Assert.Equal("""{"call":1}""", (await _gateway.Get(_apiId, "/pets?type=dog")).Body);
        Assert.Equal("""{"call":2}""", (await _gateway.Get(_apiId, "/pets?type=cat")).Body);
        Assert.Equal("""{"call":1}""", (await _gateway.Get(_apiId, "/pets?type=dog&page=2")).Body);
        // A path parameter that is not a cache key parameter does not tell answers apart, as on AWS ...
        Assert.Equal("""{"call":3}""", (await _gateway.Get(_apiId, "/pets/1")).Body);
        Assert.Equal("""{"call":3}""", (await _gateway.Get(_apiId, "/pets/2")).Body);
        // ... and one that is does.
        Assert.Equal("""{"call":4}""", (await _gateway.Get(_apiId, "/owners/1")).Body);
        Assert.Equal("""{"call":5}""", (await _gateway.Get(_apiId, "/owners/2")).Body);
        Assert.Equal("""{"call":4}""", (await _gateway.Get(_apiId, "/owners/1")).Body);
    }

    [Fact]
    public async Task The_stage_default_caches_GET_only()
    {
        await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/pets", DataPlaneHarness.Json("{}"));
        await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/pets", DataPlaneHarness.Json("{}"));
        Assert.Equal(2, _backend.Calls);
    }

    [Fact]
    public async Task A_method_setting_may_turn_caching_off_for_one_method_or_on_for_another_verb()
    {
        await _gateway.PatchStage(_apiId, "prod", ("/~1pets/GET/caching/enabled", "false"), ("/~1pets/POST/caching/enabled", "true"));
        await _gateway.Get(_apiId, "/pets");
        await _gateway.Get(_apiId, "/pets");
        Assert.Equal(2, _backend.Calls);
        await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/pets", DataPlaneHarness.Json("{}"));
        await _gateway.Invoke(_apiId, "prod", HttpMethod.Post, "/pets", DataPlaneHarness.Json("{}"));
        Assert.Equal(3, _backend.Calls);
    }

    [Fact]
    public async Task Nothing_is_cached_without_a_cache_cluster_or_with_a_TTL_of_0()
    {
        await _gateway.PatchStage(_apiId, "prod", ("/*/*/caching/ttlInSeconds", "0"));
        await _gateway.Get(_apiId, "/pets");
        await _gateway.Get(_apiId, "/pets");
        await _gateway.PatchStage(_apiId, "prod", ("/*/*/caching/ttlInSeconds", "300"), ("/cacheClusterEnabled", "false"));
        var answer = await _gateway.Get(_apiId, "/pets");
        await _gateway.Get(_apiId, "/pets");
        Assert.Equal(4, _backend.Calls);
        Assert.Null(_gateway.Logged(answer).CacheStatus);
    }

    [Fact]
    public async Task A_flushed_cache_never_serves_what_it_held()
    {
        await _gateway.Get(_apiId, "/pets");
        Assert.Equal("""{"call":1}""", (await _gateway.Get(_apiId, "/pets")).Body);
        (await _gateway.Client.Delete($"/restapis/{_apiId}/stages/prod/cache/data")).ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal("""{"call":2}""", (await _gateway.Get(_apiId, "/pets")).Body);
        Assert.Equal("""{"call":2}""", (await _gateway.Get(_apiId, "/pets")).Body);
    }

    [Fact]
    public async Task Canary_requests_use_the_stage_cache_only_when_the_canary_says_so()
    {
        var canary = await _gateway.Client.Post($"/restapis/{_apiId}/deployments", new { stageName = "prod", canarySettings = new { percentTraffic = 100.0 } });
        canary.ShouldBe(HttpStatusCode.Created);
        await _gateway.Get(_apiId, "/pets");
        await _gateway.Get(_apiId, "/pets");
        Assert.Equal(2, _backend.Calls);
        await _gateway.PatchStage(_apiId, "prod", ("/canarySettings/useStageCache", "true"));
        await _gateway.Get(_apiId, "/pets");
        await _gateway.Get(_apiId, "/pets");
        Assert.Equal(3, _backend.Calls);
    }

    [Fact]
    public async Task Cache_Control_max_age_0_from_a_signed_caller_fetches_afresh_and_replaces_the_entry()
    {
        await _gateway.Get(_apiId, "/pets");
        var signed = new Dictionary<string, string>(FreshAnswer)
        {
            ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc",
        };
        Assert.Equal("""{"call":2}""", (await _gateway.Get(_apiId, "/pets", headers: signed)).Body);
        Assert.Equal("""{"call":2}""", (await _gateway.Get(_apiId, "/pets")).Body);
    }

    [Fact]
    public async Task An_unauthorized_Cache_Control_is_ignored_with_a_Warning_header_by_default()
    {
        await _gateway.Get(_apiId, "/pets");
        var answer = await _gateway.Get(_apiId, "/pets", headers: FreshAnswer);
        Assert.Equal("""{"call":1}""", answer.Body);
        Assert.Equal(ResponseCacheStage.IgnoredCacheControlWarning, answer.Header("Warning"));
        Assert.Null((await _gateway.Get(_apiId, "/pets")).Header("Warning"));
    }

    [Fact]
    public async Task An_unauthorized_Cache_Control_fails_with_403_or_is_ignored_silently_as_the_strategy_says()
    {
        await _gateway.Get(_apiId, "/pets");
        await _gateway.PatchStage(_apiId, "prod", ("/*/*/caching/unauthorizedCacheControlHeaderStrategy", "FAIL_WITH_403"));
        var refused = await _gateway.Get(_apiId, "/pets", headers: FreshAnswer);
        Assert.Equal(403, refused.Status);
        Assert.Equal(1, _backend.Calls);

        await _gateway.PatchStage(_apiId, "prod", ("/*/*/caching/unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITHOUT_RESPONSE_HEADER"));
        var ignored = await _gateway.Get(_apiId, "/pets", headers: FreshAnswer);
        Assert.Equal("""{"call":1}""", ignored.Body);
        Assert.Null(ignored.Header("Warning"));

        await _gateway.PatchStage(_apiId, "prod", ("/*/*/caching/requireAuthorizationForCacheControl", "false"));
        Assert.Equal("""{"call":2}""", (await _gateway.Get(_apiId, "/pets", headers: FreshAnswer)).Body);
    }

    [Fact]
    public async Task An_answer_over_1_MB_is_not_cached()
    {
        await using var large = new CountingBackend(call => new string('x', ResponseCache.MaxAnswerBytes) + call);
        await _gateway.ProxyMethod(_apiId, "/large", large.BaseUrl);
        await _gateway.Deploy(_apiId);
        await _gateway.Get(_apiId, "/large");
        await _gateway.Get(_apiId, "/large");
        Assert.Equal(2, large.Calls);
    }

    [Fact]
    public void The_store_stays_within_its_bounds()
    {
        var cache = new ResponseCache(_clock, maxEntries: 8, maxBytes: 1000);
        var answer = new MethodResult(200, [], new byte[50]);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(cache.Store($"key{i}", 0, 60, answer));
            Assert.InRange(cache.Count, 1, 8);
            Assert.InRange(cache.Bytes, 1, 1000);
        }
        Assert.True(cache.TryGet("key99", 0, out _));
        Assert.False(cache.TryGet("key99", 1, out _));
        Assert.False(cache.TryGet("key99", 0, out _));
    }

    [Fact]
    public async Task Hits_and_misses_are_counted_in_the_stage_metrics()
    {
        await _gateway.Get(_apiId, "/pets");
        await _gateway.Get(_apiId, "/pets");
        await _gateway.Get(_apiId, "/pets");
        var stage = _gateway.Server.StageMetrics(_apiId, "prod");
        Assert.Equal((3L, 2L, 1L), (stage[0].Count, stage[0].CacheHitCount, stage[0].CacheMissCount));
        var method = stage.Single(m => m.Resource == "/pets" && m.HttpMethod == "GET");
        Assert.Equal((2L, 1L), (method.CacheHitCount, method.CacheMissCount));
        Assert.Equal(1, method.IntegrationLatency.SampleCount);
    }
}
