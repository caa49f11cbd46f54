namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Add, "GwResource", SupportsShouldProcess = true, DefaultParameterSetName = ByPath)]
[OutputType(typeof(RestApiResource))]
public sealed class AddGwResourceCommand : GwRestApiCmdlet
{
    private const string ByPath = "ByPath";
    private const string ByParent = "ByParent";
    private const int ProgressId = 0x7265;

    /// <summary>The full path, e.g. /pets/{petId}/toys; missing parents are created, an existing path is returned as is.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByPath, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ResourcePathCompleter))]
    [ValidateNotNullOrEmpty]
    [ResourcePathArgument(nameof(Path))]
    public string Path { get; set; } = "";

    /// <summary>The parent resource's id (with -PathPart), as in AWS's CreateResource.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByParent)]
    [ValidateNotNullOrEmpty]
    public string ParentId { get; set; } = "";

    /// <summary>The last segment of the new resource's path, e.g. pets or {petId}.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByParent)]
    [ValidateNotNullOrEmpty]
    [ResourcePathArgument(nameof(PathPart))]
    public string PathPart { get; set; } = "";

    /// <summary>The building cmdlets share one listing per API across a script (see <see cref="SharedReads"/>).</summary>
    protected override bool SharesTrees => true;

    protected override object? TargetOfError => ParameterSetName == ByPath ? Path : PathPart;

    protected override void ProcessItem()
    {
        var requested = ParameterSetName == ByPath ? ResourcePath.Parse(Path) : null;
        if (requested is null)
        {
            ResourcePath.ValidatePathPart(PathPart);
        }

        var connection = ResolveConnection();
        var client = Gateway(connection);
        var tree = Tree(connection, RestApiId);
        var path = requested ?? ParentPath(tree).Append(PathPart);

        var plan = ResourceWorkflow.PlanPath(tree, path);
        if (plan.IsEmpty)
        {
            WriteVerbose($"{path} already exists in {RestApiId}; returning it.");
            WriteObject(tree.Find(path));
            return;
        }
        if (!ShouldProcess($"{path} in REST API {RestApiId}", plan.ToString(), () => new RestApiResource
        {
            Connection = connection,
            RestApiId = RestApiId,
            ResourceId = PlannedId.For("Resource", path.ToString()),
            PathPart = path.LastSegment,
            Path = path.ToString(),
        }))
        {
            return;
        }

        var done = 0;
        var total = plan.Steps.Count;
        var leaf = Await(ct => ResourceWorkflow.ApplyPathAsync(client, tree, plan, created => Post(() =>
        {
            done++;
            WriteVerbose($"Created {created.Path} ({created.ResourceId}).");
            if (total > 1)
            {
                WriteProgress(new ProgressRecord(ProgressId, $"Creating {path}", $"{created.Path} ({done} of {total})")
                {
                    PercentComplete = 100 * done / total,
                });
            }
        }), ct));
        if (total > 1)
        {
            WriteProgress(new ProgressRecord(ProgressId, $"Creating {path}", "Done") { RecordType = ProgressRecordType.Completed });
        }

        WriteObject(leaf);
    }

    private ResourcePath ParentPath(ResourceTree tree)
    {
        var parent = tree.FindById(ParentId)
            ?? throw new GwNotFoundException("ParentResourceNotFound", $"REST API {RestApiId} has no resource with id {ParentId}. List them with Get-GwResource -RestApiId {RestApiId}.");
        return ResourcePath.Parse(parent.Path);
    }
}
