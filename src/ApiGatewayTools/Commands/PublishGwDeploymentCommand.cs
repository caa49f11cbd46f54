namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsData.Publish, "GwDeployment", SupportsShouldProcess = true, DefaultParameterSetName = ServeSet)]
[OutputType(typeof(DeploymentResult))]
public sealed class PublishGwDeploymentCommand : GwRestApiCmdlet
{
    private const string ServeSet = "Serve";
    private const string CanarySet = "Canary";

    /// <summary>The stage to point at the new deployment; created when missing. With -CanaryPercent it must exist.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    /// <summary>The deployment's description (what changed).</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>Stage variables: @{ backendHost = 'api.example.com' }.</summary>
    [Parameter(ParameterSetName = ServeSet)]
    public Hashtable? StageVariable { get; set; }

    /// <summary>Makes the new deployment the stage's canary, taking this share (0 to 100) of requests.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CanarySet)]
    public double CanaryPercent { get; set; }

    /// <summary>Stage variables the canary's requests see instead of the stage's: @{ backendHost = 'v2.example.com' }.</summary>
    [Parameter(ParameterSetName = CanarySet)]
    public Hashtable? CanaryStageVariable { get; set; }

    /// <summary>Lets the canary's requests use (and fill) the stage's cache.</summary>
    [Parameter(ParameterSetName = CanarySet)]
    public SwitchParameter CanaryUseStageCache { get; set; }

    /// <summary>
    /// Binds only from a piped object that names an existing deployment (a deployment, a stage, a Publish result),
    /// so that such a pipeline is refused instead of silently deploying the API anew.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? DeploymentId { get; set; }

    protected override void ProcessItem()
    {
        var stageName = DeploymentWorkflow.ValidateStageName(StageName);
        if (DeploymentId is not null)
        {
            throw DeploymentWorkflow.ExistingDeploymentGiven(RestApiId, stageName, DeploymentId);
        }

        var request = new CreateDeploymentRequest
        {
            RestApiId = RestApiId,
            StageName = stageName,
            Description = Description,
            Variables = StageVariable is null ? null : DeploymentWorkflow.ValidateVariables(Hashtables.ToStringMap(StageVariable, nameof(StageVariable))),
            Canary = ParameterSetName == CanarySet
                ? DeploymentWorkflow.ValidateCanary(CanaryPercent, Hashtables.ToStringMap(CanaryStageVariable, nameof(CanaryStageVariable)), CanaryUseStageCache)
                : null,
        };
        var client = Gateway(ResolveConnection());
        var plan = DeploymentWorkflow.Plan(request);
        var target = request.Canary is null ? $"stage {StageName} of REST API {RestApiId}" : $"the canary of stage {StageName} of REST API {RestApiId}";
        if (!ShouldProcess(target, plan.ToString()))
        {
            return;
        }

        var result = Await(ct => DeploymentWorkflow.PublishAsync(client, request, plan, ct));
        WriteVerbose(request.Canary is not null
            ? $"Stage {StageName} sends {result.Canary?.PercentTraffic}% of requests to its canary, deployment {result.DeploymentId}."
            : result.StageCreated
                ? $"Created stage {StageName} serving deployment {result.DeploymentId}."
                : $"Stage {StageName} now serves deployment {result.DeploymentId}.");
        WriteObject(result);
    }
}
