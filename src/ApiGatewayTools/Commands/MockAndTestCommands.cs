using System.Collections;
using System.Management.Automation;
using ApiGatewayTools.Common;
using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Set, "GwMockIntegration", SupportsShouldProcess = true)]
[OutputType(typeof(Integration))]
public sealed class SetGwMockIntegrationCommand : GwMethodCmdlet
{
    /// <summary>The status code the method answers with (default 200).</summary>
    [Parameter]
    [ValidateRange(100, 599)]
    public int StatusCode { get; set; } = 200;

    /// <summary>The response body; a mapping template, so $context.requestId and the like may be used.</summary>
    [Parameter(Position = 0)]
    [AllowEmptyString]
    public string ResponseBody { get; set; } = "";

    /// <summary>Static response headers: @{ 'Cache-Control' = 'no-store' }.</summary>
    [Parameter]
    public Hashtable? ResponseHeader { get; set; }

    /// <summary>The body's content type (default application/json).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ContentType { get; set; } = "application/json";

    protected override void ProcessItem()
    {
        var headers = Hashtables.ToStringMap(ResponseHeader, nameof(ResponseHeader));
        var (connection, resource, verb) = Target();
        var plan = IntegrationPlan.Mock(RestApiId, resource.ResourceId, verb, StatusCode, ResponseBody, headers, ContentType);
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId}", plan.ToString()))
            return;
        var integration = Await(ct => plan.ApplyAsync(Gateway(connection), ct));
        WriteObject(integration with { Path = resource.Path });
    }
}

/// <summary>API Gateway's TestInvokeMethod: calls a method's current definition, deployed or not.</summary>
[Cmdlet(VerbsDiagnostic.Test, "GwMethod")]
[OutputType(typeof(TestInvokeResult))]
public sealed class TestGwMethodCommand : GwMethodCmdlet
{
    /// <summary>Values for the path's variables: @{ petId = '42' }.</summary>
    [Parameter]
    public Hashtable? PathParameter { get; set; }

    /// <summary>Query string parameters: @{ page = '2' }.</summary>
    [Parameter]
    public Hashtable? Query { get; set; }

    /// <summary>Request headers: @{ Accept = 'application/json' }.</summary>
    [Parameter]
    public Hashtable? Header { get; set; }

    /// <summary>The request body.</summary>
    [Parameter]
    public string? Body { get; set; }

    /// <summary>Stage variables to test with: @{ backend = 'v2' }.</summary>
    [Parameter]
    public Hashtable? StageVariable { get; set; }

    protected override void ProcessItem()
    {
        var pathParameters = Hashtables.ToStringMap(PathParameter, nameof(PathParameter));
        var query = Hashtables.ToStringMap(Query, nameof(Query));
        var headers = Hashtables.ToStringMap(Header, nameof(Header));
        var stageVariables = Hashtables.ToStringMap(StageVariable, nameof(StageVariable));
        var (connection, resource, verb) = Target();
        var request = new TestInvokeMethodRequest
        {
            RestApiId = RestApiId,
            ResourceId = resource.ResourceId,
            HttpMethod = verb,
            PathWithQueryString = TestInvokeWorkflow.PathWithQueryString(ResourcePath.Parse(resource.Path), pathParameters, query),
            Body = Body,
            Headers = headers,
            StageVariables = stageVariables,
        };
        WriteObject(Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.TestInvokeMethod(request), ct)));
    }
}
