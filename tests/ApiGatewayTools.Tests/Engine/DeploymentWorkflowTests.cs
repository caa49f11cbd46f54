using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>
/// Versioning and canary rules: which stages use a deployment, what a rollback, a promotion and an abandoned canary
/// send, and what is refused before anything is sent. The read-first rules run against the local gateway.
/// </summary>
public sealed class DeploymentWorkflowTests : IAsyncLifetime
{
    private LocalGatewayServer _gateway = null!;
    private readonly RecordingListener _listener = new();
    private ApiGatewayClient _client = null!;

    public Task InitializeAsync()
    {
        _gateway = LocalGatewayServer.Start(new LocalGatewayOptions());
        _client = new ApiGatewayClient(GwConnectionResolver.Resolve(new GwConnectionOptions
        {
            AccessKey = "AKIDLOCAL",
            SecretKey = "local",
            Region = LocalGatewayServer.Region,
            EndpointUrl = _gateway.EndpointUrl.ToString(),
        }), _listener);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static Stage StageOf(string name, string deploymentId, StageCanary? canary = null) =>
        new() { RestApiId = "a1", StageName = name, DeploymentId = deploymentId, Canary = canary };

    [Fact]
    public void EachDeploymentNamesTheStagesServingItAndTryingItAsCanaryNewestFirst()
    {
        var old = new Deployment { RestApiId = "a1", DeploymentId = "d1", CreatedDate = DateTimeOffset.FromUnixTimeSeconds(100) };
        var current = new Deployment { RestApiId = "a1", DeploymentId = "d2", CreatedDate = DateTimeOffset.FromUnixTimeSeconds(200) };
        var next = new Deployment { RestApiId = "a1", DeploymentId = "d3", CreatedDate = DateTimeOffset.FromUnixTimeSeconds(300) };
        Stage[] stages = [StageOf("prod", "d2", new StageCanary { DeploymentId = "d3", PercentTraffic = 10 }), StageOf("dev", "d2"), StageOf("beta", "d3")];

        var history = DeploymentWorkflow.WithStages([old, next, current], stages);

        Assert.Equal(["d3", "d2", "d1"], history.Select(d => d.DeploymentId));
        Assert.Equal(["beta"], history[0].Stages);
        Assert.Equal(["prod"], history[0].CanaryStages);
        Assert.Equal(["dev", "prod"], history[1].Stages);
        Assert.Empty(history[1].CanaryStages);
        Assert.Empty(history[2].Stages);
    }

    [Fact]
    public void PromotingACanaryServesItsDeploymentWithItsVariablesAndEndsItInOneUpdate()
    {
        var stage = StageOf("prod", "d1", new StageCanary
        {
            DeploymentId = "d2", PercentTraffic = 10, StageVariableOverrides = new Dictionary<string, string> { ["color"] = "blue", ["backend"] = "v2.example.com" },
        });

        var plan = DeploymentWorkflow.PlanCompleteCanary(stage);

        Assert.Equal("""UpdateStage PATCH /restapis/a1/stages/prod {"patchOperations":[""" +
            """{"op":"copy","path":"/deploymentId","from":"/canarySettings/deploymentId"},""" +
            """{"op":"copy","path":"/variables","from":"/canarySettings/stageVariableOverrides"},""" +
            """{"op":"remove","path":"/canarySettings"}]}""", plan.ToString());
    }

    [Fact]
    public void PromotingACanaryWithoutOverridesCopiesOnlyItsDeployment()
    {
        var plan = DeploymentWorkflow.PlanCompleteCanary(StageOf("prod", "d1", new StageCanary { DeploymentId = "d2", PercentTraffic = 10 }));

        Assert.Equal("""UpdateStage PATCH /restapis/a1/stages/prod {"patchOperations":[""" +
            """{"op":"copy","path":"/deploymentId","from":"/canarySettings/deploymentId"},{"op":"remove","path":"/canarySettings"}]}""", plan.ToString());
    }

    [Fact]
    public void AbandoningACanaryRemovesOnlyItsSettings()
    {
        var plan = DeploymentWorkflow.PlanRemoveCanary(StageOf("prod", "d1", new StageCanary { DeploymentId = "d2", PercentTraffic = 5 }));

        Assert.Equal("""UpdateStage PATCH /restapis/a1/stages/prod {"patchOperations":[{"op":"remove","path":"/canarySettings"}]}""", plan.ToString());
    }

    [Fact]
    public void AStageWithoutACanaryNeedsNothingSentToPromoteOrAbandonIt()
    {
        var stage = StageOf("prod", "d1");

        Assert.True(DeploymentWorkflow.PlanCompleteCanary(stage).IsEmpty);
        Assert.True(DeploymentWorkflow.PlanRemoveCanary(stage).IsEmpty);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void ACanaryShareOutsideZeroToHundredIsRefused(double percent)
    {
        var e = Assert.Throws<GwValidationException>(() => DeploymentWorkflow.ValidateCanary(percent, null, false));
        Assert.Equal((DeploymentWorkflow.InvalidCanaryPercentErrorId, "CanaryPercent"), (e.ErrorId, e.ParameterName));
    }

    [Fact]
    public void ACanaryDeploymentSendsAwsCanarySettings()
    {
        var canary = DeploymentWorkflow.ValidateCanary(12.5, new Dictionary<string, string> { ["color"] = "blue" }, useStageCache: true);

        var op = ApiGatewayOperations.CreateDeployment(new CreateDeploymentRequest { RestApiId = "a1", StageName = "prod", Canary = canary });

        Assert.Equal("""CreateDeployment POST /restapis/a1/deployments {"stageName":"prod","canarySettings":{"percentTraffic":12.5,"stageVariableOverrides":{"color":"blue"},"useStageCache":true}}""",
            op.ToString());
    }

    [Fact]
    public async Task RollingBackSendsOneReplaceOfTheDeploymentIdAndServesTheOlderDeployment()
    {
        var ct = CancellationToken.None;
        var (apiId, first) = await NewDeployedApiAsync(ct);
        var second = await _client.CreateDeploymentAsync(new CreateDeploymentRequest { RestApiId = apiId, StageName = "prod" }, ct);

        var plan = await DeploymentWorkflow.PlanRestoreAsync(_client, apiId, "prod", first.DeploymentId, ct);
        Assert.Equal($$"""UpdateStage PATCH /restapis/{{apiId}}/stages/prod {"patchOperations":[{"op":"replace","path":"/deploymentId","value":"{{first.DeploymentId}}"}]}""",
            plan.ToString());
        var stage = await plan.ApplyAsync(_client, ct);

        Assert.Equal(first.DeploymentId, stage.DeploymentId);
        Assert.NotEqual(second.DeploymentId, stage.DeploymentId);
        Assert.True((await DeploymentWorkflow.PlanRestoreAsync(_client, apiId, "prod", first.DeploymentId, ct)).IsEmpty);
    }

    [Fact]
    public async Task ADeploymentOfAnotherApiIsRefusedBeforeTheStageIsTouched()
    {
        var ct = CancellationToken.None;
        var (apiId, _) = await NewDeployedApiAsync(ct);
        var (_, otherApisDeployment) = await NewDeployedApiAsync(ct);

        var e = await Assert.ThrowsAsync<GwNotFoundException>(() =>
            DeploymentWorkflow.PlanRestoreAsync(_client, apiId, "prod", otherApisDeployment.DeploymentId, ct));

        Assert.Equal(DeploymentWorkflow.DeploymentNotFoundErrorId, e.ErrorId);
        Assert.Contains($"REST API {apiId} has no deployment {otherApisDeployment.DeploymentId}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_listener.Requests, r => r.Operation == "UpdateStage");
    }

    [Fact]
    public async Task ADeploymentAStageUsesIsRefusedNamingTheStagesAndAnUnusedOneIsDeleted()
    {
        var ct = CancellationToken.None;
        var (apiId, first) = await NewDeployedApiAsync(ct);
        await _client.CreateDeploymentAsync(new CreateDeploymentRequest { RestApiId = apiId, StageName = "dev" }, ct);
        await _client.UpdateStageAsync(apiId, "dev", [new PatchOperation("replace", "/deploymentId", first.DeploymentId)], ct);
        var unused = await _client.CreateDeploymentAsync(new CreateDeploymentRequest { RestApiId = apiId }, ct);

        var e = await Assert.ThrowsAsync<GwConflictException>(() => DeploymentWorkflow.PrepareRemoveAsync(_client, apiId, first.DeploymentId, ct));
        Assert.Equal(DeploymentWorkflow.DeploymentInUseErrorId, e.ErrorId);
        Assert.Contains("stages dev, prod", e.Message, StringComparison.Ordinal);
        Assert.Contains("Restore-GwStage", e.Message, StringComparison.Ordinal);

        var delete = await DeploymentWorkflow.PrepareRemoveAsync(_client, apiId, unused.DeploymentId, ct);
        Assert.Equal($"DeleteDeployment DELETE /restapis/{apiId}/deployments/{unused.DeploymentId}", delete.ToString());
        await _client.SendAsync(delete, ct);
        var history = await DeploymentWorkflow.HistoryAsync(_client, apiId, null, ct);
        Assert.Equal([first.DeploymentId], history.Where(d => d.Stages.Count > 0).Select(d => d.DeploymentId));
        Assert.DoesNotContain(history, d => d.DeploymentId == unused.DeploymentId);
    }

    [Fact]
    public async Task ACanaryIsPublishedOnlyToAnExistingStageThenPromotedWithItsVariables()
    {
        var ct = CancellationToken.None;
        var (apiId, first) = await NewDeployedApiAsync(ct);
        var canary = DeploymentWorkflow.ValidateCanary(10, new Dictionary<string, string> { ["color"] = "blue" }, useStageCache: false);

        var missing = new CreateDeploymentRequest { RestApiId = apiId, StageName = "beta", Canary = canary };
        var refused = await Assert.ThrowsAsync<GwNotFoundException>(() => DeploymentWorkflow.PublishAsync(_client, missing, DeploymentWorkflow.Plan(missing), ct));
        Assert.Equal(DeploymentWorkflow.StageNotFoundErrorId, refused.ErrorId);
        Assert.Equal([first.DeploymentId], (await DeploymentWorkflow.HistoryAsync(_client, apiId, null, ct)).Select(d => d.DeploymentId));

        var request = new CreateDeploymentRequest { RestApiId = apiId, StageName = "prod", Canary = canary };
        var published = await DeploymentWorkflow.PublishAsync(_client, request, DeploymentWorkflow.Plan(request), ct);
        Assert.Equal((published.DeploymentId, 10.0), (published.Canary?.DeploymentId, published.Canary?.PercentTraffic));
        var history = await DeploymentWorkflow.HistoryAsync(_client, apiId, null, ct);
        Assert.Equal(["prod"], history.Single(d => d.DeploymentId == published.DeploymentId).CanaryStages);
        Assert.Equal(["prod"], history.Single(d => d.DeploymentId == first.DeploymentId).Stages);

        var promoted = await DeploymentWorkflow.PlanCompleteCanary(await _client.GetStageAsync(apiId, "prod", ct)).ApplyAsync(_client, ct);

        Assert.Equal(published.DeploymentId, promoted.DeploymentId);
        Assert.Equal("blue", promoted.Variables["color"]);
        Assert.Null(promoted.Canary);
    }

    /// <summary>An API with one mock method, deployed to stage prod.</summary>
    private async Task<(string ApiId, Deployment First)> NewDeployedApiAsync(CancellationToken ct)
    {
        var api = await _client.CreateRestApiAsync(new CreateRestApiRequest { Name = "deployments-" + Guid.NewGuid().ToString("N")[..8] }, ct);
        await _client.PutMethodAsync(new PutMethodRequest { RestApiId = api.RestApiId, ResourceId = api.RootResourceId!, HttpMethod = "GET" }, ct);
        await _client.PutIntegrationAsync(new PutIntegrationRequest { RestApiId = api.RestApiId, ResourceId = api.RootResourceId!, HttpMethod = "GET", Type = "MOCK" }, ct);
        var first = await _client.CreateDeploymentAsync(new CreateDeploymentRequest { RestApiId = api.RestApiId, StageName = "prod" }, ct);
        return (api.RestApiId, first);
    }
}
