namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Add, "GwMethod", SupportsShouldProcess = true)]
[OutputType(typeof(Method))]
public sealed class AddGwMethodCommand : GwResourceCmdlet
{
    /// <summary>GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string HttpMethod { get; set; } = "";

    /// <summary>NONE (default), AWS_IAM, CUSTOM (with -AuthorizerId) or COGNITO_USER_POOLS (with -AuthorizerId).</summary>
    [Parameter]
    [ValidateSet("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS")]
    public string AuthorizationType { get; set; } = "NONE";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuthorizerId { get; set; }

    [Parameter]
    public SwitchParameter ApiKeyRequired { get; set; }

    /// <summary>Request parameters the method accepts, name to required: @{ 'method.request.querystring.page' = $false }. Path variables are declared automatically.</summary>
    [Parameter]
    public Hashtable? RequestParameter { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OperationName { get; set; }

    protected override void ProcessItem()
    {
        var verb = HttpVerb.Normalize(HttpMethod);
        var authorizationType = AuthorizationType.ToUpperInvariant();
        MethodWorkflow.ValidateAuthorization(authorizationType, AuthorizerId);
        var declared = Hashtables.ToBoolMap(RequestParameter, nameof(RequestParameter));
        var (connection, resource) = LocateTarget();
        var request = new PutMethodRequest
        {
            RestApiId = RestApiId,
            ResourceId = resource.ResourceId,
            HttpMethod = verb,
            AuthorizationType = authorizationType,
            AuthorizerId = AuthorizerId,
            ApiKeyRequired = ApiKeyRequired,
            OperationName = OperationName,
            RequestParameters = MethodWorkflow.WithPathParameters(ResourcePath.Parse(resource.Path), declared),
        };

        var plan = MethodWorkflow.PlanPut(resource, request);
        if (plan.IsEmpty)
        {
            WriteVerbose($"{verb} {resource.Path} already exists with these settings; returning it.");
            WriteObject(resource.ResourceMethods[verb]);
            return;
        }
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId}", plan.ToString()))
        {
            return;
        }

        var method = Await(ct => plan.ApplyAsync(Gateway(connection), ct)) with { Path = resource.Path };
        Remember(connection, resource.WithMethod(method));
        WriteObject(method);
    }
}
