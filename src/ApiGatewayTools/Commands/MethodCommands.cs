using System.Collections;
using System.Management.Automation;
using ApiGatewayTools.Common;
using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

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
            return;
        var method = Await(ct => plan.ApplyAsync(Gateway(connection), ct)) with { Path = resource.Path };
        Remember(connection, resource.WithMethod(method));
        WriteObject(method);
    }
}

[Cmdlet(VerbsCommon.Get, "GwMethod")]
[OutputType(typeof(Method))]
public sealed class GetGwMethodCommand : GwResourceCmdlet
{
    /// <summary>The verb; every method of the resource (or of the whole API) when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string? HttpMethod { get; set; }

    protected override void ProcessItem()
    {
        var verb = HttpMethod is null ? null : HttpVerb.Normalize(HttpMethod);
        ParsedPath();
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var resources = ResourceId is null && Path is null
            ? Tree(connection, RestApiId).Resources.ToList()
            : [LocateResource(connection)];
        foreach (var resource in resources)
        {
            // A named verb is asked for, so that a missing method is AWS's NotFoundException; the rest came embedded in the listing.
            if (verb is not null)
                WriteObject(Await(ct => client.SendAsync(ApiGatewayOperations.GetMethod(RestApiId, resource.ResourceId, verb), ct)) with { Path = resource.Path });
            else
                WriteObject(resource.HttpMethods.Select(v => resource.ResourceMethods[v]), enumerateCollection: true);
        }
    }
}

[Cmdlet(VerbsCommon.Remove, "GwMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveGwMethodCommand : GwResourceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string HttpMethod { get; set; } = "";

    protected override void ProcessItem()
    {
        var verb = HttpVerb.Normalize(HttpMethod);
        var (connection, resource) = LocateTarget();
        var operation = ApiGatewayOperations.DeleteMethod(RestApiId, resource.ResourceId, verb);
        if (!ShouldProcess($"{verb} {resource.Path} (and its integration) in REST API {RestApiId}", operation.ToString()))
            return;
        Await(ct => Gateway(connection).SendAsync(operation, ct));
        Remember(connection, resource.WithoutMethod(verb));
    }
}
