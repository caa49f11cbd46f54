using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane.StagePractices;

/// <summary>Token buckets as API Gateway throttles: the method's (else the stage's default), then the account's; 429 when empty.</summary>
public sealed class ThrottlingTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private readonly DataPlaneHarness _gateway;
    private string _apiId = "";

    public ThrottlingTests()
    {
        _gateway = new DataPlaneHarness(new LocalGatewayOptions { Clock = _clock });
    }

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        await _gateway.MockMethod(_apiId, "/pets", "GET", """{"pets":[]}""");
        await _gateway.MockMethod(_apiId, "/pets/{petId}", "GET", """{"pet":1}""");
        await _gateway.Deploy(_apiId);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public void A_bucket_starts_full_refills_at_its_rate_and_never_above_its_burst()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(new ThrottleLimit(2, 3), clock);
        Assert.Equal(3, TakeAll(bucket));
        clock.Advance(TimeSpan.FromSeconds(0.4));
        Assert.False(bucket.TryTake());
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(bucket.TryTake());
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(3, TakeAll(bucket));
    }

    [Fact]
    public void A_fractional_rate_refills_one_token_in_more_than_a_second_and_a_zero_burst_lets_nothing_through()
    {
        var clock = new ManualClock();
        var halfPerSecond = new TokenBucket(new ThrottleLimit(0.5, 1), clock);
        Assert.True(halfPerSecond.TryTake());
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(halfPerSecond.TryTake());
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(halfPerSecond.TryTake());
        Assert.False(new TokenBucket(new ThrottleLimit(100, 0), clock).TryTake());
    }

    [Fact]
    public async Task Over_the_stage_default_throttle_a_method_answers_429_Too_Many_Requests()
    {
        await _gateway.PatchStage(_apiId, "prod", ("/*/*/throttling/rateLimit", "1"), ("/*/*/throttling/burstLimit", "2"));
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets")).Status);
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets")).Status);
        var throttled = await _gateway.Get(_apiId, "/pets");
        Assert.Equal(429, throttled.Status);
        Assert.Equal("""{"message":"Too Many Requests"}""", throttled.Body);
        Assert.Equal("TooManyRequestsException", throttled.Header("x-amzn-ErrorType"));
        Assert.Contains("over its throttle of 1 requests per second (burst 2)", _gateway.Logged(throttled).Error);
        // The stage default is per method: another method has a bucket of its own.
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets/7")).Status);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets")).Status);
        Assert.Equal(429, (await _gateway.Get(_apiId, "/pets")).Status);
    }

    [Fact]
    public async Task A_method_override_wins_over_the_stage_default_and_a_change_starts_a_full_bucket()
    {
        await _gateway.PatchStage(_apiId, "prod",
            ("/*/*/throttling/rateLimit", "100"), ("/*/*/throttling/burstLimit", "100"),
            ("/~1pets~1{petId}/GET/throttling/rateLimit", "1"), ("/~1pets~1{petId}/GET/throttling/burstLimit", "1"));
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets/1")).Status);
        Assert.Equal(429, (await _gateway.Get(_apiId, "/pets/2")).Status);
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets")).Status);
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets")).Status);

        await _gateway.PatchStage(_apiId, "prod", ("/~1pets~1{petId}/GET/throttling/burstLimit", "2"));
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets/3")).Status);
        Assert.Equal(200, (await _gateway.Get(_apiId, "/pets/4")).Status);
        Assert.Equal(429, (await _gateway.Get(_apiId, "/pets/5")).Status);
    }

    [Fact]
    public async Task The_account_throttle_applies_to_every_stage_and_API_together()
    {
        await using var gateway = new DataPlaneHarness(new LocalGatewayOptions { Clock = _clock, AccountRateLimit = 1, AccountBurstLimit = 3 });
        var first = await gateway.CreateApi();
        await gateway.MockMethod(first, "/a", "GET", "{}");
        await gateway.Deploy(first);
        var second = await gateway.CreateApi(new { name = "second" });
        await gateway.MockMethod(second, "/b", "GET", "{}");
        await gateway.Deploy(second, "test");

        Assert.Equal(200, (await gateway.Get(first, "/a")).Status);
        Assert.Equal(200, (await gateway.Get(second, "/b", stage: "test")).Status);
        Assert.Equal(200, (await gateway.Get(first, "/a")).Status);
        var throttled = await gateway.Get(second, "/b", stage: "test");
        Assert.Equal(429, throttled.Status);
        Assert.Equal("""{"message":"Too Many Requests"}""", throttled.Body);
        Assert.Contains("the account is over its throttle", gateway.Server.RecentRequests.Single(e => e.StatusCode == 429).Error);
    }

    [Fact]
    public async Task Concurrent_requests_get_exactly_the_burst_and_no_more()
    {
        await _gateway.PatchStage(_apiId, "prod", ("/*/*/throttling/rateLimit", "1"), ("/*/*/throttling/burstLimit", "10"));
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _gateway.Get(_apiId, "/pets")));
        Assert.Equal(10, answers.Count(answer => answer.Status == 200));
        Assert.Equal(40, answers.Count(answer => answer.Status == 429));
    }

    [Theory]
    [InlineData("/", "GET", "~1/GET")]
    [InlineData("/pets", "ANY", "~1pets/ANY")]
    [InlineData("/pets/{petId}/toys", "POST", "~1pets~1{petId}~1toys/POST")]
    public void A_method_is_found_in_the_method_settings_under_AWS_s_escaped_key(string resourcePath, string httpMethod, string key) =>
        Assert.Equal(key, global::ApiGatewayTools.LocalGateway.DataPlane.Practices.StagePractices.SettingsKey(resourcePath, httpMethod));

    [Fact]
    public async Task Without_a_throttle_of_its_own_the_stage_is_not_throttled_below_the_account()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await _gateway.Get(_apiId, "/pets")).Status);
        }
    }

    private static int TakeAll(TokenBucket bucket)
    {
        var taken = 0;
        while (bucket.TryTake())
        {
            taken++;
        }
        return taken;
    }
}
