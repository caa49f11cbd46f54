using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>
/// The engine's client against the local gateway over real loopback HTTP. The gateway checks signatures
/// strictly here, so these tests also prove the signer against an independent verifier.
/// </summary>
public sealed class LocalGatewayEndToEndTests : IAsyncLifetime
{
    private const string AccessKey = "AKIDLOCALTEST";
    private const string SecretKey = "local/secret+key=with-symbols";

    private LocalGatewayServer _gateway = null!;
    private GwConnection _connection = null!;
    private readonly RecordingListener _listener = new();

    public Task InitializeAsync()
    {
        _gateway = LocalGatewayServer.Start(new LocalGatewayOptions { StrictAccessKey = AccessKey, StrictSecretKey = SecretKey });
        _connection = Connect(AccessKey, SecretKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private GwConnection Connect(string accessKey, string secretKey) => GwConnectionResolver.Resolve(new GwConnectionOptions
    {
        AccessKey = accessKey,
        SecretKey = secretKey,
        Region = LocalGatewayServer.Region,
        EndpointUrl = _gateway.EndpointUrl.ToString(),
    });

    [Fact]
    public async Task BuildsDeploysAndTearsDownAnApi()
    {
        var client = new ApiGatewayClient(_connection, _listener);
        var ct = CancellationToken.None;

        var api = await client.CreateRestApiAsync(new CreateRestApiRequest { Name = "MyDemoAPI", Description = "This is a demo API" }, ct);
        Assert.Equal(("MyDemoAPI", "This is a demo API", "REGIONAL"), (api.Name, api.Description, api.EndpointType));
        Assert.False(string.IsNullOrEmpty(api.RootResourceId));
        Assert.Same(_connection, api.Connection);
        Assert.Contains(await ToListAsync(client.GetRestApisAsync(ct)), a => a.RestApiId == api.RestApiId);

        var pets = await client.CreateResourceAsync(api.RestApiId, api.RootResourceId!, "pets", ct);
        Assert.Equal(("/pets", api.RootResourceId), (pets.Path, pets.ParentId));

        var method = await client.PutMethodAsync(new PutMethodRequest { RestApiId = api.RestApiId, ResourceId = pets.ResourceId, HttpMethod = "GET" }, ct);
        Assert.Equal(("GET", "NONE"), (method.HttpMethod, method.AuthorizationType));

        var integration = await client.PutIntegrationAsync(new PutIntegrationRequest
        {
            RestApiId = api.RestApiId, ResourceId = pets.ResourceId, HttpMethod = "GET",
            Type = "HTTP", IntegrationHttpMethod = "POST", Uri = "http://example.com/myendpoint",
        }, ct);
        Assert.Equal(("GET", "POST", "HTTP", "http://example.com/myendpoint"), (integration.HttpMethod, integration.IntegrationHttpMethod, integration.Type, integration.Uri));

        await client.PutMethodResponseAsync(new PutMethodResponseRequest { RestApiId = api.RestApiId, ResourceId = pets.ResourceId, HttpMethod = "GET", StatusCode = "200" }, ct);
        var integrationResponse = await client.PutIntegrationResponseAsync(new PutIntegrationResponseRequest
        {
            RestApiId = api.RestApiId, ResourceId = pets.ResourceId, HttpMethod = "GET", StatusCode = "200", SelectionPattern = "",
        }, ct);
        Assert.Equal("200", integrationResponse.StatusCode);

        var fetched = await client.GetMethodAsync(api.RestApiId, pets.ResourceId, "GET", ct);
        Assert.Contains("200", fetched.MethodResponses.Keys);
        Assert.Equal("POST", fetched.Integration?.IntegrationHttpMethod);
        Assert.Contains("200", fetched.Integration!.IntegrationResponses.Keys);

        var resources = await ToListAsync(client.GetResourcesAsync(api.RestApiId, ct));
        Assert.Equal(["/", "/pets"], resources.Select(r => r.Path).Order());
        Assert.Equal(["GET"], resources.Single(r => r.Path == "/pets").HttpMethods);

        var deployment = await client.CreateDeploymentAsync(new CreateDeploymentRequest { RestApiId = api.RestApiId, StageName = "prod", Description = "first" }, ct);
        Assert.False(string.IsNullOrEmpty(deployment.DeploymentId));
        Assert.Contains(await ToListAsync(client.GetDeploymentsAsync(api.RestApiId, ct)), d => d.DeploymentId == deployment.DeploymentId);

        var stage = Assert.Single(await client.GetStagesAsync(api.RestApiId, null, ct));
        Assert.Equal(("prod", deployment.DeploymentId), (stage.StageName, stage.DeploymentId));
        Assert.Equal($"{_gateway.EndpointUrl.AbsoluteUri.TrimEnd('/')}/restapis/{api.RestApiId}/prod/_user_request_", stage.InvokeUrl);

        var updated = await client.UpdateStageAsync(api.RestApiId, "prod", [new PatchOperation("replace", "/variables/color", "blue")], ct);
        Assert.Equal("blue", updated.Variables["color"]);

        await client.DeleteRestApiAsync(api.RestApiId, ct);
        var gone = await Assert.ThrowsAsync<GwServiceException>(() => client.GetRestApiAsync(api.RestApiId, ct));
        Assert.Equal(("NotFoundException", GwErrorKind.NotFound), (gone.ErrorId, gone.Kind));
        Assert.All(_listener.Requests, r => Assert.Equal(1, r.Attempt));
    }

    [Fact]
    public async Task ManagesALambdaPermission()
    {
        var function = _gateway.RegisterFunction(new LocalFunctionDefinition { FunctionName = "hello", Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")) });
        var lambda = new LambdaClient(_connection, _listener);
        var ct = CancellationToken.None;

        Assert.Equal(function.FunctionArn, (await lambda.GetFunctionAsync("hello", null, ct)).FunctionArn);
        Assert.Equal("hello", (await lambda.GetFunctionAsync(function.FunctionArn, null, ct)).FunctionName);
        Assert.Null(await lambda.GetPolicyAsync("hello", null, ct));

        var sourceArn = $"arn:aws:execute-api:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:a1/*/GET/pets";
        var added = await lambda.AddPermissionAsync(new AddPermissionRequest { FunctionName = "hello", StatementId = "gw-a1-get-pets", SourceArn = sourceArn }, ct);
        Assert.Equal(("gw-a1-get-pets", "apigateway.amazonaws.com", sourceArn), (added.StatementId, added.Principal, added.SourceArn));

        var policy = await lambda.GetPolicyAsync("hello", null, ct);
        var statement = Assert.Single(policy!.Statements);
        Assert.Equal(("Allow", "lambda:InvokeFunction", sourceArn), (statement.Effect, statement.Action, statement.SourceArn));

        var duplicate = await Assert.ThrowsAsync<GwServiceException>(() =>
            lambda.AddPermissionAsync(new AddPermissionRequest { FunctionName = "hello", StatementId = "gw-a1-get-pets", SourceArn = sourceArn }, ct));
        Assert.Equal("ResourceConflictException", duplicate.ErrorId);

        await lambda.RemovePermissionAsync("hello", "gw-a1-get-pets", null, ct);
        var after = await lambda.GetPolicyAsync("hello", null, ct);
        Assert.True(after is null || after.Statements.Count == 0);

        var missing = await Assert.ThrowsAsync<GwServiceException>(() => lambda.GetFunctionAsync("nope", null, ct));
        Assert.Equal(("ResourceNotFoundException", GwErrorKind.NotFound), (missing.ErrorId, missing.Kind));
    }

    [Fact]
    public async Task AWrongSecretIsRejectedWithoutRetrying()
    {
        var client = new ApiGatewayClient(Connect(AccessKey, "not-the-secret"), _listener);

        var error = await Assert.ThrowsAsync<GwServiceException>(() => ToListAsync(client.GetRestApisAsync(CancellationToken.None)));

        Assert.Equal(403, (int)error.StatusCode);
        Assert.Single(_listener.Requests);
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
