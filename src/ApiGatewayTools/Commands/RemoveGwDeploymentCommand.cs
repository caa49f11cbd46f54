namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwDeploymentCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeploymentIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string DeploymentId { get; set; } = "";

    protected override object? TargetOfError => DeploymentId;

    /// <summary>A deployment a stage still uses is refused before the prompt, naming the stages; so piping a whole history in removes only the unused ones.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var delete = Await(ct => DeploymentWorkflow.PrepareRemoveAsync(Gateway(connection), RestApiId, DeploymentId, ct));
        RemoveConfirmed(connection, $"deployment {DeploymentId} of REST API {RestApiId}", delete);
    }
}
