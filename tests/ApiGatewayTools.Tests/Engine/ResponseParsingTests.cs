using Amazon.Runtime;
using ApiGatewayTools.Engine.Internal;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

public sealed class ResponseParsingTests
{
    private static readonly GwConnection Aws = new("eu-west-1", "dev", null, null, new BasicAWSCredentials("AKID", "secret"));
    private static readonly GwConnection Local = new("us-east-1", null, new Uri("http://127.0.0.1:4566/"), new Uri("http://127.0.0.1:4566/"), new BasicAWSCredentials("test", "test"));

    [Fact]
    public void RestApiReadsEpochSecondsAndTheFirstEndpointType()
    {
        var api = ResponseMapper.RestApi(Json.Parse("""
            {"id":"a1","name":"Demo","createdDate":1700000000,"endpointConfiguration":{"types":["PRIVATE"]},
             "rootResourceId":"root1","apiKeySource":"HEADER","binaryMediaTypes":["image/png"],"tags":{"k":"v"},"disableExecuteApiEndpoint":true}
            """), Aws);

        Assert.Equal("a1", api.RestApiId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), api.CreatedDate);
        Assert.Equal("PRIVATE", api.EndpointType);
        Assert.Equal("root1", api.RootResourceId);
        Assert.True(api.DisableExecuteApiEndpoint);
        Assert.Equal(["image/png"], api.BinaryMediaTypes);
        Assert.Equal("v", api.Tags["k"]);
        Assert.Same(Aws, api.Connection);
    }

    [Fact]
    public void ResourceMethodsBecomeSortedVerbs()
    {
        var resource = ResponseMapper.Resource(Json.Parse("""
            {"id":"r1","parentId":"root","pathPart":"pets","path":"/pets","resourceMethods":{"POST":{},"GET":{},"ANY":{}}}
            """), "a1", Aws);

        Assert.Equal(["ANY", "GET", "POST"], resource.HttpMethods);
        Assert.Equal(("a1", "r1", "root", "pets", "/pets"), (resource.RestApiId, resource.ResourceId, resource.ParentId, resource.PathPart, resource.Path));
    }

    [Fact]
    public void MethodCarriesItsEmbeddedIntegrationWithTheMethodVerb()
    {
        var method = ResponseMapper.Method(Json.Parse("""
            {"httpMethod":"GET","authorizationType":"AWS_IAM","apiKeyRequired":true,
             "requestParameters":{"method.request.path.id":true},
             "methodResponses":{"200":{"statusCode":"200","responseModels":{"application/json":"Empty"}}},
             "methodIntegration":{"type":"AWS_PROXY","httpMethod":"POST","uri":"arn:aws:apigateway:...","timeoutInMillis":29000,
               "cacheKeyParameters":[],"integrationResponses":{"200":{"statusCode":"200","selectionPattern":""}}}}
            """), "a1", "r1", "GET", Aws);

        Assert.Equal("AWS_IAM", method.AuthorizationType);
        Assert.True(method.ApiKeyRequired);
        Assert.True(method.RequestParameters["method.request.path.id"]);
        Assert.Equal("Empty", method.MethodResponses["200"].ResponseModels["application/json"]);
        var integration = Assert.IsType<Integration>(method.Integration);
        Assert.Equal("GET", integration.HttpMethod);
        Assert.Equal("POST", integration.IntegrationHttpMethod);
        Assert.Equal(29000, integration.TimeoutInMillis);
        Assert.Equal("", integration.IntegrationResponses["200"].SelectionPattern);
    }

    [Fact]
    public void StageInvokeUrlOnAwsAndOnACustomEndpoint()
    {
        const string StageJson = """{"stageName":"prod","deploymentId":"d1","createdDate":1700000000.5,"variables":{"a":"1"}}""";

        var onAws = ResponseMapper.Stage(Json.Parse(StageJson), "a1", Aws);
        var onLocal = ResponseMapper.Stage(Json.Parse(StageJson), "a1", Local);

        Assert.Equal("https://a1.execute-api.eu-west-1.amazonaws.com/prod", onAws.InvokeUrl);
        Assert.Equal("http://127.0.0.1:4566/restapis/a1/prod/_user_request_", onLocal.InvokeUrl);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000500), onAws.CreatedDate);
        Assert.Equal("1", onAws.Variables["a"]);
        Assert.Equal(onAws.InvokeUrl, new ApiGatewayTools.Engine.Client.ApiGatewayClient(Aws).GetInvokeUrl("a1", "prod"));
        Assert.Equal(onLocal.InvokeUrl, new ApiGatewayTools.Engine.Client.ApiGatewayClient(Local).GetInvokeUrl("a1", "prod"));
    }

    [Fact]
    public void LambdaFunctionReadsConfigurationAndIsoTimestamp()
    {
        var function = ResponseMapper.Function(Json.Parse("""
            {"Configuration":{"FunctionName":"hello","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:hello",
             "Runtime":"nodejs20.x","LastModified":"2024-05-01T12:30:00.000+0000","State":"Active"},"Code":{}}
            """), Aws);

        Assert.Equal("hello", function.FunctionName);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.Zero), function.LastModified);
        Assert.Equal("Active", function.State);
    }

    [Fact]
    public void PolicyDocumentIsParsedFromItsString()
    {
        var document = """{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"gw-a1","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:hello","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:123456789012:a1/*/GET/pets"},"StringEquals":{"AWS:SourceAccount":"123456789012"}}}]}""";
        var answer = Json.Parse(System.Text.Json.JsonSerializer.Serialize(new { Policy = document, RevisionId = "rev1" }));

        var policy = ResponseMapper.Policy(answer, "hello", Aws);

        Assert.Equal(document, policy.PolicyJson);
        Assert.Equal("rev1", policy.RevisionId);
        var statement = Assert.Single(policy.Statements);
        Assert.Equal("gw-a1", statement.StatementId);
        Assert.Equal("Allow", statement.Effect);
        Assert.Equal("apigateway.amazonaws.com", statement.Principal);
        Assert.Equal("lambda:InvokeFunction", statement.Action);
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:a1/*/GET/pets", statement.SourceArn);
        Assert.Equal("123456789012", statement.SourceAccount);
    }
}
