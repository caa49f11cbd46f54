using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>An integration plan leaves out what the method already has, so a re-run sends nothing for it.</summary>
public sealed class IntegrationInPlaceTests
{
    private static readonly PutIntegrationRequest Http = new() { RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET", Type = "HTTP", IntegrationHttpMethod = "GET", Uri = "http://example.com" };

    private static string[] Operations(GwPlan plan) => plan.Steps.Select(s => s.Operation.Name).ToArray();

    /// <summary>The method as a listing shows it after the plan for <paramref name="request"/> ran in full.</summary>
    private static Method Built(PutIntegrationRequest request)
    {
        var plan = IntegrationPlan.For(request);
        var answers = new List<object?>
        {
            new Integration { RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET", Type = request.Type, IntegrationHttpMethod = request.IntegrationHttpMethod, Uri = request.Uri, PassthroughBehavior = "WHEN_NO_MATCH", TimeoutInMillis = 29000 },
            new MethodResponse { StatusCode = "200", ResponseModels = new Dictionary<string, string> { ["application/json"] = "Empty" } },
            new IntegrationResponse { StatusCode = "200", ResponseTemplates = new Dictionary<string, string> { ["application/json"] = "" } },
        };
        Assert.Equal(3, plan.Steps.Count);
        return IntegrationPlan.Applied(new Method { RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET" }, answers);
    }

    [Fact]
    public void AMethodWithoutIntegrationGetsTheWholePlan() =>
        Assert.Equal(["PutIntegration", "PutMethodResponse", "PutIntegrationResponse"], Operations(IntegrationPlan.For(Http, existing: new Method { HttpMethod = "GET" })));

    [Fact]
    public void AnIntegrationInPlaceWithItsResponsesPlansNothingAndAnswersIt()
    {
        var method = Built(Http);

        var plan = IntegrationPlan.For(Http, existing: method);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void AChangedIntegrationIsPutAgainWithAllItsResponses()
    {
        var method = Built(Http);

        var plan = IntegrationPlan.For(Http with { Uri = "http://example.org" }, existing: method);

        Assert.Equal(["PutIntegration", "PutMethodResponse", "PutIntegrationResponse"], Operations(plan));
    }

    [Fact]
    public void AMissingResponseIsPutAlone()
    {
        var method = Built(Http);
        var withoutResponse = method with { Integration = method.Integration! with { IntegrationResponses = new Dictionary<string, IntegrationResponse>() } };

        Assert.Equal(["PutIntegrationResponse"], Operations(IntegrationPlan.For(Http, existing: withoutResponse)));
    }

    [Fact]
    public void AnySettingTheRequestDoesNotMatchCountsAsChanged()
    {
        var method = Built(Http);

        Assert.False(IntegrationInPlace.Matches(method.Integration!, Http with { TimeoutInMillis = 5000 }));
        Assert.False(IntegrationInPlace.Matches(method.Integration!, Http with { RequestParameters = new Dictionary<string, string> { ["integration.request.header.x"] = "'1'" } }));
        Assert.False(IntegrationInPlace.Matches(method.Integration! with { ConnectionType = "VPC_LINK", ConnectionId = "v1" }, Http));
        Assert.True(IntegrationInPlace.Matches(method.Integration!, Http with { TimeoutInMillis = 29000 }));
    }

    [Fact]
    public void AMockWithOtherBodyOrHeadersIsPutAgain()
    {
        var plan = IntegrationPlan.Mock("a1", "r1", "GET", 200, "{}", null, "application/json");
        var answers = new List<object?>();
        answers.Add(new Integration { Type = "MOCK", RequestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" } });
        answers.Add(new MethodResponse { StatusCode = "200" });
        answers.Add(new IntegrationResponse { StatusCode = "200", ResponseTemplates = new Dictionary<string, string> { ["application/json"] = "{}" } });
        var method = IntegrationPlan.Applied(new Method { HttpMethod = "GET" }, answers);
        Assert.Equal(3, plan.Steps.Count);

        Assert.True(IntegrationPlan.Mock("a1", "r1", "GET", 200, "{}", null, "application/json", method).IsEmpty);
        Assert.Equal(["PutIntegrationResponse"], Operations(IntegrationPlan.Mock("a1", "r1", "GET", 200, "{\"a\":1}", null, "application/json", method)));
        Assert.Equal(["PutMethodResponse", "PutIntegrationResponse"],
            Operations(IntegrationPlan.Mock("a1", "r1", "GET", 200, "{}", new Dictionary<string, string> { ["X-A"] = "b" }, "application/json", method)));
    }
}
