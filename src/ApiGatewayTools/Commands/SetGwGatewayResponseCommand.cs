namespace ApiGatewayTools.Commands;

/// <summary>
/// Customises what the API answers for one gateway response type: status code, headers and body templates
/// (replacing the type's earlier customisation). Callers see it after the next deployment.
/// </summary>
[Cmdlet(VerbsCommon.Set, "GwGatewayResponse", SupportsShouldProcess = true)]
[OutputType(typeof(GatewayResponse))]
public sealed class SetGwGatewayResponseCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(GatewayResponseTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string ResponseType { get; set; } = "";

    /// <summary>The status to answer with (100–599); omitted, the failure keeps its own.</summary>
    [Parameter]
    public int? StatusCode { get; set; }

    /// <summary>
    /// Header name to value. A value in single quotes ("'*'") or naming a request value (method.request.header.X,
    /// method.request.querystring.X, method.request.path.X, stageVariables.X, context.X) is used as written; any
    /// other value is a static text and is quoted for you.
    /// </summary>
    [Parameter]
    public Hashtable? Header { get; set; }

    /// <summary>Body templates by content type (a hashtable), or one template text for application/json.</summary>
    [Parameter]
    public object? Template { get; set; }

    protected override object? TargetOfError => ResponseType;

    protected override void ProcessItem()
    {
        var settings = new GatewayResponseSettings(ResponseType, StatusCode,
            GatewayResponseSettings.HeaderParameters(Hashtables.ToStringMap(Header, nameof(Header)) ?? new Dictionary<string, string>()),
            Templates()).Validate();
        var client = Gateway(ResolveConnection());
        var current = Await(ct => client.SendAsync(ApiGatewayOperations.GetGatewayResponse(RestApiId, settings.ResponseType), ct));
        if (ApplyPlan(client, settings.Plan(RestApiId, current), $"gateway response {settings.ResponseType} of REST API {RestApiId}", out var response))
        {
            WriteObject(response);
        }
    }

    private IReadOnlyDictionary<string, string> Templates() => Template switch
    {
        null => new Dictionary<string, string>(),
        PSObject { BaseObject: var inner } when inner is not PSCustomObject => TemplatesOf(inner),
        var value => TemplatesOf(value),
    };

    private static IReadOnlyDictionary<string, string> TemplatesOf(object value) => value switch
    {
        string text => new Dictionary<string, string> { ["application/json"] = text },
        Hashtable table => Hashtables.ToStringMap(table, nameof(Template))!,
        _ => throw new GwValidationException("InvalidGatewayResponseTemplate", nameof(Template),
            "-Template is one template text for application/json, or a hashtable of content type to template, e.g. @{ 'application/json' = '{\"error\":$context.error.messageString}' }."),
    };
}
