namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwDeployment")]
[OutputType(typeof(Deployment))]
public sealed class GetGwDeploymentCommand : GwRestApiCmdlet
{
    /// <summary>One deployment; all of them, newest first, when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeploymentIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? DeploymentId { get; set; }

    protected override object? TargetOfError => DeploymentId ?? RestApiId;

    /// <summary>Each deployment names the stages serving it and trying it as their canary: the history says what is live.</summary>
    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        WriteObject(Await(ct => DeploymentWorkflow.HistoryAsync(client, RestApiId, DeploymentId, ct)), enumerateCollection: true);
    }
}
