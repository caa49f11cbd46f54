namespace ApiGatewayTools.Commands;

/// <summary>Promotes a stage's canary: the stage serves the canary's deployment and variables, and the canary ends.</summary>
[Cmdlet(VerbsLifecycle.Complete, "GwCanary", SupportsShouldProcess = true)]
[OutputType(typeof(Stage))]
public sealed class CompleteGwCanaryCommand : GwStageCmdlet
{
    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        DeploymentWorkflow.ValidateStageName(StageName);
        var stage = ReadStage(client);
        var plan = DeploymentWorkflow.PlanCompleteCanary(stage);
        if (plan.IsEmpty)
        {
            WriteWarning($"Stage {StageName} of REST API {RestApiId} has no canary to promote; it serves deployment {stage.DeploymentId}.");
        }
        else if (!ShouldProcess($"stage {StageName} of REST API {RestApiId} (promoting canary deployment {stage.Canary?.DeploymentId})", plan.ToString()))
        {
            return;
        }

        WriteObject(Await(ct => plan.ApplyAsync(client, ct)));
    }
}
