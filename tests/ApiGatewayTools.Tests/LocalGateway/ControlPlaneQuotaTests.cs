using System.Net;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.Tests.LocalGateway.DataPlane.StagePractices;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>-EmulateQuotas: API Gateway's per-account control-plane quotas, per operation, answered as AWS answers them.</summary>
public sealed class ControlPlaneQuotaTests
{
    private readonly ManualClock _clock = new();

    private async Task With(Func<LocalGatewayServer, GatewayClient, Task> test, LocalGatewayOptions? options = null)
    {
        await using var server = LocalGatewayServer.Start((options ?? new LocalGatewayOptions()) with { EmulateQuotas = true, Clock = _clock });
        await test(server, new GatewayClient(server));
    }

    private static int ApiCount(LocalGatewayServer server)
    {
        lock (server.State.Sync)
        {
            return server.State.RestApis.Count;
        }
    }

    [Fact]
    public Task A_second_CreateRestApi_within_three_seconds_is_refused_with_429_and_retry_after_and_makes_nothing() => With(async (server, client) =>
    {
        (await client.Post("/restapis", new { name = "first" })).ShouldBe(HttpStatusCode.Created);

        var refused = await client.Post("/restapis", new { name = "second" });

        refused.ShouldBe((HttpStatusCode)429, "TooManyRequestsException");
        Assert.Equal("Too Many Requests", refused.ErrorMessage);
        Assert.Equal("3", refused.Message.Headers.GetValues("Retry-After").Single());
        Assert.Equal(1, ApiCount(server));
        Assert.Equal(1, server.QuotaRefusals);
        Assert.Equal(429, server.RecentRequests.Last(entry => entry.Operation == "CreateRestApi").StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("1", (await client.Post("/restapis", new { name = "second" })).Message.Headers.GetValues("Retry-After").Single());
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await client.Post("/restapis", new { name = "second" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(2, ApiCount(server));
    });

    [Fact]
    public Task A_call_a_moment_early_for_its_token_is_let_through_and_the_next_one_still_waits_the_full_period() => With(async (server, client) =>
    {
        (await client.Post("/restapis", new { name = "first" })).ShouldBe(HttpStatusCode.Created);

        // A client that waited its Retry-After on a timer that fired 20 ms early.
        _clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(20));
        (await client.Post("/restapis", new { name = "second" })).ShouldBe(HttpStatusCode.Created);

        // The 20 ms it came early are owed: three seconds later less 40 ms is still too soon.
        _clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(40));
        (await client.Post("/restapis", new { name = "third" })).ShouldBe((HttpStatusCode)429, "TooManyRequestsException");
        Assert.Equal(2, ApiCount(server));
    });

    [Fact]
    public Task ImportRestApi_is_its_own_operation_in_the_log_and_its_own_quota_beside_CreateRestApi() => With(async (server, client) =>
    {
        var document = new { openapi = "3.0.1", info = new { title = "imported", version = "1" }, paths = new { } };
        (await client.Post("/restapis", new { name = "created" })).ShouldBe(HttpStatusCode.Created);

        (await client.Post("/restapis?mode=import", document)).ShouldBe(HttpStatusCode.Created);
        (await client.Post("/restapis?mode=import", document)).ShouldBe((HttpStatusCode)429, "TooManyRequestsException");

        Assert.Equal([201, 429], server.RecentRequests.Where(entry => entry.Operation == "ImportRestApi").Select(entry => entry.StatusCode));
        Assert.Equal([201], server.RecentRequests.Where(entry => entry.Operation == "CreateRestApi").Select(entry => entry.StatusCode));
        Assert.Equal(2, ApiCount(server));
    });

    [Fact]
    public Task CreateResource_allows_a_burst_of_five_then_five_a_second() => With(async (server, client) =>
    {
        var (apiId, rootId) = await client.CreateApi();
        for (var i = 0; i < 5; i++)
        {
            await client.CreateResource(apiId, rootId, $"r{i}");
        }

        (await client.Post($"/restapis/{apiId}/resources/{rootId}", new { pathPart = "r5" })).ShouldBe((HttpStatusCode)429, "TooManyRequestsException");
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        (await client.Post($"/restapis/{apiId}/resources/{rootId}", new { pathPart = "r5" })).ShouldBe(HttpStatusCode.Created);
    });

    [Fact]
    public Task Operations_without_a_quota_of_their_own_share_ten_a_second_with_a_burst_of_forty() => With(async (server, client) =>
    {
        var (apiId, _) = await client.CreateApi();
        // The 40 shared tokens go to two different operations: they draw from one bucket.
        for (var i = 0; i < 20; i++)
        {
            (await client.Get("/restapis")).ShouldBe(HttpStatusCode.OK);
            (await client.Get($"/restapis/{apiId}")).ShouldBe(HttpStatusCode.OK);
        }

        (await client.Get($"/restapis/{apiId}/stages")).ShouldBe((HttpStatusCode)429, "TooManyRequestsException");
        // The operations with a quota of their own still have theirs.
        (await client.Get($"/restapis/{apiId}/resources")).ShouldBe(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        (await client.Get($"/restapis/{apiId}/stages")).ShouldBe(HttpStatusCode.OK);
    });

    [Fact]
    public Task The_lambda_api_and_unknown_paths_are_not_counted() => With(async (server, client) =>
    {
        for (var i = 0; i < 45; i++)
        {
            (await client.Get("/2015-03-31/functions")).ShouldBe(HttpStatusCode.OK);
        }

        (await client.Get("/restapis")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, server.QuotaRefusals);
    });

    [Fact]
    public Task A_throttled_call_meets_no_fault_and_runs_nothing() => With(async (server, client) =>
    {
        // Every call that is let through loses its answer; the one the quota refuses is answered.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.Post("/restapis", new { name = "made" }));

        var refused = await client.Post("/restapis", new { name = "refused" });

        refused.ShouldBe((HttpStatusCode)429, "TooManyRequestsException");
        Assert.Equal(1, ApiCount(server));
        Assert.Null(server.RecentRequests.Last().Fault);
    }, new LocalGatewayOptions { FaultRate = 1, FaultKinds = [LocalFault.ProcessedButDropped] });

    [Fact]
    public async Task Without_the_switch_nothing_is_refused()
    {
        await using var server = LocalGatewayServer.Start(new LocalGatewayOptions { Clock = _clock });
        var client = new GatewayClient(server);
        for (var i = 0; i < 3; i++)
        {
            (await client.Post("/restapis", new { name = $"api{i}" })).ShouldBe(HttpStatusCode.Created);
        }

        Assert.False(server.EmulatesQuotas);
        Assert.Equal(0, server.QuotaRefusals);
    }

    [Theory]
    [InlineData("CreateRestApi", 1 / 3.0, 1)]
    [InlineData("ImportRestApi", 1 / 3.0, 1)]
    [InlineData("PutRestApi", 1.0, 1)]
    [InlineData("CreateResource", 5.0, 5)]
    [InlineData("DeleteResource", 5.0, 5)]
    [InlineData("CreateDeployment", 1 / 5.0, 1)]
    [InlineData("DeleteRestApi", 1 / 30.0, 1)]
    [InlineData("GetResources", 2.5, 5)]
    [InlineData("CreateApiKey", 5.0, 5)]
    [InlineData("UpdateUsagePlan", 1 / 20.0, 1)]
    [InlineData(ControlPlaneQuotas.EveryOtherOperation, 10.0, 40)]
    public void The_table_is_aws_documented_quotas(string operation, double perSecond, int burst)
    {
        var limit = ControlPlaneQuotas.Table[operation];
        Assert.Equal(perSecond, limit.RatePerSecond, 9);
        Assert.Equal(burst, limit.Burst);
    }

    [Fact]
    public async Task Every_operation_with_a_quota_of_its_own_is_named_as_the_gateway_routes_it()
    {
        await using var server = LocalGatewayServer.Start(new LocalGatewayOptions());
        var served = server.Routes.Select(route => route.Operation).ToHashSet(StringComparer.Ordinal);

        var missing = ControlPlaneQuotas.Table.Keys
            .Where(name => name != ControlPlaneQuotas.EveryOtherOperation && !served.Contains(name));
        Assert.Empty(missing);
    }
}
