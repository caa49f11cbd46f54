namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwStage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwStageCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    protected override object? TargetOfError => StageName;

    /// <summary>The stage is read first, so the prompt names the invoke URL that stops answering and an unknown stage fails before any prompt.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var stage = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetStage(RestApiId, StageName), ct));
        RemoveConfirmed(connection, $"stage {StageName} of REST API {RestApiId} (invoke URL {stage.InvokeUrl} stops answering)",
            ApiGatewayOperations.DeleteStage(RestApiId, StageName));
    }
}
