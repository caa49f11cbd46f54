using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Per-stage aliases and alias convergence, planned by the engine against the local gateway.</summary>
public sealed class LambdaAliasPlanTests : IAsyncLifetime
{
    private LocalGatewayServer _gateway = null!;
    private LambdaClient _lambda = null!;
    private ApiGatewayClient _apigw = null!;

    public Task InitializeAsync()
    {
        _gateway = LocalGatewayServer.Start(new LocalGatewayOptions());
        var connection = GwConnectionResolver.Resolve(new GwConnectionOptions
        {
            AccessKey = LocalGatewayServer.DefaultAccessKey,
            SecretKey = LocalGatewayServer.DefaultSecretKey,
            Region = LocalGatewayServer.Region,
            EndpointUrl = _gateway.EndpointUrl.ToString(),
        });
        _lambda = new LambdaClient(connection);
        _apigw = new ApiGatewayClient(connection);
        _gateway.RegisterFunction(new LocalFunctionDefinition
        {
            FunctionName = "orders",
            Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")),
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("orders:${stageVariables.alias}", "alias")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.env_1}", "env_1")]
    [InlineData("orders:live", null)]
    public void A_stage_variable_qualifier_is_recognised(string typed, string? variable)
    {
        var reference = LambdaFunctionReference.Parse(typed);
        Assert.Equal("orders", reference.Name);
        Assert.Equal(variable, reference.QualifierStageVariable);
    }

    [Theory]
    [InlineData("orders:${stageVariables.alias}x")]
    [InlineData("orders:${stageVariables.my-alias}")]
    [InlineData("orders:${alias}")]
    public void A_malformed_stage_variable_qualifier_is_refused(string typed) =>
        Assert.Equal(LambdaFunctionReference.InvalidErrorId, Assert.Throws<GwValidationException>(() => LambdaFunctionReference.Parse(typed)).ErrorId);

    [Fact]
    public async Task A_per_stage_alias_is_granted_on_each_alias_the_stages_and_canaries_name_and_the_rest_is_warned_about()
    {
        var ct = CancellationToken.None;
        await _lambda.SendAsync(LambdaOperations.PublishVersion("orders", null), ct);
        await _lambda.SendAsync(LambdaOperations.CreateAlias("orders", "blue", "1", null), ct);
        await _lambda.SendAsync(LambdaOperations.CreateAlias("orders", "green", "$LATEST", null), ct);
        var api = await _apigw.CreateRestApiAsync(new CreateRestApiRequest { Name = "orders" }, ct);
        var resource = await _apigw.CreateResourceAsync(api.RestApiId, api.RootResourceId!, "orders", ct);
        await _apigw.PutMethodAsync(new PutMethodRequest { RestApiId = api.RestApiId, ResourceId = resource.ResourceId, HttpMethod = "GET" }, ct);
        await _apigw.PutIntegrationAsync(new PutIntegrationRequest
        {
            RestApiId = api.RestApiId, ResourceId = resource.ResourceId, HttpMethod = "GET", Type = "MOCK",
        }, ct);
        foreach (var (stage, alias) in new[] { ("blue", "blue"), ("also-blue", "blue"), ("typo", "nosuch"), ("plain", null) })
        {
            await _apigw.CreateDeploymentAsync(new CreateDeploymentRequest
            {
                RestApiId = api.RestApiId,
                StageName = stage,
                Variables = alias is null ? null : new Dictionary<string, string> { ["alias"] = alias },
            }, ct);
        }

        // Green is named only by the blue stage's canary: its share of calls invokes green, so green needs the permission too.
        await _apigw.CreateDeploymentAsync(new CreateDeploymentRequest
        {
            RestApiId = api.RestApiId,
            StageName = "blue",
            Canary = new DeploymentCanary { PercentTraffic = 10, StageVariableOverrides = new Dictionary<string, string> { ["alias"] = "green" } },
        }, ct);

        var plan = await LambdaIntegrationWorkflow.PlanAsync(_lambda, _apigw, api.RestApiId, resource.ResourceId, "GET", ResourcePath.Parse("/orders"),
            LambdaFunctionReference.Parse("orders:${stageVariables.alias}"), proxy: true, skipPermission: false, ct);

        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:orders:${stageVariables.alias}", plan.FunctionArn.ToString());
        Assert.Equal(["blue", "green"], plan.Permissions.Select(p => p.Qualifier));
        Assert.All(plan.Permissions, p => Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{api.RestApiId}/*/GET/orders", p.SourceArn));
        Assert.Equal(2, plan.Warnings.Count);
        Assert.Contains(plan.Warnings, w => w.Contains("Stage 'plain' has no stage variable 'alias'", StringComparison.Ordinal));
        Assert.Contains(plan.Warnings, w => w.Contains("no alias or version 'nosuch'", StringComparison.Ordinal));

        await plan.Plan.ApplyAsync(_apigw, ct);
        var again = await LambdaIntegrationWorkflow.PlanAsync(_lambda, _apigw, api.RestApiId, resource.ResourceId, "GET", ResourcePath.Parse("/orders"),
            LambdaFunctionReference.Parse("orders:${stageVariables.alias}"), proxy: true, skipPermission: false, ct);
        Assert.Empty(again.Permissions);
    }

    [Fact]
    public async Task Setting_an_alias_creates_moves_and_then_converges()
    {
        var ct = CancellationToken.None;
        var function = LambdaVersionWorkflow.UnqualifiedFunction("orders");
        await _lambda.SendAsync(LambdaOperations.PublishVersion("orders", null), ct);

        var create = await LambdaVersionWorkflow.PlanAliasAsync(_lambda, function, "live", "$LATEST", null, ct);
        Assert.Equal(["CreateAlias"], create.Steps.Select(s => s.Operation.Name));
        await create.ApplyAsync(_lambda, ct);
        var move = await LambdaVersionWorkflow.PlanAliasAsync(_lambda, function, "live", "1", null, ct);
        Assert.Equal(["UpdateAlias"], move.Steps.Select(s => s.Operation.Name));
        var moved = await move.ApplyAsync(_lambda, ct);
        Assert.Equal(("live", "1", "orders"), (moved.Name, moved.FunctionVersion, moved.FunctionName));

        var same = await LambdaVersionWorkflow.PlanAliasAsync(_lambda, function, "live", "1", null, ct);
        Assert.True(same.IsEmpty);
        Assert.Equal("1", (await same.ApplyAsync(_lambda, ct)).FunctionVersion);
    }

    [Theory]
    [InlineData("7", "1", LambdaVersionWorkflow.InvalidAliasNameErrorId)]
    [InlineData("live", "latest", LambdaVersionWorkflow.InvalidFunctionVersionErrorId)]
    [InlineData("live", "01", LambdaVersionWorkflow.InvalidFunctionVersionErrorId)]
    public async Task Bad_alias_input_is_refused_before_sending(string name, string version, string errorId)
    {
        var error = await Assert.ThrowsAsync<GwValidationException>(() =>
            LambdaVersionWorkflow.PlanAliasAsync(_lambda, LambdaVersionWorkflow.UnqualifiedFunction("orders"), name, version, null, CancellationToken.None));
        Assert.Equal(errorId, error.ErrorId);
    }
}
