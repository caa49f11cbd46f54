using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>
/// AWS's bare refusals, provoked against the local gateway, come back naming the object and what to do, with
/// the error code, status and AWS's text kept.
/// </summary>
public sealed class ServiceErrorContextTests : IAsyncLifetime
{
    private LocalGatewayServer _gateway = null!;
    private ApiGatewayClient _client = null!;

    public Task InitializeAsync()
    {
        _gateway = LocalGatewayServer.Start(new LocalGatewayOptions());
        _client = new ApiGatewayClient(GwConnectionResolver.Resolve(new GwConnectionOptions
        {
            AccessKey = "AKIDLOCALTEST",
            SecretKey = "secret",
            Region = LocalGatewayServer.Region,
            EndpointUrl = _gateway.EndpointUrl.ToString(),
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<GwServiceException> Explained(Func<Task> failing, GwErrorSubject subject)
    {
        var error = await Assert.ThrowsAsync<GwServiceException>(failing);
        return await ServiceErrorContext.ExplainAsync(_client, error, subject, CancellationToken.None);
    }

    [Fact]
    public async Task ADeploymentRefusalNamesEveryMethodWithoutIntegration()
    {
        var api = await _client.CreateRestApiAsync(new CreateRestApiRequest { Name = "Shop" }, CancellationToken.None);
        var orders = await _client.CreateResourceAsync(api.RestApiId, api.RootResourceId!, "orders", CancellationToken.None);
        foreach (var verb in new[] { "GET", "POST" })
        {
            await _client.PutMethodAsync(new PutMethodRequest { RestApiId = api.RestApiId, ResourceId = orders.ResourceId, HttpMethod = verb }, CancellationToken.None);
        }

        var error = await Explained(
            () => _client.CreateDeploymentAsync(new CreateDeploymentRequest { RestApiId = api.RestApiId, StageName = "prod" }, CancellationToken.None),
            new GwErrorSubject { Command = "Publish-GwDeployment", RestApiId = api.RestApiId, StageName = "prod" });

        Assert.Equal("BadRequestException", error.ErrorId);
        Assert.Equal(GwErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith($"REST API 'Shop' ({api.RestApiId}) cannot be deployed: these methods have no integration: GET /orders, POST /orders.", error.Message);
        Assert.EndsWith("(API Gateway: No integration defined for method)", error.Message);
    }

    [Fact]
    public async Task AMissingStageNamesTheApiAndItsStages()
    {
        var api = await _client.CreateRestApiAsync(new CreateRestApiRequest { Name = "Stages" }, CancellationToken.None);

        var error = await Explained(
            () => _client.GetStageAsync(api.RestApiId, "nosuch", CancellationToken.None),
            new GwErrorSubject { Command = "Get-GwStage", RestApiId = api.RestApiId, StageName = "nosuch" });

        Assert.Equal("NotFoundException", error.ErrorId);
        Assert.Equal(GwErrorKind.NotFound, error.Kind);
        Assert.StartsWith($"REST API 'Stages' ({api.RestApiId}) has no stage 'nosuch' (it has no stages yet).", error.Message);
        Assert.IsType<GwServiceException>(error.InnerException);
    }

    [Fact]
    public async Task ANameGivenAsAnIdSaysWhichIdItHas()
    {
        var api = await _client.CreateRestApiAsync(new CreateRestApiRequest { Name = "R4" }, CancellationToken.None);

        var error = await Explained(
            () => _client.GetRestApiAsync("R4", CancellationToken.None),
            new GwErrorSubject { Command = "Remove-GwRestApi", RestApiId = "R4", TakesName = true });

        Assert.StartsWith($"'R4' is a name, not an id: REST API 'R4' has the id {api.RestApiId}. Use Remove-GwRestApi -Name 'R4', or Remove-GwRestApi -RestApiId {api.RestApiId}", error.Message);
    }

    [Fact]
    public async Task AnErrorWithoutAnApiIsLeftAsItIs()
    {
        var error = await Assert.ThrowsAsync<GwServiceException>(() => _client.GetRestApiAsync("nosuchapi1", CancellationToken.None));

        Assert.Same(error, await ServiceErrorContext.ExplainAsync(_client, error, new GwErrorSubject { Command = "Get-GwRestApi" }, CancellationToken.None));
    }
}
