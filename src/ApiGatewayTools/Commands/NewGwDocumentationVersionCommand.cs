namespace ApiGatewayTools.Commands;

/// <summary>
/// Snapshots the API's documentation parts as a named version; with -StageName, the stage publishes it. A version
/// of that name already there is kept (versions are snapshots): its description is updated and the stage pointed at it.
/// </summary>
[Cmdlet(VerbsCommon.New, "GwDocumentationVersion", SupportsShouldProcess = true)]
[OutputType(typeof(DocumentationVersion))]
public sealed class NewGwDocumentationVersionCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Version { get; set; } = "";

    [Parameter]
    public string? Description { get; set; }

    /// <summary>A stage that publishes the version; binds from stages and Publish-GwDeployment's result.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? StageName { get; set; }

    protected override object? TargetOfError => Version;

    protected override void ProcessItem()
    {
        var version = DocumentationWorkflow.ValidateVersion(Version);
        var stageName = StageName is null ? null : DeploymentWorkflow.ValidateStageName(StageName);
        var client = Gateway(ResolveConnection());
        var existing = Await(ct => DocumentationWorkflow.FindVersionAsync(client, RestApiId, version, ct));
        var stage = stageName is null ? null : Await(ct => client.GetStageAsync(RestApiId, stageName, ct));
        var plan = DocumentationWorkflow.PlanVersion(RestApiId, version, Description, stageName, existing, stage);
        if (ApplyPlan(client, plan, $"documentation version {version} of REST API {RestApiId}", out var result))
        {
            WriteObject(result);
        }
    }
}
