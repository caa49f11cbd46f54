namespace ApiGatewayTools.Commands;

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

    /// <summary>Request mapping templates per content type, or one string for application/json (non-proxy only).</summary>
    [Parameter]
    [TemplateMapArgument]
    public Hashtable? RequestTemplate { get; set; }

    /// <summary>What happens to a body whose content type has no template (non-proxy only; API Gateway's default is WHEN_NO_MATCH).</summary>
    [Parameter]
    [ValidateSet(IntegrationOptions.WhenNoMatch, IntegrationOptions.WhenNoTemplates, IntegrationOptions.Never)]
    public string? PassthroughBehavior { get; set; }

    /// <summary>Adds a 400 response for the backend's 4xx and a 500 for its 5xx beside the default 200 (non-proxy only).</summary>
    [Parameter]
    public SwitchParameter ErrorResponse { get; set; }

    /// <summary>The building cmdlets share one listing per API across a script (see <see cref="SharedReads"/>).</summary>
    protected override bool SharesTrees => true;

    protected override void ProcessItem()
    {
        IntegrationUri.ValidateHttp(Uri);
        var backendVerb = IntegrationHttpMethod is null ? null : HttpVerb.Normalize(IntegrationHttpMethod, nameof(IntegrationHttpMethod));
        var mappings = Hashtables.ToStringMap(RequestParameter, nameof(RequestParameter));
        var templates = Hashtables.ToStringMap(RequestTemplate, nameof(RequestTemplate));
        IntegrationOptions.RequireNonProxy(Proxy, nameof(Proxy), templates, PassthroughBehavior, ErrorResponse);
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
            RequestTemplates = templates,
            PassthroughBehavior = PassthroughBehavior,
        }, ErrorResponse, Listed(resource, verb));
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId}", plan.ToString(), () => PlannedIntegration(resource, verb, Proxy ? "HTTP_PROXY" : "HTTP", Uri)))
        {
            return;
        }

        WriteObject(ApplyIntegration(connection, resource, verb, plan));
    }
}
