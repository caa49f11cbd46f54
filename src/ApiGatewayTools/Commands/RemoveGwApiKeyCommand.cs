namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwApiKeyCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ApiKeyId { get; set; } = "";

    protected override object? TargetOfError => ApiKeyId;

    /// <summary>The key is read first, so the prompt names it and an unknown id fails before any prompt.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var key = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetApiKey(ApiKeyId), ct));
        RemoveConfirmed(connection, $"API key {key} (callers using it are refused from then on)", ApiGatewayOperations.DeleteApiKey(ApiKeyId));
    }
}
