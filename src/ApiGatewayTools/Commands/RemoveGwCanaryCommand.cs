namespace ApiGatewayTools.Commands;

/// <summary>Abandons a stage's canary: every request goes to the stage's own deployment again.</summary>
[Cmdlet(VerbsCommon.Remove, "GwCanary", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(Stage))]
public sealed class RemoveGwCanaryCommand : GwStageCmdlet
{
    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        DeploymentWorkflow.ValidateStageName(StageName);
        var stage = ReadStage(client);
        var plan = DeploymentWorkflow.PlanRemoveCanary(stage);
        if (plan.IsEmpty)
        {
            WriteVerbose($"Stage {StageName} of REST API {RestApiId} has no canary; nothing to remove.");
        }
        else if (!ShouldProcess($"the canary (deployment {stage.Canary?.DeploymentId}) of stage {StageName} of REST API {RestApiId}", plan.ToString()))
        {
            return;
        }

        WriteObject(Await(ct => plan.ApplyAsync(client, ct)));
    }
}
