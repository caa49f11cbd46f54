namespace ApiGatewayTools.Commands;

/// <summary>
/// Draws a whole API as a tree: paths, methods, authorization, integration targets and stages; a method whose live
/// definition differs from what the stage (-StageName), or every stage, serves is marked "not deployed".
/// </summary>
[Cmdlet(VerbsCommon.Show, "GwRestApi")]
[OutputType(typeof(string))]
public sealed class ShowGwRestApiCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    public string RestApiId { get; set; } = "";

    /// <summary>Marks what differs from this stage; from every stage when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StageName { get; set; }

    protected override object? TargetOfError => RestApiId;

    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var api = Await(ct => client.GetRestApiAsync(RestApiId, ct));
        var tree = Tree(connection, RestApiId);
        // The listing embeds every method with its integration: nothing is read method by method.
        var methods = tree.Resources.Where(r => r.HttpMethods.Count > 0)
            .ToDictionary(r => r.ResourceId, r => (IReadOnlyList<Method>)r.ResourceMethods.Values.ToList());
        var stages = Await(ct => client.GetStagesAsync(RestApiId, null, ct));
        WriteObject(RestApiTreeView.Render(api, tree.Resources, methods, stages, Undeployed(client, stages)), enumerateCollection: true);
    }

    private UndeployedRoutes? Undeployed(ApiGatewayClient client, IReadOnlyList<Stage> stages)
    {
        var compared = stages.Where(s => StageName is null || s.StageName == StageName).Select(s => s.StageName).ToList();
        if (compared.Count == 0)
        {
            return null;
        }

        try
        {
            var live = Await(ct => ApiDefinitionFromService.ReadLiveAsync(client, RestApiId, ct)).Definition;
            var served = compared.Select(stage => Await(ct => ApiDefinitionFromService.ReadStageAsync(client, RestApiId, stage, ct))).ToList();
            return UndeployedRoutes.Between(live, served);
        }
        catch (Exception e) when (e is GwServiceException or ApiDocumentException)
        {
            // The tree is worth drawing without the marks (e.g. a role that may read the API but not export it, or an
            // export this module cannot read as a definition).
            var id = e is GwServiceException service ? service.ErrorId : ApiDocumentException.InvalidDocumentErrorId;
            WriteWarning($"What is not deployed is not marked: reading what the stages serve failed ({id}: {e.Message}).");
            return null;
        }
    }
}
