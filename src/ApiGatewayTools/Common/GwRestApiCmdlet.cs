namespace ApiGatewayTools.Common;

/// <summary>Base of the cmdlets that work inside one REST API: -RestApiId, declared once, binds from any upstream object.</summary>
public abstract class GwRestApiCmdlet : GwCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    protected override object? TargetOfError => RestApiId;
}
