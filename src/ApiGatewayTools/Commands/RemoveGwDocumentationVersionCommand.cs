namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwDocumentationVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwDocumentationVersionCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Version { get; set; } = "";

    protected override object? TargetOfError => Version;

    /// <summary>The version is read first, so an unknown one fails before any prompt.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var version = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetDocumentationVersion(RestApiId, Version), ct));
        RemoveConfirmed(connection, $"documentation version {version} of REST API {RestApiId}",
            ApiGatewayOperations.DeleteDocumentationVersion(RestApiId, Version));
    }
}
