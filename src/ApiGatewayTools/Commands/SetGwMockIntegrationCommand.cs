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

    /// <summary>The building cmdlets share one listing per API across a script (see <see cref="SharedReads"/>).</summary>
    protected override bool SharesTrees => true;

    protected override void ProcessItem()
    {
        var headers = Hashtables.ToStringMap(ResponseHeader, nameof(ResponseHeader));
        var (connection, resource, verb) = Target();
        var plan = IntegrationPlan.Mock(RestApiId, resource.ResourceId, verb, StatusCode, ResponseBody, headers, ContentType, Listed(resource, verb));
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId}", plan.ToString(), () => PlannedIntegration(resource, verb, "MOCK", null)))
        {
            return;
        }

        WriteObject(ApplyIntegration(connection, resource, verb, plan));
    }
}
