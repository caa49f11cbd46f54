using System.Net;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>-FaultRate: AWS API calls misbehave on request, each fault shaped as AWS sends it, reproducibly for a seed, and logged.</summary>
public sealed class FaultInjectionTests
{
    private static async Task<T> With<T>(LocalGatewayOptions options, Func<LocalGatewayServer, GatewayClient, Task<T>> test)
    {
        await using var server = LocalGatewayServer.Start(options);
        return await test(server, new GatewayClient(server));
    }

    private static LocalGatewayOptions Always(LocalFault fault) => new() { FaultRate = 1, FaultKinds = [fault] };

    /// <summary>What the gateway holds, read from its state: every call through the API would meet the fault too.</summary>
    private static Task<int> ApiCount(LocalGatewayServer server)
    {
        lock (server.State.Sync)
        {
            return Task.FromResult(server.State.RestApis.Count);
        }
    }

    [Fact]
    public Task Throttle_answers_429_too_many_requests_with_retry_after_and_does_nothing() => With(Always(LocalFault.Throttle), async (server, client) =>
    {
        var answer = await client.Post("/restapis", new { name = "throttled" });

        answer.ShouldBe((HttpStatusCode)429, "TooManyRequestsException");
        Assert.Equal("Too Many Requests", answer.ErrorMessage);
        Assert.Equal("1", answer.Message.Headers.GetValues("Retry-After").Single());
        Assert.Equal(0, await ApiCount(server));
        return 0;
    });

    [Fact]
    public Task Server_error_and_unavailable_answer_500_and_503_and_do_nothing() => With(new() { FaultRate = 1, FaultKinds = [LocalFault.ServerError] }, async (server, client) =>
    {
        (await client.Post("/restapis", new { name = "x" })).ShouldBe(HttpStatusCode.InternalServerError, "InternalFailure");
        await using var unavailable = LocalGatewayServer.Start(Always(LocalFault.ServiceUnavailable));
        var answer = await new GatewayClient(unavailable).Post("/restapis", new { name = "x" });
        answer.ShouldBe(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException");
        Assert.True(answer.Message.Headers.Contains("Retry-After"));
        Assert.Equal(0, await ApiCount(server));
        Assert.Equal(0, await ApiCount(unavailable));
        return 0;
    });

    [Fact]
    public Task Lambda_api_faults_have_lambda_shaped_bodies() => With(Always(LocalFault.Throttle), async (server, client) =>
    {
        var answer = await client.Get("/2015-03-31/functions");

        answer.ShouldBe((HttpStatusCode)429, "TooManyRequestsException");
        Assert.Equal("Rate exceeded", answer.Json.GetProperty("Message").GetString());
        return 0;
    });

    [Fact]
    public Task Connection_reset_gives_no_answer_and_does_nothing() => With(Always(LocalFault.ConnectionReset), async (server, client) =>
    {
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.Post("/restapis", new { name = "reset" }));

        Assert.Equal(0, await ApiCount(server));
        var logged = server.RecentRequests.Single(entry => entry.Operation == "CreateRestApi");
        Assert.Equal(LocalFault.ConnectionReset, logged.Fault);
        return 0;
    });

    [Fact]
    public Task Processed_but_dropped_makes_the_change_and_loses_the_answer() => With(Always(LocalFault.ProcessedButDropped), async (server, client) =>
    {
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.Post("/restapis", new { name = "made-anyway" }));

        Assert.Equal(1, await ApiCount(server));
        var logged = server.RecentRequests.Single(entry => entry.Operation == "CreateRestApi");
        Assert.Equal(LocalFault.ProcessedButDropped, logged.Fault);
        return 0;
    });

    [Fact]
    public Task Slow_response_answers_normally_after_the_delay() => With(Always(LocalFault.SlowResponse), async (server, client) =>
    {
        var answer = await client.Post("/restapis", new { name = "slow" });

        answer.ShouldBe(HttpStatusCode.Created);
        var logged = server.RecentRequests.Single(entry => entry.Operation == "CreateRestApi");
        Assert.Equal(LocalFault.SlowResponse, logged.Fault);
        Assert.Equal(201, logged.StatusCode);
        return 0;
    });

    [Fact]
    public async Task The_same_seed_and_calls_meet_the_same_faults_and_another_seed_differs()
    {
        var options = new LocalGatewayOptions { FaultRate = 0.5, FaultSeed = 42, FaultKinds = [LocalFault.Throttle, LocalFault.ServerError, LocalFault.ServiceUnavailable] };

        var first = await FaultSequence(options);
        var second = await FaultSequence(options);
        var other = await FaultSequence(options with { FaultSeed = 7 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains(first, fault => fault is not null);
        Assert.Contains(first, fault => fault is null);
    }

    [Fact]
    public Task Invoke_urls_never_meet_faults() => With(Always(LocalFault.ServerError), async (server, client) =>
    {
        (await client.Get("/restapis/nosuchapi/prod/_user_request_/pets")).ShouldBe(HttpStatusCode.Forbidden);
        return 0;
    });

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_fault_rate_outside_0_to_1_is_refused(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalGatewayServer.Start(new LocalGatewayOptions { FaultRate = rate }));

    private static Task<List<LocalFault?>> FaultSequence(LocalGatewayOptions options) => With(options, async (server, client) =>
    {
        for (var i = 0; i < 30; i++)
        {
            await client.Get("/restapis");
        }
        return server.RecentRequests.Select(entry => entry.Fault).ToList();
    });
}
