namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwStage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwStageCommand : GwStageCmdlet
{
    /// <summary>The stage is read first, so the prompt names the invoke URL that stops answering and an unknown stage fails before any prompt.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var stage = ReadStage(Gateway(connection));
        RemoveConfirmed(connection, $"stage {StageName} of REST API {RestApiId} (invoke URL {stage.InvokeUrl} stops answering)",
            ApiGatewayOperations.DeleteStage(RestApiId, StageName));
    }
}
