namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Add, "GwIntegrationResponse", SupportsShouldProcess = true)]
[OutputType(typeof(IntegrationResponse))]
public sealed class AddGwIntegrationResponseCommand : GwMethodCmdlet
{
    /// <summary>The method response this integration response answers with; the method must declare it (Add-GwMethodResponse).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string StatusCode { get; set; } = "";

    /// <summary>
    /// A regular expression that must match the whole backend status code (HTTP: '4\d{2}') or the whole errorMessage
    /// of a Lambda error ('.*[Nn]ot [Ff]ound.*'). Omitted: this is the default response, taken when no pattern matches.
    /// </summary>
    [Parameter]
    [AllowEmptyString]
    public string? SelectionPattern { get; set; }

    /// <summary>Header mappings: @{ 'method.response.header.X-Request-Id' = 'integration.response.header.X-Request-Id' }; static values in single quotes.</summary>
    [Parameter]
    public Hashtable? ResponseParameter { get; set; }

    /// <summary>Mapping templates per content type, or one string for application/json; an empty template passes the body through.</summary>
    [Parameter]
    [TemplateMapArgument]
    public Hashtable? Template { get; set; }

    /// <summary>Converts the body between text and binary (base64); omitted, it passes through as it is.</summary>
    [Parameter]
    [ValidateSet("CONVERT_TO_BINARY", "CONVERT_TO_TEXT")]
    public string? ContentHandling { get; set; }

    protected override object? TargetOfError => StatusCode;

    protected override void ProcessItem()
    {
        var request = new PutIntegrationResponseRequest
        {
            RestApiId = RestApiId,
            ResourceId = ResourceId ?? "",
            HttpMethod = HttpMethod,
            StatusCode = StatusCode,
            SelectionPattern = string.IsNullOrEmpty(SelectionPattern) ? null : SelectionPattern,
            ResponseParameters = Hashtables.ToStringMap(ResponseParameter, nameof(ResponseParameter)),
            ResponseTemplates = Hashtables.ToStringMap(Template, nameof(Template)),
            ContentHandling = ContentHandling,
        };
        IntegrationResponsePlan.Validated(request);
        var (connection, resource, verb) = Target();
        var method = ReadMethod(connection, resource, verb);
        var (plan, changes) = IntegrationResponsePlan.For(request with { ResourceId = resource.ResourceId, HttpMethod = verb }, method, resource.Path);
        if (!ApplyPlan(Gateway(connection), plan, $"integration response {StatusCode} of {verb} {resource.Path} in REST API {RestApiId}", out var response))
        {
            return;
        }

        foreach (var change in changes)
        {
            WriteVerbose($"Integration response {StatusCode} of {verb} {resource.Path}: {change}");
        }
        WriteObject(response with { Path = resource.Path });
    }
}
