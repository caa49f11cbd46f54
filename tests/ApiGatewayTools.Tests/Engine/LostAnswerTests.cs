using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Internal;
using ApiGatewayTools.Engine.Models;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>
/// Creates whose answer is lost after the service acted (the local gateway's ProcessedButDropped fault): the engine
/// finds what the lost attempt made instead of making it again. Seeded, so every run meets the same faults.
/// </summary>
public sealed class LostAnswerTests
{
    private const string Function = "lost-answers";

    /// <summary>Many attempts and no real waiting: the faults are the point here, not the patience.</summary>
    private static readonly RetryOptions Patient = RetryOptions.Default with { MaxAttempts = 12, Delay = (_, _) => Task.CompletedTask };

    /// <summary>An API, a nested path, a method, a deployment, a second stage and a Lambda permission, each sent once through the engine.</summary>
    private static async Task<IReadOnlyList<LocalRequestLogEntry>> BuildAsync(int seed, Func<LocalGatewayServer, ApiGatewayClient, LambdaClient, Task> check)
    {
        await using var gateway = LocalGatewayServer.Start(new LocalGatewayOptions { FaultRate = 0.4, FaultKinds = [LocalFault.ProcessedButDropped], FaultSeed = seed });
        gateway.RegisterFunction(new LocalFunctionDefinition { FunctionName = Function, Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")) });
        var connection = GwConnectionResolver.Resolve(new GwConnectionOptions
        {
            AccessKey = "AKIDLOST", SecretKey = "secret", Region = LocalGatewayServer.Region, EndpointUrl = gateway.EndpointUrl.ToString(),
        });
        var client = new ApiGatewayClient(connection, null, Patient);
        var lambda = new LambdaClient(connection, null, Patient);
        var ct = CancellationToken.None;

        var api = await client.CreateRestApiAsync(new CreateRestApiRequest { Name = "lost", Description = "d" }, ct);
        var parent = api.RootResourceId!;
        RestApiResource last = null!;
        foreach (var part in new[] { "pets", "{petId}", "toys" })
        {
            last = await client.CreateResourceAsync(api.RestApiId, parent, part, ct);
            parent = last.ResourceId;
        }

        await client.PutMethodAsync(new PutMethodRequest { RestApiId = api.RestApiId, ResourceId = last.ResourceId, HttpMethod = "GET" }, ct);
        await client.PutIntegrationAsync(new PutIntegrationRequest { RestApiId = api.RestApiId, ResourceId = last.ResourceId, HttpMethod = "GET", Type = "MOCK" }, ct);
        var deployment = await client.CreateDeploymentAsync(new CreateDeploymentRequest { RestApiId = api.RestApiId, StageName = "prod", Description = "first" }, ct);
        await client.SendAsync(ApiGatewayOperations.CreateStage(api.RestApiId, "test", deployment.DeploymentId), ct);
        await lambda.AddPermissionAsync(new AddPermissionRequest
        {
            FunctionName = Function, StatementId = "apigw-lost", SourceArn = $"arn:aws:execute-api:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:{api.RestApiId}/*/GET/pets/*/toys",
        }, ct);

        await check(gateway, client, lambda);
        return gateway.RecentRequests;
    }

    [Fact]
    public async Task EveryCreateWhoseAnswerWasLostEndsWithExactlyOneOfWhatWasAsked()
    {
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in Enumerable.Range(1, 10))
        {
            var log = await BuildAsync(seed, async (gateway, client, lambda) =>
            {
                var ct = CancellationToken.None;
                var api = Assert.Single(await ToListAsync(client.GetRestApisAsync(ct)));
                var resources = await ToListAsync(client.GetResourcesAsync(api.RestApiId, ct));
                Assert.Equal(["/", "/pets", "/pets/{petId}", "/pets/{petId}/toys"], resources.Select(r => r.Path).Order(StringComparer.Ordinal));
                Assert.Equal(["GET"], resources.Single(r => r.Path == "/pets/{petId}/toys").HttpMethods);
                var deployment = Assert.Single(await ToListAsync(client.GetDeploymentsAsync(api.RestApiId, ct)));
                Assert.Equal("first", deployment.Description);
                var stages = await client.GetStagesAsync(api.RestApiId, null, ct);
                Assert.Equal(["prod", "test"], stages.Select(s => s.StageName).Order(StringComparer.Ordinal));
                var policy = await lambda.GetPolicyAsync(Function, null, ct);
                Assert.Single(policy!.Statements, s => s.StatementId == "apigw-lost");
            });
            dropped.UnionWith(log.Where(e => e.Fault == LocalFault.ProcessedButDropped).Select(e => e.Operation ?? ""));
        }

        // The seeds are chosen so that every kind of create met a lost answer at least once: the test can fail.
        Assert.Empty(new[] { "CreateRestApi", "CreateResource", "PutMethod", "CreateDeployment", "CreateStage", "AddPermission" }.Except(dropped));
    }

    [Fact]
    public async Task ARequestWhoseAnswerWasLostOnAReusedConnectionIsRetriedInTheOpen()
    {
        // The first request is answered on a kept-alive connection; the second is read and its connection closed
        // unanswered. SocketsHttpHandler would re-send a bodiless request on its own then, unseen by the listener.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var received = 0;
        var server = Task.Run(async () =>
        {
            while (true)
            {
                var socket = await listener.AcceptTcpClientAsync();
                _ = Task.Run(async () =>
                {
                    using var connection = socket;
                    var reader = new StreamReader(connection.GetStream());
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        if (line.Length > 0)
                        {
                            continue;
                        }

                        if (Interlocked.Increment(ref received) == 2)
                        {
                            return;
                        }

                        var answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n{\"id\":\"a1\",\"name\":\"Demo\"}";
                        await connection.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(answer));
                    }
                });
            }
        });
        var recording = new RecordingListener();
        var client = new ApiGatewayClient(GwConnectionResolver.Resolve(new GwConnectionOptions
        {
            AccessKey = "AKIDLOST", SecretKey = "secret", Region = "us-east-1", EndpointUrl = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}",
        }), recording, Patient);

        await client.GetRestApiAsync("a1", CancellationToken.None);
        await client.GetRestApiAsync("a1", CancellationToken.None);

        Assert.Equal(3, Volatile.Read(ref received));
        Assert.Equal([1, 1, 2], recording.Requests.Select(r => r.Attempt));
        Assert.Equal([200, null, 200], recording.Requests.Select(r => r.StatusCode));
        GC.KeepAlive(server);
    }

    [Fact]
    public async Task APlanStoppedPartWaySaysWhatIsDoneAndWhatIsNotAndTheSamePlanFinishes()
    {
        await using var gateway = LocalGatewayServer.Start(new LocalGatewayOptions());
        var client = new ApiGatewayClient(GwConnectionResolver.Resolve(new GwConnectionOptions
        {
            AccessKey = "AKIDLOST", SecretKey = "secret", Region = LocalGatewayServer.Region, EndpointUrl = gateway.EndpointUrl.ToString(),
        }), null, Patient);
        var api = await client.CreateRestApiAsync(new CreateRestApiRequest { Name = "stopped" }, CancellationToken.None);
        var path = ResourcePath.Parse("/a/b/c");
        using var stop = new CancellationTokenSource();

        var tree = await ResourceTree.LoadAsync(client, api.RestApiId, CancellationToken.None);
        var error = await Assert.ThrowsAsync<GwPlanIncompleteException>(() =>
            ResourceWorkflow.ApplyPathAsync(client, tree, ResourceWorkflow.PlanPath(tree, path), _ => stop.Cancel(), stop.Token));

        Assert.True(error.Interrupted);
        Assert.Equal(GwPlanIncompleteException.InterruptedErrorId, error.ErrorId);
        Assert.Matches(@"^Stopped before CreateResource finished\. Done: CreateResource POST /restapis/\w+/resources/\w+ \(/a, id \w+\)\. " +
            @"Not done: CreateResource POST /restapis/\w+/resources/\w+; CreateResource POST /restapis/\w+/resources/\{id of /a/b\}\. Run the same command again", error.Message);

        var again = await ResourceTree.LoadAsync(client, api.RestApiId, CancellationToken.None);
        var made = await ResourceWorkflow.ApplyPathAsync(client, again, ResourceWorkflow.PlanPath(again, path), null, CancellationToken.None);
        Assert.Equal("/a/b/c", made.Path);
        Assert.Equal(["/", "/a", "/a/b", "/a/b/c"], (await ToListAsync(client.GetResourcesAsync(api.RestApiId, CancellationToken.None))).Select(r => r.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ADeploymentsMarkerIsSentButNeverShown()
    {
        var operation = ApiGatewayOperations.CreateDeployment(new CreateDeploymentRequest { RestApiId = "a1", StageName = "prod", Description = "v1" });

        Assert.Matches("""\{"stageName":"prod","description":"v1 \[gw-[0-9a-f]{8}\]"\}""", operation.Body);
        Assert.Equal("""CreateDeployment POST /restapis/a1/deployments {"stageName":"prod","description":"v1"}""", operation.ToString());
        Assert.Equal("v1", CallMarker.Strip("v1 [gw-0123abcd]"));
        Assert.Null(CallMarker.Strip("[gw-0123abcd]"));
        Assert.Equal("[gw-0123abcd]", CallMarker.Of("v1 [gw-0123abcd]"));
        Assert.Equal("a [gw-x]", CallMarker.Strip("a [gw-x]"));
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData(null, "standard", null, 3)]
    [InlineData(null, "adaptive", "5", 5)]
    [InlineData(2, "standard", "7", 3)]
    [InlineData(0, null, null, 1)]
    public void RetrySettingsFollowMaxRetryThenAwsVariables(int? maxRetry, string? mode, string? maxAttempts, int? expected)
    {
        var settings = GwRetrySettings.Resolve(maxRetry, name => name switch
        {
            GwRetrySettings.RetryModeVariable => mode,
            GwRetrySettings.MaxAttemptsVariable => maxAttempts,
            _ => null,
        });

        Assert.Equal(expected, settings.MaxAttempts);
        Assert.Equal(mode == "adaptive", settings.Adaptive);
    }

    [Theory]
    [InlineData("AWS_RETRY_MODE", "fast", GwRetrySettings.InvalidRetryModeErrorId)]
    [InlineData("AWS_MAX_ATTEMPTS", "0", GwRetrySettings.InvalidMaxAttemptsErrorId)]
    [InlineData("AWS_MAX_ATTEMPTS", "three", GwRetrySettings.InvalidMaxAttemptsErrorId)]
    public void UnreadableRetryVariablesAreConfigurationErrors(string variable, string value, string errorId)
    {
        var error = Assert.Throws<GwConfigurationException>(() => GwRetrySettings.Resolve(null, name => name == variable ? value : null));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains(variable, error.Message);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
