using System.Net;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane.StagePractices;

/// <summary>A stage's canary share and variables, its access log in the stage's format, and its metrics.</summary>
public sealed class CanaryAndAccessLogTests : IAsyncLifetime
{
    private readonly DataPlaneHarness _gateway = new(new LocalGatewayOptions { CanaryDraw = new Random(20261201).NextDouble });
    private string _apiId = "";
    private string _baseDeployment = "";
    private string _canaryDeployment = "";

    public async Task InitializeAsync()
    {
        _apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.MockMethod(_apiId, "/version", "GET", """{"version":"$stageVariables.version","side":"base"}""");
        _baseDeployment = await _gateway.Deploy(_apiId, "prod", new Dictionary<string, string> { ["version"] = "1" });
        await _gateway.IntegrationResponse(_apiId, resourceId, "GET", "200",
            new { responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"version":"$stageVariables.version","side":"canary"}""" } });
        // A canary release: the new deployment goes to the stage's canary, with its own stage variable.
        var canary = await _gateway.Client.Post($"/restapis/{_apiId}/deployments", new
        {
            stageName = "prod",
            canarySettings = new { percentTraffic = 0.0, stageVariableOverrides = new Dictionary<string, string> { ["version"] = "2" } },
        });
        canary.ShouldBe(HttpStatusCode.Created);
        _canaryDeployment = canary.Str("id");
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task The_canary_serves_its_share_of_requests_from_its_deployment_with_its_variables()
    {
        await SetCanary(25);
        const int Requests = 400;
        var sides = new Dictionary<string, int> { ["""{"version":"1","side":"base"}"""] = 0, ["""{"version":"2","side":"canary"}"""] = 0 };
        for (var i = 0; i < Requests; i++)
        {
            sides[(await _gateway.Get(_apiId, "/version")).Body]++;
        }
        // 25% of 400 is 100, with a standard deviation of about 8.7: five of them either side.
        Assert.InRange(sides["""{"version":"2","side":"canary"}"""], 57, 143);
        Assert.Equal(Requests, sides.Values.Sum());
        var logged = _gateway.Server.RecentRequests.Where(entry => entry.Operation == "Invoke").ToList();
        Assert.All(logged, entry => Assert.Equal(entry.Canary == true ? _canaryDeployment : _baseDeployment, entry.DeploymentId));
        Assert.Equal(sides["""{"version":"2","side":"canary"}"""], logged.Count(entry => entry.Canary == true));
    }

    [Fact]
    public async Task A_canary_at_0_or_100_percent_serves_none_or_all()
    {
        await SetCanary(0);
        Assert.Contains("base", (await _gateway.Get(_apiId, "/version")).Body);
        await SetCanary(100);
        for (var i = 0; i < 10; i++)
        {
            Assert.Contains("canary", (await _gateway.Get(_apiId, "/version")).Body);
        }
        Assert.Equal(false, _gateway.Server.RecentRequests.First(entry => entry.Operation == "Invoke").Canary);
    }

    [Fact]
    public async Task Each_request_is_written_to_the_access_log_in_the_stage_format()
    {
        await SetAccessLog("""{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod","resource":"$context.resourcePath","path":"$context.path","status":"$context.status","length":"$context.responseLength","stage":"$context.stage","api":"$context.apiId","error":"$context.error.message","nothing":"$context.authorizer.principalId"}""");
        var answer = await _gateway.Get(_apiId, "/version");
        var missing = await _gateway.Get(_apiId, "/nowhere");
        var lines = _gateway.Server.AccessLog;
        Assert.Equal(2, lines.Count);
        Assert.Equal(
            $$"""{"requestId":"{{answer.Header("x-amzn-RequestId")}}","ip":"127.0.0.1","method":"GET","resource":"/version","path":"/prod/version","status":"200","length":"{{answer.Body.Length}}","stage":"prod","api":"{{_apiId}}","error":"-","nothing":"-"}""",
            lines[0].Line);
        Assert.Equal(
            $$"""{"requestId":"{{missing.Header("x-amzn-RequestId")}}","ip":"127.0.0.1","method":"GET","resource":"-","path":"/prod/nowhere","status":"403","length":"42","stage":"prod","api":"{{_apiId}}","error":"Missing Authentication Token","nothing":"-"}""",
            lines[1].Line);
        Assert.Equal((_apiId, "prod"), (lines[0].RestApiId, lines[0].StageName));
        Assert.Equal(lines[1].Line, _gateway.Server.RecentRequests.Last().AccessLogLine);
    }

    [Fact]
    public async Task The_common_log_format_and_timing_variables_render()
    {
        await SetAccessLog("""$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId. $context.requestTimeEpoch $context.integrationLatency $context.responseLatency""");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var answer = await _gateway.Get(_apiId, "/version");
        var line = _gateway.Server.AccessLog.Single().Line;
        var match = System.Text.RegularExpressions.Regex.Match(line,
            """^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET /version HTTP/1\.1" 200 \d+ (?<id>[0-9a-f-]{36})\. (?<epoch>\d+) (?<integration>\d+) (?<response>\d+)$""");
        Assert.True(match.Success, line);
        Assert.Equal(answer.Header("x-amzn-RequestId"), match.Groups["id"].Value);
        Assert.InRange(long.Parse(match.Groups["epoch"].Value), before - 1000, before + 60_000);
        Assert.True(long.Parse(match.Groups["integration"].Value) <= long.Parse(match.Groups["response"].Value));
    }

    [Fact]
    public async Task Braced_variables_and_canary_variables_render()
    {
        await SetCanary(100);
        await SetAccessLog("${context.requestId} ${context.deploymentId} $context.isCanaryRequest ${context.stage}");
        var answer = await _gateway.Get(_apiId, "/version");
        Assert.Equal($"{answer.Header("x-amzn-RequestId")} {_canaryDeployment} true prod", _gateway.Server.AccessLog.Single().Line);
    }

    [Fact]
    public async Task The_gateway_log_file_carries_the_access_log_line_and_the_deployment_that_served()
    {
        var logPath = Path.Combine(Path.GetTempPath(), $"stage-access-{Guid.NewGuid():N}.jsonl");
        try
        {
            string requestId;
            string deploymentId;
            await using (var gateway = new DataPlaneHarness(new LocalGatewayOptions { LogPath = logPath }))
            {
                var apiId = await gateway.CreateApi();
                await gateway.MockMethod(apiId, "/logged", "GET", "{}");
                deploymentId = await gateway.Deploy(apiId);
                await gateway.PatchStage(apiId, "prod",
                    ("/accessLogSettings/format", "$context.requestId $context.status"), ("/accessLogSettings/destinationArn", "arn:aws:logs:us-east-1:000000000000:log-group:access"));
                requestId = (await gateway.Get(apiId, "/logged")).Header("x-amzn-RequestId")!;
            }
            // Disposing the gateway has written out every queued line.
            var entry = File.ReadAllLines(logPath)
                .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
                .Single(line => line.TryGetProperty("requestId", out var id) && id.GetString() == requestId);
            Assert.Equal($"{requestId} 200", entry.GetProperty("accessLog").GetString());
            Assert.Equal(deploymentId, entry.GetProperty("deploymentId").GetString());
            Assert.False(entry.TryGetProperty("canary", out _));
        }
        finally
        {
            File.Delete(logPath);
        }
    }

    [Fact]
    public async Task Without_an_access_log_format_nothing_is_written()
    {
        await _gateway.Get(_apiId, "/version");
        Assert.Empty(_gateway.Server.AccessLog);
        Assert.Null(_gateway.Server.RecentRequests.Last().AccessLogLine);
    }

    [Fact]
    public async Task The_stage_metrics_count_requests_and_client_and_server_errors_per_stage_and_method()
    {
        await _gateway.Get(_apiId, "/version");
        await _gateway.Get(_apiId, "/version");
        await _gateway.Get(_apiId, "/nowhere");
        var metrics = _gateway.Server.StageMetrics(_apiId, "prod");
        var stage = metrics[0];
        Assert.Equal((null, null), (stage.Resource, stage.HttpMethod));
        Assert.Equal((3L, 1L, 0L, 0L, 0L), (stage.Count, stage.Error4XX, stage.Error5XX, stage.CacheHitCount, stage.CacheMissCount));
        Assert.Equal(3, stage.Latency.SampleCount);
        Assert.True(stage.Latency.P50 <= stage.Latency.P90 && stage.Latency.P90 <= stage.Latency.P99);
        var method = Assert.Single(metrics.Skip(1));
        Assert.Equal(("/version", "GET", 2L, 0L), (method.Resource, method.HttpMethod, method.Count, method.Error4XX));
        Assert.Equal(2, method.IntegrationLatency.SampleCount);
        Assert.Empty(_gateway.Server.StageMetrics(_apiId, "nobody"));
    }

    private Task SetCanary(double percent) =>
        _gateway.PatchStage(_apiId, "prod", ("/canarySettings/percentTraffic", percent.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private Task SetAccessLog(string format) =>
        _gateway.PatchStage(_apiId, "prod", ("/accessLogSettings/format", format), ("/accessLogSettings/destinationArn", "arn:aws:logs:us-east-1:000000000000:log-group:access"));
}
