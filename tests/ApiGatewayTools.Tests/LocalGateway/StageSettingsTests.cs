using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>A stage's canary, access log, cache cluster and method settings, as UpdateStage and CreateDeployment change them.</summary>
public sealed class StageSettingsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    /// <summary>An API deployed once to "prod" with variable color=blue; returns the API and that deployment.</summary>
    private async Task<(string ApiId, string DeploymentId)> DeployedApi()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var resourceId = await _client.CreateResource(apiId, rootId, "hello");
        await _client.AddMockMethod(apiId, resourceId);
        var deployment = await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod", variables = new { color = "blue" } });
        return (apiId, deployment.Str("id"));
    }

    private static object Op(string op, string path, string? value = null, string? from = null) => new { op, path, value, from };

    [Fact]
    public async Task A_canary_deployment_goes_to_the_canary_of_an_existing_stage()
    {
        var (apiId, baseId) = await DeployedApi();

        var canary = await _client.Post($"/restapis/{apiId}/deployments", new
        {
            stageName = "prod",
            canarySettings = new { percentTraffic = 10.5, stageVariableOverrides = new { color = "green" }, useStageCache = true },
        });
        canary.ShouldBe(HttpStatusCode.Created);

        var stage = await _client.Get($"/restapis/{apiId}/stages/prod");
        Assert.Equal(baseId, stage.Str("deploymentId"));
        var settings = stage.Json.GetProperty("canarySettings");
        Assert.Equal(canary.Str("id"), settings.GetProperty("deploymentId").GetString());
        Assert.Equal(10.5, settings.GetProperty("percentTraffic").GetDouble());
        Assert.Equal("green", settings.GetProperty("stageVariableOverrides").GetProperty("color").GetString());
        Assert.True(settings.GetProperty("useStageCache").GetBoolean());

        var deployed = fixture.Server.State.FindDeployedStage(apiId, "prod")!;
        Assert.Equal(baseId, deployed.DeploymentId);
        Assert.Equal(canary.Str("id"), deployed.Canary!.DeploymentId);
        Assert.Equal("green", deployed.Canary.Variables["color"]);
    }

    [Fact]
    public async Task A_canary_deployment_needs_a_stage_that_exists()
    {
        var (apiId, _) = await DeployedApi();

        var noStage = await _client.Post($"/restapis/{apiId}/deployments", new { canarySettings = new { percentTraffic = 5 } });
        noStage.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null",
            noStage.ErrorMessage);

        var unknown = await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "beta", canarySettings = new { percentTraffic = 5 } });
        unknown.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid deployment content specified.Stage beta must already be created before making a canary release deployment", unknown.ErrorMessage);

        var tooMuch = await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod", canarySettings = new { percentTraffic = 100.5 } });
        tooMuch.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");

        // Nothing was deployed by the refused requests.
        var deployments = await _client.Get($"/restapis/{apiId}/deployments");
        Assert.Equal(1, deployments.Json.GetProperty("item").GetArrayLength());
    }

    [Fact]
    public async Task UpdateStage_starts_tunes_promotes_and_removes_a_canary()
    {
        var (apiId, baseId) = await DeployedApi();
        var next = (await _client.Post($"/restapis/{apiId}/deployments", new { })).Str("id");

        var started = await _client.Patch($"/restapis/{apiId}/stages/prod",
            Op("replace", "/canarySettings/deploymentId", next),
            Op("replace", "/canarySettings/percentTraffic", "25"),
            Op("replace", "/canarySettings/stageVariableOverrides/color", "green"),
            Op("replace", "/canarySettings/useStageCache", "true"));
        started.ShouldBe(HttpStatusCode.OK);
        var canary = started.Json.GetProperty("canarySettings");
        Assert.Equal(next, canary.GetProperty("deploymentId").GetString());
        Assert.Equal(25, canary.GetProperty("percentTraffic").GetDouble());
        Assert.True(canary.GetProperty("useStageCache").GetBoolean());

        var promoted = await _client.Patch($"/restapis/{apiId}/stages/prod",
            Op("replace", "/canarySettings/percentTraffic", "0.0"),
            Op("copy", "/deploymentId", from: "/canarySettings/deploymentId"),
            Op("copy", "/variables", from: "/canarySettings/stageVariableOverrides"));
        promoted.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(next, promoted.Str("deploymentId"));
        Assert.Equal("green", promoted.Json.GetProperty("variables").GetProperty("color").GetString());
        Assert.Equal(0, promoted.Json.GetProperty("canarySettings").GetProperty("percentTraffic").GetDouble());

        // The old deployment is free once neither the stage nor its canary uses it.
        (await _client.Delete($"/restapis/{apiId}/deployments/{baseId}")).ShouldBe(HttpStatusCode.Accepted);

        var removed = await _client.Patch($"/restapis/{apiId}/stages/prod", Op("remove", "/canarySettings"));
        removed.ShouldBe(HttpStatusCode.OK);
        Assert.False(removed.Json.TryGetProperty("canarySettings", out _));
        Assert.Null(fixture.Server.State.FindDeployedStage(apiId, "prod")!.Canary);
    }

    [Fact]
    public async Task Canary_patches_are_refused_as_AWS_refuses_them()
    {
        var (apiId, _) = await DeployedApi();
        var stagePath = $"/restapis/{apiId}/stages/prod";

        var promoteWithout = await _client.Patch(stagePath, Op("copy", "/deploymentId", from: "/canarySettings/deploymentId"));
        promoteWithout.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Promotion not available. Canary does not exist.", promoteWithout.ErrorMessage);

        var badCopy = await _client.Patch(stagePath, Op("copy", "/canarySettings/stageVariableOverrides", from: "/variables"));
        Assert.StartsWith("Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables.", badCopy.ErrorMessage);

        var unknownDeployment = await _client.Patch(stagePath, Op("replace", "/canarySettings/deploymentId", "nope00"));
        Assert.Equal("Deployment id does not exist", unknownDeployment.ErrorMessage);

        var add = await _client.Patch(stagePath, Op("add", "/canarySettings/deploymentId", "nope00"));
        Assert.Equal("Invalid add operation with path: /canarySettings/deploymentId", add.ErrorMessage);

        var badPath = await _client.Patch(stagePath, Op("replace", "/canarySettings/badPath", "x"));
        Assert.StartsWith("Invalid method setting path: /canarySettings/badPath. Must be one of: [/deploymentId, ", badPath.ErrorMessage);

        var removeOverrides = await _client.Patch(stagePath, Op("remove", "/canarySettings/stageVariableOverrides"));
        Assert.Equal("Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method ",
            removeOverrides.ErrorMessage);

        foreach (var percent in new[] { "-1", "100.1", "ten" })
        {
            var refused = await _client.Patch(stagePath, Op("replace", "/canarySettings/percentTraffic", percent));
            refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        }
        Assert.False((await _client.Get(stagePath)).Json.TryGetProperty("canarySettings", out _));
    }

    [Fact]
    public async Task CreateStage_takes_canary_settings_and_DeleteDeployment_refuses_a_canary_in_use()
    {
        var (apiId, baseId) = await DeployedApi();
        var next = (await _client.Post($"/restapis/{apiId}/deployments", new { })).Str("id");

        var created = await _client.Post($"/restapis/{apiId}/stages", new
        {
            stageName = "beta",
            deploymentId = baseId,
            canarySettings = new { deploymentId = next, percentTraffic = 40 },
        });
        created.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(next, created.Json.GetProperty("canarySettings").GetProperty("deploymentId").GetString());
        Assert.False(created.Json.GetProperty("canarySettings").TryGetProperty("stageVariableOverrides", out _));

        var refused = await _client.Delete($"/restapis/{apiId}/deployments/{next}");
        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Active stages pointing to this deployment must be moved or deleted", refused.ErrorMessage);

        var badCanary = await _client.Post($"/restapis/{apiId}/stages", new { stageName = "gamma", deploymentId = baseId, canarySettings = new { deploymentId = "nope00" } });
        badCanary.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Deployment id does not exist", badCanary.ErrorMessage);
    }

    [Fact]
    public async Task Access_log_settings_are_validated_reported_and_removed()
    {
        var (apiId, _) = await DeployedApi();
        var stagePath = $"/restapis/{apiId}/stages/prod";
        const string Arn = "arn:aws:logs:us-east-1:123456789012:log-group:access";

        var set = await _client.Patch(stagePath,
            Op("replace", "/accessLogSettings/format", "$context.requestId $context.status"),
            Op("replace", "/accessLogSettings/destinationArn", Arn));
        set.ShouldBe(HttpStatusCode.OK);
        var accessLog = set.Json.GetProperty("accessLogSettings");
        Assert.Equal("$context.requestId $context.status", accessLog.GetProperty("format").GetString());
        Assert.Equal(Arn, accessLog.GetProperty("destinationArn").GetString());
        Assert.Equal("$context.requestId $context.status", fixture.Server.State.FindDeployedStage(apiId, "prod")!.AccessLogFormat);

        var noRequestId = await _client.Patch(stagePath, Op("replace", "/accessLogSettings/format", "$context.status"));
        noRequestId.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.StartsWith("Access Log format must include either $context.requestId or $context.extendedRequestId", noRequestId.ErrorMessage);
        (await _client.Patch(stagePath, Op("replace", "/accessLogSettings/format", "${context.extendedRequestId}"))).ShouldBe(HttpStatusCode.OK);

        var twoLines = await _client.Patch(stagePath, Op("replace", "/accessLogSettings/format", "$context.requestId\n$context.status"));
        twoLines.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");

        var notAnArn = await _client.Patch(stagePath, Op("replace", "/accessLogSettings/destinationArn", "access-logs"));
        notAnArn.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");

        var removed = await _client.Patch(stagePath, Op("remove", "/accessLogSettings"));
        Assert.False(removed.Json.TryGetProperty("accessLogSettings", out _));
        Assert.Null(fixture.Server.State.FindDeployedStage(apiId, "prod")!.AccessLogFormat);
    }

    [Fact]
    public async Task Flushing_turning_off_or_resizing_the_cache_starts_a_new_cache_generation()
    {
        var (apiId, _) = await DeployedApi();
        var stagePath = $"/restapis/{apiId}/stages/prod";
        long Generation() => fixture.Server.State.FindDeployedStage(apiId, "prod")!.CacheGeneration;

        var enabled = await _client.Patch(stagePath, Op("replace", "/cacheClusterEnabled", "true"));
        Assert.Equal("0.5", enabled.Str("cacheClusterSize"));
        Assert.Equal("AVAILABLE", enabled.Str("cacheClusterStatus"));
        var before = Generation();

        (await _client.Delete($"{stagePath}/cache/data")).ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(before + 1, Generation());

        await _client.Patch(stagePath, Op("replace", "/cacheClusterSize", "1.6"));
        Assert.Equal(before + 2, Generation());
        await _client.Patch(stagePath, Op("replace", "/cacheClusterSize", "1.6"));
        Assert.Equal(before + 2, Generation());

        await _client.Patch(stagePath, Op("replace", "/cacheClusterEnabled", "false"));
        Assert.Equal(before + 3, Generation());

        (await _client.Delete($"/restapis/{apiId}/stages/nostage/cache/data")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        var badSize = await _client.Patch(stagePath, Op("replace", "/cacheClusterSize", "2"));
        badSize.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Theory]
    [InlineData("/*/*/caching/ttlInSeconds", "3601")]
    [InlineData("/*/*/caching/ttlInSeconds", "-1")]
    [InlineData("/*/*/throttling/rateLimit", "-5")]
    [InlineData("/*/*/throttling/burstLimit", "1.5")]
    [InlineData("/*/*/logging/loglevel", "DEBUG")]
    [InlineData("/*/*/caching/unauthorizedCacheControlHeaderStrategy", "IGNORE")]
    [InlineData("/*/*/caching/enabled", "yes")]
    [InlineData("/~1hello/GET/caching/ttl", "5")]
    [InlineData("/unknown", "5")]
    public async Task Method_settings_and_paths_AWS_does_not_accept_are_refused(string path, string value)
    {
        var (apiId, _) = await DeployedApi();

        var refused = await _client.Patch($"/restapis/{apiId}/stages/prod", Op("replace", path, value));

        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Empty(fixture.Server.State.FindDeployedStage(apiId, "prod")!.MethodSettings);
    }

    [Fact]
    public async Task Method_settings_at_their_limits_are_kept()
    {
        var (apiId, _) = await DeployedApi();

        var updated = await _client.Patch($"/restapis/{apiId}/stages/prod",
            Op("replace", "/~1hello/GET/caching/ttlInSeconds", "3600"),
            Op("replace", "/~1hello/GET/logging/loglevel", "ERROR"),
            Op("replace", "/~1hello/GET/caching/unauthorizedCacheControlHeaderStrategy", "FAIL_WITH_403"),
            Op("replace", "/*/*/throttling/rateLimit", "0"),
            Op("replace", "/*/*/throttling/burstLimit", "0"));

        updated.ShouldBe(HttpStatusCode.OK);
        var method = updated.Json.GetProperty("methodSettings").GetProperty("~1hello/GET");
        Assert.Equal(3600, method.GetProperty("cacheTtlInSeconds").GetInt32());
        Assert.Equal("ERROR", method.GetProperty("loggingLevel").GetString());
        Assert.Equal("FAIL_WITH_403", method.GetProperty("unauthorizedCacheControlHeaderStrategy").GetString());
        Assert.Equal(0, updated.Json.GetProperty("methodSettings").GetProperty("*/*").GetProperty("throttlingRateLimit").GetDouble());
    }
}
