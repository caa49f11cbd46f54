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

    protected override void ProcessItem() => WriteFound(new GwLookup<Deployment>
    {
        ById = id => ApiGatewayOperations.GetDeployment(RestApiId, id),
        All = GwLookup<Deployment>.Pages(ApiGatewayOperations.GetDeployments(RestApiId)),
        Order = deployments => deployments.OrderByDescending(d => d.CreatedDate),
    }, DeploymentId);
}
