using ApiGatewayTools.Engine.Client;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>What each mutating operation puts on the wire (service model apigateway 2015-07-09, lambda 2015-03-31).</summary>
public sealed class OperationBuilderTests
{
    [Fact]
    public void CreateRestApiSendsNameDescriptionAndEndpointTypes()
    {
        var op = ApiGatewayOperations.CreateRestApi(new CreateRestApiRequest
        {
            Name = "MyDemoAPI",
            Description = "This is a demo API",
            EndpointType = "EDGE",
            Tags = new Dictionary<string, string> { ["team"] = "a+b" },
            BinaryMediaTypes = ["image/png"],
        });

        Assert.Equal(("apigateway", "CreateRestApi", HttpMethod.Post, "/restapis"), (op.Service, op.Name, op.Method, op.Path));
        Assert.Equal("""{"name":"MyDemoAPI","description":"This is a demo API","endpointConfiguration":{"types":["EDGE"]},"binaryMediaTypes":["image/png"],"tags":{"team":"a+b"}}""", op.Body);
    }

    [Fact]
    public void DeletesHaveNoBody()
    {
        Assert.Equal("DeleteRestApi DELETE /restapis/a1", ApiGatewayOperations.DeleteRestApi("a1").ToString());
        Assert.Equal("DeleteResource DELETE /restapis/a1/resources/r1", ApiGatewayOperations.DeleteResource("a1", "r1").ToString());
        Assert.Equal("DeleteMethod DELETE /restapis/a1/resources/r1/methods/GET", ApiGatewayOperations.DeleteMethod("a1", "r1", "GET").ToString());
        Assert.Equal("DeleteIntegration DELETE /restapis/a1/resources/r1/methods/ANY/integration", ApiGatewayOperations.DeleteIntegration("a1", "r1", "ANY").ToString());
    }

    [Fact]
    public void CreateResourcePostsPathPartToTheParent()
    {
        var op = ApiGatewayOperations.CreateResource("a1", "root", "{proxy+}");

        Assert.Equal("""CreateResource POST /restapis/a1/resources/root {"pathPart":"{proxy+}"}""", op.ToString());
    }

    [Fact]
    public void PathLabelsArePercentEncoded()
    {
        var op = ApiGatewayOperations.DeleteResource("a/b", "r 1");

        Assert.Equal("/restapis/a%2Fb/resources/r%201", op.Path);
    }

    [Fact]
    public void PutMethodSendsAuthorizationAndParameters()
    {
        var op = ApiGatewayOperations.PutMethod(new PutMethodRequest
        {
            RestApiId = "a1",
            ResourceId = "r1",
            HttpMethod = "GET",
            ApiKeyRequired = true,
            RequestParameters = new Dictionary<string, bool> { ["method.request.querystring.page"] = false },
        });

        Assert.Equal(HttpMethod.Put, op.Method);
        Assert.Equal("/restapis/a1/resources/r1/methods/GET", op.Path);
        Assert.Equal("""{"authorizationType":"NONE","apiKeyRequired":true,"requestParameters":{"method.request.querystring.page":false}}""", op.Body);
    }

    [Fact]
    public void PutMethodResponseTargetsTheStatusCode()
    {
        var op = ApiGatewayOperations.PutMethodResponse(new PutMethodResponseRequest
        {
            RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET", StatusCode = "200",
            ResponseModels = new Dictionary<string, string> { ["application/json"] = "Empty" },
        });

        Assert.Equal("""PutMethodResponse PUT /restapis/a1/resources/r1/methods/GET/responses/200 {"responseModels":{"application/json":"Empty"}}""", op.ToString());
    }

    [Fact]
    public void PutIntegrationSendsTheBackendVerbAsHttpMethod()
    {
        var op = ApiGatewayOperations.PutIntegration(new PutIntegrationRequest
        {
            RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET",
            Type = "HTTP", IntegrationHttpMethod = "POST", Uri = "http://example.com/myendpoint", TimeoutInMillis = 29000,
            RequestTemplates = new Dictionary<string, string> { ["application/json"] = """{"a":"<b>"}""" },
        });

        Assert.Equal("/restapis/a1/resources/r1/methods/GET/integration", op.Path);
        Assert.Equal("""{"type":"HTTP","httpMethod":"POST","uri":"http://example.com/myendpoint","timeoutInMillis":29000,"requestTemplates":{"application/json":"{\"a\":\"<b>\"}"}}""", op.Body);
    }

    [Fact]
    public void PutIntegrationResponseTargetsTheStatusCode()
    {
        var op = ApiGatewayOperations.PutIntegrationResponse(new PutIntegrationResponseRequest
        {
            RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET", StatusCode = "200", SelectionPattern = "",
        });

        Assert.Equal("""PutIntegrationResponse PUT /restapis/a1/resources/r1/methods/GET/integration/responses/200 {"selectionPattern":""}""", op.ToString());
    }

    [Fact]
    public void CreateDeploymentSendsStageAndVariables()
    {
        var op = ApiGatewayOperations.CreateDeployment(new CreateDeploymentRequest
        {
            RestApiId = "a1", StageName = "prod", Description = "v1", Variables = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
        });

        Assert.Equal("""CreateDeployment POST /restapis/a1/deployments {"stageName":"prod","description":"v1","variables":{"a":"1","b":"2"}}""", op.ToString());
    }

    [Fact]
    public void UpdateStageSendsPatchOperations()
    {
        var op = ApiGatewayOperations.UpdateStage("a1", "prod", [new PatchOperation("replace", "/*/*/throttling/rateLimit", "100"), new PatchOperation("remove", "/variables/old")]);

        Assert.Equal(HttpMethod.Patch, op.Method);
        Assert.Equal("/restapis/a1/stages/prod", op.Path);
        Assert.Equal("""{"patchOperations":[{"op":"replace","path":"/*/*/throttling/rateLimit","value":"100"},{"op":"remove","path":"/variables/old"}]}""", op.Body);
    }

    [Fact]
    public void AddPermissionEncodesTheArnAsOneLabel()
    {
        var op = LambdaOperations.AddPermission(new AddPermissionRequest
        {
            FunctionName = "arn:aws:lambda:us-east-1:123456789012:function:hello",
            StatementId = "gw-a1",
            SourceArn = "arn:aws:execute-api:us-east-1:123456789012:a1/*/GET/pets",
            Qualifier = "live",
        });

        Assert.Equal(("lambda", "AddPermission", HttpMethod.Post), (op.Service, op.Name, op.Method));
        Assert.Equal("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ahello/policy", op.Path);
        Assert.Equal("live", op.Query["Qualifier"]);
        Assert.Equal("""{"StatementId":"gw-a1","Action":"lambda:InvokeFunction","Principal":"apigateway.amazonaws.com","SourceArn":"arn:aws:execute-api:us-east-1:123456789012:a1/*/GET/pets"}""", op.Body);
    }

    [Fact]
    public void RemovePermissionDeletesTheStatement()
    {
        var op = LambdaOperations.RemovePermission("hello", "gw-a1", null);

        Assert.Equal("RemovePermission DELETE /2015-03-31/functions/hello/policy/gw-a1", op.ToString());
    }
}
