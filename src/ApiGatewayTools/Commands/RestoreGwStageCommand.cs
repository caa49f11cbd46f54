namespace ApiGatewayTools.Commands;

/// <summary>Rolls a stage back (or forward) to an existing deployment of its API, without making a new one.</summary>
[Cmdlet(VerbsData.Restore, "GwStage", SupportsShouldProcess = true)]
[OutputType(typeof(Stage))]
public sealed class RestoreGwStageCommand : GwStageCmdlet
{
    /// <summary>The deployment the stage should serve; binds from Get-GwDeployment's objects.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeploymentIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string DeploymentId { get; set; } = "";

    protected override void ProcessItem()
    {
        var stageName = DeploymentWorkflow.ValidateStageName(StageName);
        var client = Gateway(ResolveConnection());
        var plan = Await(ct => DeploymentWorkflow.PlanRestoreAsync(client, RestApiId, stageName, DeploymentId, ct));
        if (plan.IsEmpty)
        {
            WriteVerbose($"Stage {StageName} already serves deployment {DeploymentId}; nothing to change.");
        }
        else if (!ShouldProcess($"stage {StageName} of REST API {RestApiId} (to deployment {DeploymentId})", plan.ToString()))
        {
            return;
        }

        WriteObject(Await(ct => plan.ApplyAsync(client, ct)));
    }
}
