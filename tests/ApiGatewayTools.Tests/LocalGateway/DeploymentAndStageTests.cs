using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class DeploymentAndStageTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    private async Task<(string ApiId, string ResourceId)> DeployableApi()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var resourceId = await _client.CreateResource(apiId, rootId, "hello");
        await _client.AddMockMethod(apiId, resourceId);
        return (apiId, resourceId);
    }

    [Fact]
    public async Task Deploying_needs_methods_and_integrations()
    {
        var (apiId, rootId) = await _client.CreateApi();

        var empty = await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" });
        empty.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("The REST API doesn't contain any methods", empty.ErrorMessage);

        await _client.Put($"/restapis/{apiId}/resources/{rootId}/methods/GET", new { authorizationType = "NONE" });
        var noIntegration = await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" });
        noIntegration.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("No integration defined for method", noIntegration.ErrorMessage);
        (await _client.Get($"/restapis/{apiId}/stages/prod")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Deployment_creates_the_stage_and_keeps_a_snapshot_of_what_was_deployed()
    {
        var (apiId, resourceId) = await DeployableApi();

        var deployment = await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod", description = "first", variables = new { color = "blue" } });
        deployment.ShouldBe(HttpStatusCode.Created);
        var deploymentId = deployment.Str("id");
        Assert.Matches("^[a-z0-9]{6}$", deploymentId);
        Assert.Equal("first", deployment.Str("description"));

        // Change the API after deploying: the stage must still serve the deployed definition.
        await _client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration",
            new { type = "HTTP", httpMethod = "GET", uri = "http://example.com/changed" });
        await _client.CreateResource(apiId, resourceId, "later");

        var deployed = fixture.Server.State.FindDeployedStage(apiId, "prod");
        Assert.NotNull(deployed);
        Assert.Equal(deploymentId, deployed.DeploymentId);
        Assert.Equal("blue", deployed.Variables["color"]);
        var snapshot = deployed.Snapshot;
        Assert.Equal(["/", "/hello"], snapshot.Paths.Values.Order(StringComparer.Ordinal));
        Assert.Equal("MOCK", snapshot.Resources[resourceId].Methods["GET"].Integration!.Type);

        var stage = await _client.Get($"/restapis/{apiId}/stages/prod");
        stage.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(deploymentId, stage.Str("deploymentId"));
        Assert.Equal("blue", stage.Json.GetProperty("variables").GetProperty("color").GetString());

        var redeployed = await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" });
        Assert.Equal(redeployed.Str("id"), (await _client.Get($"/restapis/{apiId}/stages/prod")).Str("deploymentId"));
        Assert.Equal("HTTP", fixture.Server.State.FindDeployedStage(apiId, "prod")!.Snapshot.Resources[resourceId].Methods["GET"].Integration!.Type);
    }

    [Fact]
    public async Task Deployments_are_listed_fetched_and_deleted_only_when_no_stage_uses_them()
    {
        var (apiId, _) = await DeployableApi();
        var first = (await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "dev" })).Str("id");
        var second = (await _client.Post($"/restapis/{apiId}/deployments", new { description = "unstaged" })).Str("id");

        var page = await _client.Get($"/restapis/{apiId}/deployments?limit=1");
        Assert.Equal(first, page.Json.GetProperty("item")[0].GetProperty("id").GetString());
        Assert.True(page.Json.TryGetProperty("position", out _));

        var fetched = await _client.Get($"/restapis/{apiId}/deployments/{second}?embed=apisummary");
        Assert.Equal("unstaged", fetched.Str("description"));
        Assert.Equal("NONE", fetched.Json.GetProperty("apiSummary").GetProperty("/hello").GetProperty("GET").GetProperty("authorizationType").GetString());

        (await _client.Delete($"/restapis/{apiId}/deployments/{first}")).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Delete($"/restapis/{apiId}/deployments/{second}")).ShouldBe(HttpStatusCode.Accepted);
        var gone = await _client.Get($"/restapis/{apiId}/deployments/{second}");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Deployment identifier specified", gone.ErrorMessage);
    }

    [Theory]
    [InlineData("blue-green")]
    [InlineData("v1_2-rc")]
    [InlineData("-")]
    public async Task Stage_names_take_hyphens_as_AWS_does(string stageName)
    {
        var (apiId, _) = await DeployableApi();

        var deployed = await _client.Post($"/restapis/{apiId}/deployments", new { stageName });
        deployed.ShouldBe(HttpStatusCode.Created);
        var created = await _client.Post($"/restapis/{apiId}/stages", new { stageName = stageName + "2", deploymentId = deployed.Str("id") });
        created.ShouldBe(HttpStatusCode.Created);

        Assert.Equal(stageName, (await _client.Get($"/restapis/{apiId}/stages/{stageName}")).Str("stageName"));
        Assert.Equal(stageName + "2", created.Str("stageName"));
    }

    [Theory]
    [InlineData("my stage")]
    [InlineData("prod!")]
    [InlineData("a.b")]
    public async Task Stage_names_outside_AWS_rules_are_refused_by_both_operations(string stageName)
    {
        var (apiId, _) = await DeployableApi();
        var deploymentId = (await _client.Post($"/restapis/{apiId}/deployments", new { })).Str("id");

        (await _client.Post($"/restapis/{apiId}/deployments", new { stageName })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post($"/restapis/{apiId}/stages", new { stageName, deploymentId })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post($"/restapis/{apiId}/stages", new { stageName = new string('a', 129), deploymentId })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Stages_are_created_listed_updated_and_deleted()
    {
        var (apiId, _) = await DeployableApi();
        var first = (await _client.Post($"/restapis/{apiId}/deployments", new { })).Str("id");
        var second = (await _client.Post($"/restapis/{apiId}/deployments", new { })).Str("id");

        var created = await _client.Post($"/restapis/{apiId}/stages", new { stageName = "beta", deploymentId = first, description = "beta stage", variables = new { a = "1" } });
        created.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("beta", created.Str("stageName"));
        Assert.Equal("NOT_AVAILABLE", created.Str("cacheClusterStatus"));
        (await _client.Post($"/restapis/{apiId}/stages", new { stageName = "beta", deploymentId = first })).ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        (await _client.Post($"/restapis/{apiId}/stages", new { stageName = "bad name", deploymentId = first })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post($"/restapis/{apiId}/stages", new { stageName = "gamma", deploymentId = second })).ShouldBe(HttpStatusCode.Created);

        var all = await _client.Get($"/restapis/{apiId}/stages");
        Assert.Equal(["beta", "gamma"], all.Json.GetProperty("item").EnumerateArray().Select(s => s.GetProperty("stageName").GetString()));
        var filtered = await _client.Get($"/restapis/{apiId}/stages?deploymentId={second}");
        Assert.Equal("gamma", filtered.Json.GetProperty("item").EnumerateArray().Single().GetProperty("stageName").GetString());

        var updated = await _client.Patch($"/restapis/{apiId}/stages/beta",
            new { op = "replace", path = "/deploymentId", value = second },
            new { op = "replace", path = "/description", value = "moved" },
            new { op = "replace", path = "/variables/b", value = "2" },
            new { op = "remove", path = "/variables/a" },
            new { op = "replace", path = "/tracingEnabled", value = "true" },
            new { op = "replace", path = "/*/*/throttling/rateLimit", value = "100" },
            new { op = "replace", path = "/~1hello/GET/caching/enabled", value = "true" });
        updated.ShouldBe(HttpStatusCode.OK);
        var stage = updated.Json;
        Assert.Equal(second, stage.GetProperty("deploymentId").GetString());
        Assert.Equal("moved", stage.GetProperty("description").GetString());
        Assert.Equal(["b"], stage.GetProperty("variables").EnumerateObject().Select(p => p.Name));
        Assert.True(stage.GetProperty("tracingEnabled").GetBoolean());
        Assert.Equal(100, stage.GetProperty("methodSettings").GetProperty("*/*").GetProperty("throttlingRateLimit").GetDouble());
        Assert.True(stage.GetProperty("methodSettings").GetProperty("~1hello/GET").GetProperty("cachingEnabled").GetBoolean());

        (await _client.Patch($"/restapis/{apiId}/stages/beta", new { op = "replace", path = "/deploymentId", value = "abcdefghij" }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Patch($"/restapis/{apiId}/stages/beta", new { op = "remove", path = "/variables/missing" }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Patch($"/restapis/{apiId}/stages/beta", new { op = "replace", path = "/cacheClusterSize", value = "2" }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");

        var copied = await _client.Patch($"/restapis/{apiId}/stages/beta",
            new { op = "copy", path = "/variables/c", from = "/variables/b" },
            new { op = "move", path = "/variables/d", from = "/variables/b" });
        copied.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["c", "d"], copied.Json.GetProperty("variables").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("2", copied.Json.GetProperty("variables").GetProperty("d").GetString());

        (await _client.Delete($"/restapis/{apiId}/stages/beta")).ShouldBe(HttpStatusCode.Accepted);
        var gone = await _client.Get($"/restapis/{apiId}/stages/beta");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Stage identifier specified", gone.ErrorMessage);
    }

    [Fact]
    public async Task Tags_on_apis_and_stages()
    {
        var (apiId, _) = await DeployableApi();
        await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" });
        var apiArn = Uri.EscapeDataString($"arn:aws:apigateway:us-east-1::/restapis/{apiId}");
        var stageArn = Uri.EscapeDataString($"arn:aws:apigateway:us-east-1::/restapis/{apiId}/stages/prod");

        (await _client.Put($"/tags/{apiArn}", new { tags = new { env = "test", owner = "me" } })).ShouldBe(HttpStatusCode.NoContent);
        (await _client.Put($"/tags/{stageArn}", new { tags = new { tier = "gold" } })).ShouldBe(HttpStatusCode.NoContent);
        (await _client.Delete($"/tags/{apiArn}?tagKeys=owner")).ShouldBe(HttpStatusCode.NoContent);

        var apiTags = await _client.Get($"/tags/{apiArn}");
        Assert.Equal(["env"], apiTags.Json.GetProperty("tags").EnumerateObject().Select(p => p.Name));
        Assert.Equal("test", (await _client.Get($"/restapis/{apiId}")).Json.GetProperty("tags").GetProperty("env").GetString());
        Assert.Equal("gold", (await _client.Get($"/tags/{stageArn}")).Json.GetProperty("tags").GetProperty("tier").GetString());
        (await _client.Get($"/tags/{Uri.EscapeDataString("arn:aws:apigateway:us-east-1::/restapis/abcdefghij")}")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        (await _client.Get($"/tags/{Uri.EscapeDataString("arn:aws:s3:::bucket")}")).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }
}
