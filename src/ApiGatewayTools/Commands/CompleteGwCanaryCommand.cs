namespace ApiGatewayTools.Commands;

/// <summary>Promotes a stage's canary: the stage serves the canary's deployment and variables, and the canary ends.</summary>
[Cmdlet(VerbsLifecycle.Complete, "GwCanary", SupportsShouldProcess = true)]
[OutputType(typeof(Stage))]
public sealed class CompleteGwCanaryCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    protected override object? TargetOfError => StageName;

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        var stage = Await(ct => client.GetStageAsync(RestApiId, DeploymentWorkflow.ValidateStageName(StageName), ct));
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
