namespace ApiGatewayTools.Commands;

/// <summary>API Gateway's TestInvokeAuthorizer: runs an authorizer's current definition for the identity given and shows its decision.</summary>
[Cmdlet(VerbsDiagnostic.Test, "GwAuthorizer")]
[OutputType(typeof(AuthorizerTestResult))]
public sealed class TestGwAuthorizerCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string AuthorizerId { get; set; } = "";

    /// <summary>Request headers, e.g. the token: @{ Authorization = 'allow' }.</summary>
    [Parameter]
    public Hashtable? Header { get; set; }

    /// <summary>The request path with any query string, e.g. /pets?owner=me (REQUEST authorizers).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PathWithQueryString { get; set; }

    /// <summary>Stage variables to test with: @{ tier = 'gold' }.</summary>
    [Parameter]
    public Hashtable? StageVariable { get; set; }

    protected override object? TargetOfError => AuthorizerId;

    protected override void ProcessItem()
    {
        var request = new TestInvokeAuthorizerRequest
        {
            Headers = Hashtables.ToStringMap(Header, nameof(Header)),
            PathWithQueryString = PathWithQueryString,
            StageVariables = Hashtables.ToStringMap(StageVariable, nameof(StageVariable)),
        };
        var connection = ResolveConnection();
        WriteObject(Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.TestInvokeAuthorizer(RestApiId, AuthorizerId, request), ct)));
    }
}
