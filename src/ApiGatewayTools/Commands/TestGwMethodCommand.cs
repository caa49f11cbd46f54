namespace ApiGatewayTools.Commands;

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
