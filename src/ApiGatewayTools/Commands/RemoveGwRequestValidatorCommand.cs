namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwRequestValidator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveGwRequestValidatorCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RequestValidatorId { get; set; } = "";

    protected override object? TargetOfError => RequestValidatorId;

    /// <summary>The validator is read first, so the prompt names it and an unknown id fails before any prompt.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var validator = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetRequestValidator(RestApiId, RequestValidatorId), ct));
        RemoveConfirmed(connection, $"request validator {validator} in REST API {RestApiId}",
            ApiGatewayOperations.DeleteRequestValidator(RestApiId, RequestValidatorId));
    }
}
