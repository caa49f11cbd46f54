using System.Net;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane.StagePractices;

/// <summary>
/// Who an ApiKeyRequired method lets in: a key of the account, enabled, in a usage plan for the stage, within
/// the plan's throttle and quota. Quota periods follow a clock the test moves (UTC days).
/// </summary>
public sealed class ApiKeyEnforcementTests : IAsyncLifetime
{
    private readonly CalendarClock _clock = new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero)); // a Wednesday
    private readonly DataPlaneHarness _gateway;
    private string _apiId = "";

    public ApiKeyEnforcementTests() => _gateway = new DataPlaneHarness(new LocalGatewayOptions { Clock = _clock });

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.MockMethod(_apiId, "/pets", "GET", """{"ok":true}""");
        await _gateway.Client.Patch($"/restapis/{_apiId}/resources/{resourceId}/methods/GET", new { op = "replace", path = "/apiKeyRequired", value = "true" });
        await _gateway.MockMethod(_apiId, "/open", "GET", """{"ok":true}""");
        await _gateway.Deploy(_apiId);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private Task<InvokeAnswer> Call(string? key, string path = "/pets") =>
        _gateway.Get(_apiId, path, headers: key is null ? null : new Dictionary<string, string> { ["x-api-key"] = key });

    [Fact]
    public async Task Missing_unknown_disabled_and_unsubscribed_keys_are_forbidden()
    {
        var (keyId, value) = await _gateway.Subscribe(_apiId);
        var loose = await _gateway.Client.Post("/apikeys", new { name = "loose", enabled = true });

        foreach (var key in new[] { null, "no-such-key-in-this-account", loose.Str("value") })
        {
            var refused = await Call(key);
            Assert.Equal(403, refused.Status);
            Assert.Equal("""{"message":"Forbidden"}""", refused.Body);
            Assert.Equal("ForbiddenException", refused.Header("x-amzn-ErrorType"));
        }
        Assert.Equal(200, (await Call(null, "/open")).Status);
        Assert.Equal(200, (await Call(value)).Status);

        await _gateway.Client.Patch($"/apikeys/{keyId}", new { op = "replace", path = "/enabled", value = "false" });
        Assert.Equal(403, (await Call(value)).Status);
    }

    [Fact]
    public async Task A_used_up_quota_is_limit_exceeded_until_the_next_period()
    {
        var (keyId, value) = await _gateway.Subscribe(_apiId, plan: new() { ["quota"] = new { limit = 2, period = "WEEK", offset = 4 } });

        Assert.Equal(200, (await Call(value)).Status);
        Assert.Equal(200, (await Call(value)).Status);
        var over = await Call(value);
        Assert.Equal(429, over.Status);
        Assert.Equal("""{"message":"Limit Exceeded"}""", over.Body);
        Assert.Equal("LimitExceededException", over.Header("x-amzn-ErrorType"));

        // Weeks of this plan start on Thursday (offset 4): the next day is a new period.
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(200, (await Call(value)).Status);

        var planId = (await _gateway.Client.Get($"/usageplans?keyId={keyId}")).Json.GetProperty("item")[0].GetProperty("id").GetString();
        var usage = await _gateway.Client.Get($"/usageplans/{planId}/usage?startDate=2026-03-04&endDate=2026-03-05&keyId={keyId}");
        var days = usage.Json.GetProperty("values").GetProperty(keyId);
        Assert.Equal(2, days[0][0].GetInt64());
        Assert.Equal(0, days[0][1].GetInt64());
        Assert.Equal(1, days[1][0].GetInt64());
        Assert.Equal(1, days[1][1].GetInt64());
    }

    [Fact]
    public async Task The_method_throttle_of_a_plan_wins_over_the_plan_throttle()
    {
        var (_, value) = await _gateway.Subscribe(_apiId, plan: new()
        {
            ["throttle"] = new { rateLimit = 1000.0, burstLimit = 1000 },
        });
        var planId = (await _gateway.Client.Get("/usageplans")).Json.GetProperty("item")[0].GetProperty("id").GetString();
        (await _gateway.Client.Patch($"/usageplans/{planId}",
            new { op = "replace", path = $"/apiStages/{_apiId}:prod/throttle/~1pets/GET/rateLimit", value = "1" },
            new { op = "replace", path = $"/apiStages/{_apiId}:prod/throttle/~1pets/GET/burstLimit", value = "1" })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(200, (await Call(value)).Status);
        var throttled = await Call(value);
        Assert.Equal(429, throttled.Status);
        Assert.Equal("""{"message":"Too Many Requests"}""", throttled.Body);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await Call(value)).Status);
    }

    [Fact]
    public async Task With_key_source_AUTHORIZER_the_header_is_not_the_key()
    {
        var (_, value) = await _gateway.Subscribe(_apiId);
        await _gateway.Client.Patch($"/restapis/{_apiId}", new { op = "replace", path = "/apiKeySource", value = "AUTHORIZER" });

        Assert.Equal(403, (await Call(value)).Status);
    }

    [Theory]
    [InlineData("DAY", 0, "2026-03-04", "2026-03-04")]
    [InlineData("WEEK", 0, "2026-03-04", "2026-03-01")]
    [InlineData("WEEK", 3, "2026-03-04", "2026-03-04")]
    [InlineData("WEEK", 4, "2026-03-04", "2026-02-26")]
    [InlineData("MONTH", 0, "2026-03-04", "2026-03-01")]
    [InlineData("MONTH", 9, "2026-03-04", "2026-02-10")]
    [InlineData("MONTH", 27, "2026-03-28", "2026-03-28")]
    public void Quota_periods_start_on_their_offset_day(string period, int offset, string day, string start) =>
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            UsageMeter.PeriodStart(new PlanQuota(10, offset, period), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A clock whose date and timestamps move together, only when told.</summary>
    private sealed class CalendarClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Read(ref _ticks);
        public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref _ticks));
        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
