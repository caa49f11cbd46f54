using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Internal;

namespace ApiGatewayTools.Tests.Engine;

public sealed class PaginationAndPacingTests
{
    [Fact]
    public async Task ListCallsFollowPositionAcrossPages()
    {
        using var server = new ScriptedServer(
            ScriptedAnswer.Ok("""{"item":[{"id":"r1","path":"/","resourceMethods":{"GET":{}}},{"id":"r2","path":"/a"}],"position":"p2"}"""),
            ScriptedAnswer.Ok("""{"item":[{"id":"r3","path":"/b"}],"position":"p3"}"""),
            ScriptedAnswer.Ok("""{"item":[{"id":"r4","path":"/c","resourceMethods":{"PUT":{},"DELETE":{}}}]}"""));
        var client = new ApiGatewayClient(server.Connection(), null, RetryOptions.Default);

        var resources = new List<ApiGatewayTools.Engine.Models.RestApiResource>();
        await foreach (var resource in client.GetResourcesAsync("a1", CancellationToken.None))
        {
            resources.Add(resource);
        }

        Assert.Equal(["r1", "r2", "r3", "r4"], resources.Select(r => r.ResourceId));
        Assert.Equal(["DELETE", "PUT"], resources[3].HttpMethods);
        Assert.Equal([
            "/restapis/a1/resources?embed=methods&limit=500",
            "/restapis/a1/resources?embed=methods&limit=500&position=p2",
            "/restapis/a1/resources?embed=methods&limit=500&position=p3",
        ], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task StagesAreOnePageFilteredByDeployment()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Ok("""{"item":[{"stageName":"prod","deploymentId":"d1"}]}"""));
        var client = new ApiGatewayClient(server.Connection(), null, RetryOptions.Default);

        var stages = await client.GetStagesAsync("a1", "d1", CancellationToken.None);

        Assert.Equal("prod", Assert.Single(stages).StageName);
        Assert.Equal($"http://127.0.0.1:{server.Port}/restapis/a1/prod/_user_request_", stages[0].InvokeUrl);
        Assert.Equal("/restapis/a1/stages?deploymentId=d1", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public void CreateRestApiIsPacedToOneEveryThreeSeconds()
    {
        var time = new ManualTime();
        var pacer = new QuotaPacer(time);

        Assert.Equal(TimeSpan.Zero, pacer.Reserve("CreateRestApi"));
        Assert.Equal(3, pacer.Reserve("CreateRestApi").TotalSeconds, 3);
        Assert.Equal(6, pacer.Reserve("CreateRestApi").TotalSeconds, 3);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, pacer.Reserve("CreateRestApi").TotalSeconds, 3);
    }

    [Fact]
    public void OtherOperationsShareABurstOfFortyAtTenPerSecond()
    {
        var pacer = new QuotaPacer(new ManualTime());

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(TimeSpan.Zero, pacer.Reserve(i % 2 == 0 ? "GetRestApi" : "PutMethod"));
        }

        Assert.Equal(0.1, pacer.Reserve("GetStage").TotalSeconds, 3);
        // Named quotas have their own buckets.
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("CreateResource"));
    }

    [Fact]
    public void GetResourcesAllowsFiveEveryTwoSeconds()
    {
        var pacer = new QuotaPacer(new ManualTime());

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TimeSpan.Zero, pacer.Reserve("GetResources"));
        }

        Assert.Equal(0.4, pacer.Reserve("GetResources").TotalSeconds, 3);
    }

    [Fact]
    public void AnAnswerNearAFullBucketRestartsItsRefill()
    {
        // The service took the token when the request arrived, up to the answer: its bucket, full until then, refilled
        // nothing in between, so ours counts the next token from the answer too.
        var time = new ManualTime();
        var pacer = new QuotaPacer(time);

        Assert.Equal(TimeSpan.Zero, pacer.Reserve("CreateRestApi"));
        time.Advance(TimeSpan.FromSeconds(1));
        pacer.Settle("CreateRestApi");

        Assert.Equal(3, pacer.Reserve("CreateRestApi").TotalSeconds, 3);
    }

    [Fact]
    public void AnAnswerInAQueueChangesNothing()
    {
        var time = new ManualTime();
        var pacer = new QuotaPacer(time);
        for (var i = 0; i < 40; i++)
        {
            pacer.Reserve("GetStage");
        }

        pacer.Settle("GetStage");

        Assert.Equal(0.1, pacer.Reserve("GetStage").TotalSeconds, 3);
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
