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

        var client = Gateway(connection);
        if (resource.HttpMethods.Contains(verb))
        {
            // Re-running a script converges: an existing method is returned, or updated to what is asked now.
            var existing = Await(ct => client.GetMethodAsync(RestApiId, resource.ResourceId, verb, ct));
            var patch = MethodWorkflow.Differences(existing, request);
            if (patch.Count == 0)
            {
                WriteVerbose($"{verb} {resource.Path} already exists with these settings; returning it.");
                WriteObject(existing with { Path = resource.Path });
                return;
            }
            if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId}", ApiGatewayOperations.UpdateMethod(RestApiId, resource.ResourceId, verb, patch).ToString()))
                return;
            var updated = Await(ct => client.UpdateMethodAsync(RestApiId, resource.ResourceId, verb, patch, ct));
            WriteObject(updated with { Path = resource.Path });
            return;
        }
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId}", ApiGatewayOperations.PutMethod(request).ToString()))
            return;
        var method = Await(ct => client.PutMethodAsync(request, ct));
        Remember(connection, resource with { HttpMethods = [.. resource.HttpMethods.Append(verb).Order(StringComparer.Ordinal)] });
        WriteObject(method with { Path = resource.Path });
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
            var verbs = verb is null ? resource.HttpMethods : [verb];
            foreach (var v in verbs)
            {
                var method = Await(ct => client.GetMethodAsync(RestApiId, resource.ResourceId, v, ct));
                WriteObject(method with { Path = resource.Path });
            }
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
        if (!ShouldProcess($"{verb} {resource.Path} (and its integration) in REST API {RestApiId}",
                ApiGatewayOperations.DeleteMethod(RestApiId, resource.ResourceId, verb).ToString()))
            return;
        Await(ct => Gateway(connection).DeleteMethodAsync(RestApiId, resource.ResourceId, verb, ct));
        Remember(connection, resource with { HttpMethods = resource.HttpMethods.Where(v => v != verb).ToArray() });
    }
}
