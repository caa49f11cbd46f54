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

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        if (DeploymentId is not null)
        {
            WriteObject(Await(ct => client.GetDeploymentAsync(RestApiId, DeploymentId, ct)));
            return;
        }
        var deployments = Await(ct => client.GetDeploymentsAsync(RestApiId, ct).ToListAsync(ct));
        WriteObject(deployments.OrderByDescending(d => d.CreatedDate), enumerateCollection: true);
    }
}
