namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwDocumentationPart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwDocumentationPartCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string DocumentationPartId { get; set; } = "";

    protected override object? TargetOfError => DocumentationPartId;

    /// <summary>The part is read first, so the prompt names its location and an unknown id fails before any prompt.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var part = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetDocumentationPart(RestApiId, DocumentationPartId), ct));
        RemoveConfirmed(connection, $"documentation of {part} ({DocumentationPartId}) in REST API {RestApiId}",
            ApiGatewayOperations.DeleteDocumentationPart(RestApiId, DocumentationPartId));
    }
}
