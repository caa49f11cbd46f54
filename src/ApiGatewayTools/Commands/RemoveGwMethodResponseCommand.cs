namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwMethodResponse", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwMethodResponseCommand : GwMethodCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string StatusCode { get; set; } = "";

    protected override object? TargetOfError => StatusCode;

    protected override void ProcessItem()
    {
        ResponseRules.StatusCode(StatusCode);
        var (connection, resource, verb) = Target();
        RemoveConfirmed(connection, $"method response {StatusCode} of {verb} {resource.Path} in REST API {RestApiId}",
            ApiGatewayOperations.DeleteMethodResponse(RestApiId, resource.ResourceId, verb, StatusCode));
    }
}
