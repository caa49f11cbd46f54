using System.Collections.Concurrent;
using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Internal;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Retry decisions and timing, against a scripted loopback server; delays are recorded, never slept.</summary>
public sealed class RetryTests
{
    private const string ApiJson = """{"id":"a1","name":"Demo"}""";
    private const string ConcurrentModification = "Unable to complete operation due to concurrent modification. Please try again later.";

    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private readonly RecordingListener _listener = new();

    private RetryOptions Options => new()
    {
        NextRandom = () => 0.5,
        Delay = (delay, _) => { _delays.Enqueue(delay); return Task.CompletedTask; },
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    private ApiGatewayClient Client(ScriptedServer server) => new(server.Connection(), _listener, Options);

    [Fact]
    public async Task ThrottlingHonoursRetryAfter()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Error(429, "TooManyRequestsException", "Too Many Requests", retryAfter: "2"), ScriptedAnswer.Ok(ApiJson));

        var api = await Client(server).GetRestApiAsync("a1", CancellationToken.None);

        Assert.Equal("a1", api.RestApiId);
        Assert.Equal([TimeSpan.FromSeconds(2)], _delays);
        Assert.Equal(2, server.Requests.Count);
        var wait = Assert.Single(_listener.Waits);
        Assert.Equal(("GetRestApi", 1, "TooManyRequestsException"), (wait.Operation, wait.Attempt, wait.Reason));
    }

    [Fact]
    public async Task ThrottlingWithoutRetryAfterBacksOffWithJitter()
    {
        using var server = new ScriptedServer(
            ScriptedAnswer.Error(429, "TooManyRequestsException", "Too Many Requests"),
            ScriptedAnswer.Error(429, "TooManyRequestsException", "Too Many Requests"),
            ScriptedAnswer.Ok(ApiJson));

        await Client(server).GetRestApiAsync("a1", CancellationToken.None);

        // Half of 100 ms, then half of 200 ms.
        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)], _delays);
    }

    [Fact]
    public async Task ThrottlingGivesUpAfterEightAttempts()
    {
        var answers = Enumerable.Range(0, 10).Select(_ => ScriptedAnswer.Error(429, "TooManyRequestsException", "Too Many Requests")).ToArray();
        using var server = new ScriptedServer(answers);

        var error = await Assert.ThrowsAsync<GwServiceException>(() => Client(server).GetRestApiAsync("a1", CancellationToken.None));

        Assert.Equal("TooManyRequestsException", error.ErrorId);
        Assert.Equal(GwErrorKind.LimitExceeded, error.Kind);
        Assert.Equal(8, server.Requests.Count);
        Assert.Equal(Enumerable.Range(1, 8), _listener.Requests.Select(r => r.Attempt));
    }

    [Fact]
    public async Task ServerErrorsAreRetriedUpToFiveAttempts()
    {
        var answers = Enumerable.Range(0, 6).Select(_ => ScriptedAnswer.Error(503, "ServiceUnavailableException", "busy")).ToArray();
        using var server = new ScriptedServer(answers);

        var error = await Assert.ThrowsAsync<GwServiceException>(() => Client(server).GetRestApiAsync("a1", CancellationToken.None));

        Assert.Equal(503, (int)error.StatusCode);
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task ServerErrorThenSuccess()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Error(500, "InternalFailure", "oops"), ScriptedAnswer.Ok(ApiJson));

        var api = await Client(server).GetRestApiAsync("a1", CancellationToken.None);

        Assert.Equal("Demo", api.Name);
        Assert.Equal([500, 200], _listener.Requests.Select(r => r.StatusCode));
        Assert.Equal(["InternalFailure", null], _listener.Requests.Select(r => r.ErrorCode));
    }

    [Fact]
    public async Task ConcurrentModificationConflictIsRetried()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Error(409, "ConflictException", ConcurrentModification), ScriptedAnswer.Ok("""{"id":"r2","path":"/pets"}"""));

        var resource = await Client(server).CreateResourceAsync("a1", "root", "pets", CancellationToken.None);

        Assert.Equal("r2", resource.ResourceId);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("""{"pathPart":"pets"}""", r.Body));
    }

    [Fact]
    public async Task OtherConflictsAreNotRetried()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Error(409, "ConflictException", "Another resource with the same parent already has this name: pets"), ScriptedAnswer.Ok());

        var error = await Assert.ThrowsAsync<GwServiceException>(() => Client(server).CreateResourceAsync("a1", "root", "pets", CancellationToken.None));

        Assert.Equal("ConflictException", error.ErrorId);
        Assert.Equal(GwErrorKind.Conflict, error.Kind);
        Assert.Single(server.Requests);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task BadRequestIsNotRetried()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Error(400, "BadRequestException", "Invalid resource identifier specified"), ScriptedAnswer.Ok());

        var error = await Assert.ThrowsAsync<GwServiceException>(() => Client(server).GetResourceAsync("a1", "nope", CancellationToken.None));

        Assert.Equal(("BadRequestException", "Invalid resource identifier specified", "req-400"), (error.ErrorId, error.Message, error.RequestId));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task DroppedConnectionIsRetried()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Dropped(), ScriptedAnswer.Ok(ApiJson));

        var api = await Client(server).GetRestApiAsync("a1", CancellationToken.None);

        Assert.Equal("a1", api.RestApiId);
        Assert.Equal([null, 200], _listener.Requests.Select(r => r.StatusCode));
        Assert.Single(_delays);
    }

    [Fact]
    public async Task UnreachableEndpointBecomesAConnectionError()
    {
        using var server = new ScriptedServer();
        var connection = server.Connection();
        server.Dispose();

        var error = await Assert.ThrowsAsync<GwConnectionException>(() => new ApiGatewayClient(connection, _listener, Options).GetRestApiAsync("a1", CancellationToken.None));

        Assert.Equal("EndpointUnreachable", error.ErrorId);
        Assert.Equal(5, _listener.Requests.Count);
    }

    [Fact]
    public async Task CallerCancellationIsNotRetried()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Error(503, "ServiceUnavailableException", "busy"), ScriptedAnswer.Ok(ApiJson));
        using var cancel = new CancellationTokenSource();
        var options = Options with { Delay = (_, ct) => { cancel.Cancel(); ct.ThrowIfCancellationRequested(); return Task.CompletedTask; } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ApiGatewayClient(server.Connection(), _listener, options).GetRestApiAsync("a1", cancel.Token));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RequestsAreSignedAndListenersSeeNoSecrets()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Ok(ApiJson));

        await Client(server).CreateRestApiAsync(new CreateRestApiRequest { Name = "Demo" }, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Headers["Authorization"]);
        Assert.Contains("/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=", request.Headers["Authorization"]);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal(ApiGatewayOperations.CreateRestApi(new CreateRestApiRequest { Name = "Demo" }).Body, request.Body);
        var record = Assert.Single(_listener.Requests);
        Assert.Equal(new GwRequestRecord("CreateRestApi", "POST", "/restapis", 200, record.Elapsed, 1, null), record);
    }

    [Fact]
    public void FullJitterStaysWithinItsCeiling()
    {
        var low = RetryOptions.Default with { NextRandom = () => 0 };
        var high = RetryOptions.Default with { NextRandom = () => 0.999999 };

        Assert.Equal(TimeSpan.Zero, RetryPolicy.Backoff(low, 5));
        Assert.InRange(RetryPolicy.Backoff(high, 1), TimeSpan.FromMilliseconds(99), TimeSpan.FromMilliseconds(100));
        Assert.InRange(RetryPolicy.Backoff(high, 4), TimeSpan.FromMilliseconds(799), TimeSpan.FromMilliseconds(800));
        Assert.InRange(RetryPolicy.Backoff(high, 40), TimeSpan.FromSeconds(19.99), TimeSpan.FromSeconds(20));
        var random = RetryOptions.Default;
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            Assert.InRange(RetryPolicy.Backoff(random, attempt), TimeSpan.Zero, TimeSpan.FromMilliseconds(Math.Min(20000, 100 * Math.Pow(2, attempt - 1))));
        }
    }

    [Fact]
    public void RetryAfterIsCappedAtTheMaximumDelay()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), RetryPolicy.DelayBeforeRetry(RetryOptions.Default, 1, TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.DelayBeforeRetry(RetryOptions.Default, 1, TimeSpan.FromSeconds(3)));
    }
}
