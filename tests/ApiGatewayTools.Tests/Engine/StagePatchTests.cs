using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Set-GwStage's patch: AWS's paths and escaping, only what differs, batches within the limit, bad input refused.</summary>
public sealed class StagePatchTests
{
    private static readonly Stage Bare = new() { RestApiId = "a1", StageName = "prod" };

    private static IEnumerable<string> Lines(StageSettings settings, Stage? current = null) =>
        StagePatch.Operations(StagePatch.Validate(settings), current ?? Bare).Select(op => $"{op.Op} {op.Path} {op.Value}".TrimEnd());

    [Fact]
    public void MethodSettingsWithoutAMethodPathApplyToEveryMethod()
    {
        var settings = new StageSettings
        {
            MethodSettings = new MethodSettingChanges { ThrottlingRateLimit = 100, ThrottlingBurstLimit = 50, CachingEnabled = true, CacheTtlInSeconds = 60 },
        };

        Assert.Equal(
        [
            "replace /*/*/throttling/rateLimit 100",
            "replace /*/*/throttling/burstLimit 50",
            "replace /*/*/caching/enabled true",
            "replace /*/*/caching/ttlInSeconds 60",
        ], Lines(settings));
    }

    [Fact]
    public void AMethodPathIsEscapedAsAwsNamesTheMethod()
    {
        var settings = new StageSettings
        {
            MethodPaths = ["get /pets/{petId}", "POST /"],
            MethodSettings = new MethodSettingChanges { LoggingLevel = "info", MetricsEnabled = true, DataTraceEnabled = false },
        };

        Assert.Equal(
        [
            "replace /~1pets~1{petId}/GET/metrics/enabled true",
            "replace /~1pets~1{petId}/GET/logging/loglevel INFO",
            "replace /~1pets~1{petId}/GET/logging/dataTrace false",
            "replace /~1/POST/metrics/enabled true",
            "replace /~1/POST/logging/loglevel INFO",
            "replace /~1/POST/logging/dataTrace false",
        ], Lines(settings));
    }

    [Theory]
    [InlineData("~1pets~1{petId}/GET", "GET /pets/{petId}")]
    [InlineData("~1/POST", "POST /")]
    [InlineData("*/*", "* *")]
    public void AKeyReadsAsTheMethodItNames(string key, string methodPath) => Assert.Equal(methodPath, StageMethodKey.ToMethodPath(key));

    [Fact]
    public void StageSettingsUseTheirOwnPathsAndTheCacheSizeGoesFirst()
    {
        var settings = new StageSettings
        {
            Description = "production",
            CacheClusterEnabled = true,
            CacheClusterSize = "0.50",
            TracingEnabled = true,
            AccessLogFormat = "$context.requestId $context.status",
            AccessLogDestinationArn = "arn:aws:logs:eu-west-1:123456789012:log-group:api-access",
        };

        Assert.Equal(
        [
            "replace /description production",
            "replace /cacheClusterSize 0.5",
            "replace /cacheClusterEnabled true",
            "replace /tracingEnabled true",
            "replace /accessLogSettings/format $context.requestId $context.status",
            "replace /accessLogSettings/destinationArn arn:aws:logs:eu-west-1:123456789012:log-group:api-access",
        ], Lines(settings));
    }

    [Fact]
    public void VariablesAreSetAndANullValueRemovesOnlyAVariableThatExists()
    {
        var current = Bare with { Variables = new Dictionary<string, string> { ["old"] = "1", ["same"] = "v" } };
        var settings = new StageSettings
        {
            Variables = new Dictionary<string, string?> { ["old"] = null, ["missing"] = null, ["same"] = "v", ["backend"] = "v2" },
        };

        Assert.Equal(["replace /variables/backend v2", "remove /variables/old"], Lines(settings, current));
    }

    [Fact]
    public void RemovingTheAccessLogRemovesItsSettingsOnlyWhenThereAreAny()
    {
        var settings = new StageSettings { RemoveAccessLog = true };

        Assert.Equal(["remove /accessLogSettings"], Lines(settings, Bare with { AccessLogFormat = "$context.requestId" }));
        Assert.Empty(Lines(settings));
    }

    [Fact]
    public async Task SettingsTheStageAlreadyHasAreNotSentAgain()
    {
        var current = Bare with
        {
            CacheClusterEnabled = true,
            CacheClusterSize = "0.5",
            MethodSettings = [new StageMethodSetting { Key = "*/*", ThrottlingRateLimit = 100, ThrottlingBurstLimit = 50, CachingEnabled = true }],
        };
        var settings = StagePatch.Validate(new StageSettings
        {
            CacheClusterEnabled = true,
            CacheClusterSize = "0.5",
            MethodSettings = new MethodSettingChanges { ThrottlingRateLimit = 100, ThrottlingBurstLimit = 50, CachingEnabled = true },
        });

        var plan = StagePatch.Plan(settings, current);

        Assert.True(plan.IsEmpty);
        using var server = new ScriptedServer();
        Assert.Same(current, await plan.ApplyAsync(new ApiGatewayClient(server.Connection()), CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void OnlyTheSettingsThatDifferArePatched()
    {
        var current = Bare with { MethodSettings = [new StageMethodSetting { Key = "*/*", ThrottlingRateLimit = 100, ThrottlingBurstLimit = 50 }] };
        var settings = new StageSettings { MethodSettings = new MethodSettingChanges { ThrottlingRateLimit = 100, ThrottlingBurstLimit = 20 } };

        Assert.Equal(["replace /*/*/throttling/burstLimit 20"], Lines(settings, current));
    }

    [Fact]
    public void ALongPatchIsSentInBatchesOfOnePlan()
    {
        var variables = Enumerable.Range(0, PatchPlan.OperationsPerRequest + 3).ToDictionary(i => $"v{i:000}", i => (string?)"x");
        var plan = StagePatch.Plan(StagePatch.Validate(new StageSettings { Variables = variables }), Bare);

        Assert.Equal(2, plan.Steps.Count);
        Assert.All(plan.Steps, step => Assert.Equal("UpdateStage PATCH /restapis/a1/stages/prod", $"{step.Operation.Name} {step.Operation.Method} {step.Operation.Path}"));
        Assert.Contains("\"path\":\"/variables/v000\"", plan.Steps[0].Operation.Body);
        Assert.Contains($"\"path\":\"/variables/v{PatchPlan.OperationsPerRequest:000}\"", plan.Steps[1].Operation.Body);
    }

    public static TheoryData<StageSettings, string> BadSettings => new()
    {
        { new StageSettings { MethodSettings = new MethodSettingChanges { ThrottlingRateLimit = -1 } }, StagePatch.InvalidThrottlingErrorId },
        { new StageSettings { MethodSettings = new MethodSettingChanges { ThrottlingRateLimit = double.NaN } }, StagePatch.InvalidThrottlingErrorId },
        { new StageSettings { MethodSettings = new MethodSettingChanges { ThrottlingRateLimit = 5e9 } }, StagePatch.InvalidThrottlingErrorId },
        { new StageSettings { MethodSettings = new MethodSettingChanges { ThrottlingBurstLimit = -5 } }, StagePatch.InvalidThrottlingErrorId },
        { new StageSettings { MethodSettings = new MethodSettingChanges { CacheTtlInSeconds = 3601 } }, StagePatch.InvalidCacheTtlErrorId },
        { new StageSettings { MethodSettings = new MethodSettingChanges { CacheTtlInSeconds = -1 } }, StagePatch.InvalidCacheTtlErrorId },
        { new StageSettings { MethodSettings = new MethodSettingChanges { LoggingLevel = "DEBUG" } }, StagePatch.InvalidLoggingLevelErrorId },
        { new StageSettings { MethodSettings = new MethodSettingChanges { UnauthorizedCacheControlHeaderStrategy = "IGNORE" } }, StagePatch.InvalidCacheControlStrategyErrorId },
        { new StageSettings { CacheClusterSize = "2" }, StagePatch.InvalidCacheClusterSizeErrorId },
        { new StageSettings { AccessLogFormat = "$context.status" }, StagePatch.InvalidAccessLogFormatErrorId },
        { new StageSettings { AccessLogFormat = "$context.requestId\n$context.status" }, StagePatch.InvalidAccessLogFormatErrorId },
        { new StageSettings { AccessLogDestinationArn = "my-log-group" }, StagePatch.InvalidAccessLogDestinationErrorId },
        { new StageSettings { AccessLogDestinationArn = "arn:aws:logs:eu-west-1:123456789012:log-group:api:*" }, StagePatch.InvalidAccessLogDestinationErrorId },
        { new StageSettings { AccessLogDestinationArn = "arn:aws:firehose:eu-west-1:123456789012:deliverystream/logs" }, StagePatch.InvalidAccessLogDestinationErrorId },
        { new StageSettings { RemoveAccessLog = true, AccessLogFormat = "$context.requestId" }, StagePatch.AccessLogConflictErrorId },
        { new StageSettings { Variables = new Dictionary<string, string?> { ["bad name"] = "x" } }, DeploymentWorkflow.InvalidStageVariableErrorId },
        { new StageSettings { Variables = new Dictionary<string, string?> { ["ok"] = "a value with spaces" } }, DeploymentWorkflow.InvalidStageVariableErrorId },
        { new StageSettings { MethodPaths = ["GET /pets"] }, StagePatch.MethodPathWithoutSettingErrorId },
        { new StageSettings { MethodPaths = ["/pets"], MethodSettings = new MethodSettingChanges { MetricsEnabled = true } }, StageMethodKey.InvalidErrorId },
        { new StageSettings { MethodPaths = ["FETCH /pets"], MethodSettings = new MethodSettingChanges { MetricsEnabled = true } }, HttpVerb.InvalidErrorId },
        { new StageSettings { MethodPaths = ["GET pets"], MethodSettings = new MethodSettingChanges { MetricsEnabled = true } }, ResourcePath.InvalidPathErrorId },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BadInputIsRefusedBeforeAnythingIsBuilt(StageSettings settings, string errorId)
    {
        var e = Assert.Throws<GwValidationException>(() => StagePatch.Validate(settings));
        Assert.Equal(errorId, e.ErrorId);
    }

    [Theory]
    [InlineData("arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Execution-Logs_abc/prod")]
    [InlineData("arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-access")]
    [InlineData("arn:aws-cn:logs:cn-north-1:123456789012:log-group:access")]
    public void DestinationsApiGatewayWritesToAreAccepted(string arn) =>
        Assert.Equal(arn, StagePatch.Validate(new StageSettings { AccessLogDestinationArn = arn }).AccessLogDestinationArn);

    [Fact]
    public void AMethodPathThatTheApiDoesNotHaveIsNamedInTheError()
    {
        var tree = TreeOf(new RestApiResource { RestApiId = "a1", ResourceId = "r1", Path = "/pets", HttpMethods = ["GET"] });
        var settings = StagePatch.Validate(new StageSettings
        {
            MethodPaths = ["GET /pets", "POST /pets", "GET /toys"],
            MethodSettings = new MethodSettingChanges { MetricsEnabled = true },
        });

        var e = Assert.Throws<GwNotFoundException>(() => StagePatch.EnsureMethodsExist(settings, tree));

        Assert.Equal(StagePatch.MethodNotFoundErrorId, e.ErrorId);
        Assert.Contains("POST /pets, GET /toys", e.Message);
        Assert.Contains("GET /pets", e.Message[e.Message.IndexOf('(')..]);
    }

    [Fact]
    public void EveryMethodNeedsNoMethodInTheApi() =>
        StagePatch.EnsureMethodsExist(StagePatch.Validate(new StageSettings { MethodSettings = new MethodSettingChanges { MetricsEnabled = true } }), TreeOf());

    private static ResourceTree TreeOf(params RestApiResource[] resources)
    {
        using var server = new ScriptedServer(ScriptedAnswer.Ok(System.Text.Json.JsonSerializer.Serialize(new
        {
            item = resources.Select(r => new
            {
                id = r.ResourceId,
                path = r.Path,
                resourceMethods = r.HttpMethods.ToDictionary(v => v, v => new { httpMethod = v }),
            }),
        })));
        return ResourceTree.LoadAsync(new ApiGatewayClient(server.Connection()), "a1", CancellationToken.None).GetAwaiter().GetResult();
    }
}
