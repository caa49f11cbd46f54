using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Internal;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Plans: what -WhatIf prints is what is sent, later steps use earlier answers, a partial failure says what ran.</summary>
public sealed class PlanTests
{
    private static ApiGatewayClient Client(ScriptedServer server) => new(server.Connection(), null, RetryOptions.Default);

    private static async Task<ResourceTree> TreeWithRootAsync(ScriptedServer server) =>
        await ResourceTree.LoadAsync(Client(server), "a1", CancellationToken.None);

    [Fact]
    public async Task MissingParentsArePlannedTopDownAndReferToTheStepThatCreatesThem()
    {
        using var server = new ScriptedServer(
            ScriptedAnswer.Ok("""{"item":[{"id":"root","path":"/"}]}"""),
            ScriptedAnswer.Ok("""{"id":"rx","parentId":"root","pathPart":"x","path":"/x"}"""),
            ScriptedAnswer.Ok("""{"id":"rp","parentId":"rx","pathPart":"PARENT","path":"/x/PARENT"}"""));
        var tree = await TreeWithRootAsync(server);

        var plan = ResourceWorkflow.PlanPath(tree, ResourcePath.Parse("/x/PARENT"));

        Assert.Equal(
            """
            CreateResource POST /restapis/a1/resources/root {"pathPart":"x"}
            CreateResource POST /restapis/a1/resources/{id of /x} {"pathPart":"PARENT"}
            """.ReplaceLineEndings(Environment.NewLine), plan.ToString());
        var leaf = await ResourceWorkflow.ApplyPathAsync(Client(server), tree, plan, null, CancellationToken.None);

        Assert.Equal("rp", leaf.ResourceId);
        Assert.Equal(["/restapis/a1/resources/root", "/restapis/a1/resources/rx"], server.Requests.Skip(1).Select(r => r.PathAndQuery));
        Assert.Equal("rx", tree.Find(ResourcePath.Parse("/x"))!.ResourceId);
    }

    [Fact]
    public async Task AnExistingPathIsAnEmptyPlanAnsweringTheResource()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Ok("""{"item":[{"id":"root","path":"/"},{"id":"rx","parentId":"root","pathPart":"x","path":"/x"}]}"""));
        var tree = await TreeWithRootAsync(server);

        var plan = ResourceWorkflow.PlanPath(tree, ResourcePath.Parse("/x"));

        Assert.True(plan.IsEmpty);
        Assert.Equal("rx", (await plan.ApplyAsync(Client(server), CancellationToken.None)).ResourceId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task APlanThatStopsPartWaySaysWhatWasApplied()
    {
        using var server = new ScriptedServer(
            ScriptedAnswer.Ok("""{"type":"HTTP"}"""),
            ScriptedAnswer.Error(404, "NotFoundException", "Invalid Method identifier specified"));
        var plan = IntegrationPlan.For(new PutIntegrationRequest { RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET", Type = "HTTP", Uri = "http://example.com" });

        var error = await Assert.ThrowsAsync<GwPlanIncompleteException>(() => plan.ApplyAsync(Client(server), CancellationToken.None));

        Assert.Equal("NotFoundException", error.ErrorId);
        Assert.Equal(GwErrorKind.NotFound, error.Kind);
        Assert.Equal(["PutIntegration"], error.Completed.Select(c => c.Name));
        Assert.Equal("PutMethodResponse", error.Failed.Name);
        Assert.Contains("PutIntegration PUT /restapis/a1/resources/r1/methods/GET/integration", error.Message);
    }

    [Fact]
    public async Task AFirstStepFailureIsRaisedUnchanged()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Error(404, "NotFoundException", "Invalid Method identifier specified"));
        var plan = IntegrationPlan.For(new PutIntegrationRequest { RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET", Type = "HTTP_PROXY", Uri = "http://example.com" });

        var error = await Assert.ThrowsAsync<GwServiceException>(() => plan.ApplyAsync(Client(server), CancellationToken.None));

        Assert.Equal("NotFoundException", error.ErrorId);
    }

    [Fact]
    public async Task ANonJsonSuccessIsATypedUnexpectedResponse()
    {
        using var server = new ScriptedServer(ScriptedAnswer.Ok("<html>captive portal</html>"));

        var error = await Assert.ThrowsAsync<GwUnexpectedResponseException>(() => Client(server).GetRestApiAsync("a1", CancellationToken.None));

        Assert.Equal("UnexpectedResponse", error.ErrorId);
        Assert.Equal("GetRestApi", error.Operation);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public void AnEmbeddedMethodIsReadInFull()
    {
        var resource = ResponseMapper.Resource(Json.Parse("""
            {"id":"r1","path":"/pets","resourceMethods":{"GET":{"httpMethod":"GET","authorizationType":"AWS_IAM","apiKeyRequired":true,
              "methodIntegration":{"type":"HTTP","httpMethod":"GET","uri":"http://example.com/pets"}}}}
            """), "a1", ScriptedServerConnection);

        var method = resource.ResourceMethods["GET"];
        Assert.Equal(["GET"], resource.HttpMethods);
        Assert.Equal(("AWS_IAM", true, "/pets"), (method.AuthorizationType, method.ApiKeyRequired, method.Path));
        Assert.Equal("http://example.com/pets", method.Integration!.Uri);
    }

    [Fact]
    public void AnUnchangedMethodNeedsNoRequest()
    {
        var resource = ResponseMapper.Resource(Json.Parse("""{"id":"r1","path":"/pets","resourceMethods":{"GET":{"httpMethod":"GET","authorizationType":"NONE"}}}"""), "a1", ScriptedServerConnection);
        var request = new PutMethodRequest { RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET" };

        Assert.True(MethodWorkflow.PlanPut(resource, request).IsEmpty);
        Assert.Equal("UpdateMethod", Assert.Single(MethodWorkflow.PlanPut(resource, request with { ApiKeyRequired = true }).Steps).Operation.Name);
        Assert.Equal("PutMethod", Assert.Single(MethodWorkflow.PlanPut(resource, request with { HttpMethod = "POST" }).Steps).Operation.Name);
    }

    private static GwConnection ScriptedServerConnection { get; } = GwConnectionResolver.Resolve(new GwConnectionOptions
    {
        Region = "us-east-1", EndpointUrl = "http://127.0.0.1:1", AccessKey = "AKIDEXAMPLE", SecretKey = "secret",
    });
}
