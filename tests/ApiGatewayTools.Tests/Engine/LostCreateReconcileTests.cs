using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Internal;
using ApiGatewayTools.Engine.Models;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>
/// The creates that LostAnswerTests does not cover, under the local gateway's ProcessedButDropped fault: API keys,
/// usage plans and their keys, authorizers with their permission (whose SourceArn names the authorizer the same plan
/// creates), request validators, Lambda versions and aliases, and duplicate-named APIs. Each ends with exactly one of
/// what was asked. Seeded, so every run meets the same faults.
/// </summary>
public sealed class LostCreateReconcileTests
{
    private const string Function = "lost-creates";
    private static readonly RetryOptions Patient = RetryOptions.Default with { MaxAttempts = 12, Delay = (_, _) => Task.CompletedTask };
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EveryCreateWhoseAnswerWasLostEndsWithExactlyOneOfWhatWasAsked()
    {
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in Enumerable.Range(1, 8))
        {
            await using var gateway = LocalGatewayServer.Start(new LocalGatewayOptions { FaultRate = 0.4, FaultKinds = [LocalFault.ProcessedButDropped], FaultSeed = seed });
            gateway.RegisterFunction(new LocalFunctionDefinition { FunctionName = Function, Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")) });
            var connection = GwConnectionResolver.Resolve(new GwConnectionOptions
            {
                AccessKey = "AKIDLOST", SecretKey = "secret", Region = LocalGatewayServer.Region, EndpointUrl = gateway.EndpointUrl.ToString(),
            });
            var client = new ApiGatewayClient(connection, null, Patient);
            var lambda = new LambdaClient(connection, null, Patient);

            // Two APIs of one name, as -AllowDuplicateName asks: each found by its own call's marker, never a third.
            var duplicate = new CreateRestApiRequest { Name = "twin", Description = "one of two", AllowDuplicateName = true };
            var first = await client.CreateRestApiAsync(duplicate, None);
            var second = await client.CreateRestApiAsync(duplicate, None);
            Assert.NotEqual(first.RestApiId, second.RestApiId);
            Assert.Equal("one of two", first.Description);

            var key = await client.SendAsync(ApiGatewayOperations.CreateApiKey(new ApiKeySettings { Name = "partner", Description = "d" }, includeValue: false), None);
            var plan = await client.SendAsync(ApiGatewayOperations.CreateUsagePlan(new UsagePlanSettings { Name = "gold", Description = "d" }), None);
            var planKey = await client.SendAsync(ApiGatewayOperations.CreateUsagePlanKey(plan.UsagePlanId, key.ApiKeyId), None);
            Assert.Equal(key.ApiKeyId, planKey.ApiKeyId);

            var validator = await client.SendAsync(ApiGatewayOperations.CreateRequestValidator(first.RestApiId, new RequestValidatorSettings("body", true, false)), None);
            var authorizerPlan = await AuthorizerWorkflow.PlanAsync(lambda, first.RestApiId,
                new AuthorizerSettings { Name = "check", Type = "TOKEN", IdentitySources = [AuthorizerSettings.DefaultIdentitySource] },
                LambdaFunctionReference.Parse(Function), [], skipPermission: false, None);
            var authorizer = await authorizerPlan.Plan.ApplyAsync(client, None);

            var version = await lambda.SendAsync(LambdaOperations.PublishVersion(Function, "v1"), None);
            var alias = await lambda.SendAsync(LambdaOperations.CreateAlias(Function, "live", version.Version!, "what prod calls"), None);

            Assert.Equal(["twin", "twin"], (await ToListAsync(client.GetRestApisAsync(None))).Select(a => a.Name));
            Assert.Equal([key.ApiKeyId], (await ToListAsync(client.ListAsync(ApiGatewayOperations.GetApiKeys(), None))).Select(k => k.ApiKeyId));
            Assert.Equal([plan.UsagePlanId], (await ToListAsync(client.ListAsync(ApiGatewayOperations.GetUsagePlans(), None))).Select(p => p.UsagePlanId));
            Assert.Equal([key.ApiKeyId], (await ToListAsync(client.ListAsync(ApiGatewayOperations.GetUsagePlanKeys(plan.UsagePlanId), None))).Select(k => k.ApiKeyId));
            Assert.Equal([validator.RequestValidatorId], (await ToListAsync(client.ListAsync(ApiGatewayOperations.GetRequestValidators(first.RestApiId), None))).Select(v => v.RequestValidatorId));
            Assert.Equal([authorizer.AuthorizerId], (await ToListAsync(client.ListAsync(ApiGatewayOperations.GetAuthorizers(first.RestApiId), None))).Select(a => a.AuthorizerId));
            var statement = Assert.Single((await lambda.GetPolicyAsync(Function, null, None))!.Statements);
            Assert.EndsWith($"/authorizers/{authorizer.AuthorizerId}", statement.SourceArn);
            Assert.Equal("1", version.Version);
            Assert.Equal("1", alias.FunctionVersion);
            dropped.UnionWith(gateway.RecentRequests.Where(e => e.Fault == LocalFault.ProcessedButDropped).Select(e => e.Operation ?? ""));
        }

        // The seeds are chosen so that every kind of create met a lost answer at least once: the test can fail.
        Assert.Empty(new[] { "CreateRestApi", "CreateApiKey", "CreateUsagePlan", "CreateUsagePlanKey", "CreateRequestValidator", "CreateAuthorizer",
            "AddPermission", "PublishVersion", "CreateAlias" }.Except(dropped));
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
