using System.Collections;
using System.Management.Automation;
using ApiGatewayTools.Common;
using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Commands;

/// <summary>Base of the cmdlets that act on one method's integration.</summary>
public abstract class GwMethodCmdlet : GwResourceCmdlet
{
    /// <summary>The method's verb (binds from Add-GwMethod's output).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string HttpMethod { get; set; } = "";

    /// <summary>Checks the input, then finds the resource: the common first steps.</summary>
    protected (GwConnection Connection, RestApiResource Resource, string Verb) Target()
    {
        var verb = HttpVerb.Normalize(HttpMethod);
        var (connection, resource) = LocateTarget();
        return (connection, resource, verb);
    }
}

[Cmdlet(VerbsCommon.Set, "GwHttpIntegration", SupportsShouldProcess = true)]
[OutputType(typeof(Integration))]
public sealed class SetGwHttpIntegrationCommand : GwMethodCmdlet
{
    /// <summary>The backend URL, absolute http(s); may use {pathVariables} and ${stageVariables.name}.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Uri { get; set; } = "";

    /// <summary>The verb sent to the backend; defaults to the method's own.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string? IntegrationHttpMethod { get; set; }

    /// <summary>HTTP_PROXY: pass the request through and the backend's response back unchanged.</summary>
    [Parameter]
    public SwitchParameter Proxy { get; set; }

    /// <summary>integration.request.* = method.request.* | 'literal' | stageVariables.*; URI path variables are mapped automatically.</summary>
    [Parameter]
    public Hashtable? RequestParameter { get; set; }

    /// <summary>50 to 29,000 ms (API Gateway's default is 29,000).</summary>
    [Parameter]
    [ValidateRange(50, 29000)]
    public int? TimeoutMilliseconds { get; set; }

    protected override void ProcessItem()
    {
        IntegrationUri.ValidateHttp(Uri);
        var backendVerb = IntegrationHttpMethod is null ? null : HttpVerb.Normalize(IntegrationHttpMethod, nameof(IntegrationHttpMethod));
        var mappings = Hashtables.ToStringMap(RequestParameter, nameof(RequestParameter));
        var (connection, resource, verb) = Target();

        var plan = IntegrationPlan.For(new PutIntegrationRequest
        {
            RestApiId = RestApiId,
            ResourceId = resource.ResourceId,
            HttpMethod = verb,
            Type = Proxy ? "HTTP_PROXY" : "HTTP",
            IntegrationHttpMethod = backendVerb ?? verb,
            Uri = Uri,
            TimeoutInMillis = TimeoutMilliseconds,
            RequestParameters = IntegrationMappings.WithUriPathVariables(Uri, mappings),
        });
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId}", plan.ToString()))
            return;
        var integration = Await(ct => plan.ApplyAsync(Gateway(connection), ct));
        WriteObject(integration with { Path = resource.Path });
    }
}

[Cmdlet(VerbsCommon.Set, "GwLambdaIntegration", SupportsShouldProcess = true)]
[OutputType(typeof(Integration))]
public sealed class SetGwLambdaIntegrationCommand : GwMethodCmdlet
{
    /// <summary>Function name, partial or full ARN, optionally with :alias or :version.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [Alias("FunctionArn")]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>AWS (non-proxy, as in the guide) instead of the default AWS_PROXY.</summary>
    [Parameter]
    public SwitchParameter NonProxy { get; set; }

    /// <summary>Leave the function's resource policy alone (you manage lambda:InvokeFunction yourself).</summary>
    [Parameter]
    public SwitchParameter SkipPermission { get; set; }

    protected override bool IsInputError(GwException e) =>
        base.IsInputError(e) || e.ErrorId == LambdaIntegrationWorkflow.FunctionNotFoundErrorId;

    protected override void ProcessItem()
    {
        var function = LambdaFunctionReference.Parse(FunctionName);
        var (connection, resource, verb) = Target();
        var plan = Await(ct => LambdaIntegrationWorkflow.PlanAsync(Lambda(connection), RestApiId, resource.ResourceId, verb,
            ResourcePath.Parse(resource.Path), function, proxy: !NonProxy, skipPermission: SkipPermission, ct));
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId} -> {plan.FunctionArn}", plan.Plan.ToString()))
            return;
        var integration = Await(ct => plan.Plan.ApplyAsync(Gateway(connection), ct));
        if (plan.Permission is not null)
            WriteVerbose($"Granted apigateway.amazonaws.com lambda:InvokeFunction on {plan.FunctionArn} for {plan.Permission.SourceArn} (statement {plan.Permission.StatementId}).");
        else if (!SkipPermission)
            WriteVerbose($"{plan.FunctionArn} already allows this method to invoke it.");
        WriteObject(integration with { Path = resource.Path });
    }
}

[Cmdlet(VerbsCommon.Get, "GwIntegration")]
[OutputType(typeof(Integration))]
public sealed class GetGwIntegrationCommand : GwResourceCmdlet
{
    /// <summary>The method's verb; every integrated method of the resource when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string? HttpMethod { get; set; }

    protected override void ProcessItem()
    {
        var verb = HttpMethod is null ? null : HttpVerb.Normalize(HttpMethod);
        var (connection, resource) = LocateTarget();
        if (verb is not null)
        {
            WriteObject(Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetIntegration(RestApiId, resource.ResourceId, verb), ct)) with { Path = resource.Path });
            return;
        }
        foreach (var v in resource.HttpMethods)
        {
            if (resource.ResourceMethods[v].Integration is { } integration)
                WriteObject(integration with { Path = resource.Path });
        }
    }
}

[Cmdlet(VerbsCommon.Remove, "GwIntegration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveGwIntegrationCommand : GwMethodCmdlet
{
    protected override void ProcessItem()
    {
        var (connection, resource, verb) = Target();
        var operation = ApiGatewayOperations.DeleteIntegration(RestApiId, resource.ResourceId, verb);
        if (!ShouldProcess($"integration of {verb} {resource.Path} in REST API {RestApiId}", operation.ToString()))
            return;
        Await(ct => Gateway(connection).SendAsync(operation, ct));
    }
}
