namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsData.Publish, "GwDeployment", SupportsShouldProcess = true, DefaultParameterSetName = ServeSet)]
[OutputType(typeof(DeploymentResult))]
public sealed class PublishGwDeploymentCommand : GwRestApiCmdlet
{
    private const string ServeSet = "Serve";
    private const string CanarySet = "Canary";
    private const string ExistingSet = "Existing";

    /// <summary>The stage to point at the deployment; created when missing. With -CanaryPercent it must exist.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    /// <summary>The deployment's description (what changed).</summary>
    [Parameter(ParameterSetName = ServeSet)]
    [Parameter(ParameterSetName = CanarySet)]
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
    /// An existing deployment to publish to the stage instead of a new one: promotion (what dev serves, to prod) or
    /// rollback. Binds from a piped deployment, stage or Publish-GwDeployment result.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ExistingSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeploymentIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string DeploymentId { get; set; } = "";

    /// <summary>
    /// The documentation version the stage publishes: created from the documentation parts as they are now when
    /// the API has no version of that name.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DocumentationVersion { get; set; }

    protected override void ProcessItem()
    {
        var stageName = DeploymentWorkflow.ValidateStageName(StageName);
        var documentationVersion = DocumentationVersion is null ? null : DocumentationWorkflow.ValidateVersion(DocumentationVersion, nameof(DocumentationVersion));
        if (ParameterSetName == ExistingSet)
        {
            PublishExisting(stageName, documentationVersion);
            return;
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
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var plan = DeploymentWorkflow.Plan(request);
        if (documentationVersion is not null)
        {
            Await(ct => DocumentationWorkflow.AddPublishStepsAsync(client, plan, RestApiId, stageName, documentationVersion, ct));
        }

        var target = request.Canary is null ? $"stage {StageName} of REST API {RestApiId}" : $"the canary of stage {StageName} of REST API {RestApiId}";
        if (!ShouldProcess(target, plan.ToString(), () => new DeploymentResult
        {
            Connection = connection,
            RestApiId = RestApiId,
            DeploymentId = PlannedId.For("Deployment", $"for stage {stageName}"),
            StageName = stageName,
            Description = Description,
        }))
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

    private void PublishExisting(string stageName, string? documentationVersion)
    {
        var client = Gateway(ResolveConnection());
        var (plan, deployment, stageExists) = Await(ct => DeploymentWorkflow.PlanPublishExistingAsync(client, RestApiId, stageName, DeploymentId, ct));
        if (documentationVersion is not null)
        {
            Await(ct => DocumentationWorkflow.AddPublishStepsAsync(client, plan, RestApiId, stageName, documentationVersion, ct));
        }

        if (plan.IsEmpty)
        {
            WriteWarning($"Stage {stageName} already serves deployment {DeploymentId}; nothing was changed. " +
                $"To deploy REST API {RestApiId} as it is now, give -RestApiId (or pipe the API) without a deployment.");
        }
        else if (!ShouldProcess($"stage {stageName} of REST API {RestApiId} (to existing deployment {DeploymentId})", plan.ToString(),
            () => DeploymentWorkflow.Published(deployment, new Stage { Connection = client.Connection, RestApiId = RestApiId, StageName = stageName, DeploymentId = DeploymentId }, !stageExists)))
        {
            return;
        }

        var stage = Await(ct => plan.ApplyAsync(client, ct));
        if (documentationVersion is not null)
        {
            stage = Await(ct => client.GetStageAsync(RestApiId, stageName, ct));
        }
        WriteVerbose(stageExists
            ? $"Stage {stageName} now serves existing deployment {DeploymentId}."
            : $"Created stage {stageName} serving existing deployment {DeploymentId}.");
        WriteObject(DeploymentWorkflow.Published(deployment, stage, !stageExists));
    }
}
