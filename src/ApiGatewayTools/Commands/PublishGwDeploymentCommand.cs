namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsData.Publish, "GwDeployment", SupportsShouldProcess = true)]
[OutputType(typeof(DeploymentResult))]
public sealed class PublishGwDeploymentCommand : GwRestApiCmdlet
{
    /// <summary>The stage to point at the new deployment; created when missing.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    /// <summary>The deployment's description (what changed).</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>Stage variables: @{ backendHost = 'api.example.com' }.</summary>
    [Parameter]
    public Hashtable? StageVariable { get; set; }

    protected override void ProcessItem()
    {
        var request = new CreateDeploymentRequest
        {
            RestApiId = RestApiId,
            StageName = DeploymentWorkflow.ValidateStageName(StageName),
            Description = Description,
            Variables = StageVariable is null ? null : DeploymentWorkflow.ValidateVariables(Hashtables.ToStringMap(StageVariable, nameof(StageVariable))),
        };
        var client = Gateway(ResolveConnection());
        var plan = DeploymentWorkflow.Plan(request);
        if (!ShouldProcess($"stage {StageName} of REST API {RestApiId}", plan.ToString()))
        {
            return;
        }

        var result = Await(ct => DeploymentWorkflow.PublishAsync(client, request, plan, ct));
        WriteVerbose(result.StageCreated
            ? $"Created stage {StageName} serving deployment {result.DeploymentId}."
            : $"Stage {StageName} now serves deployment {result.DeploymentId}.");
        WriteObject(result);
    }
}
