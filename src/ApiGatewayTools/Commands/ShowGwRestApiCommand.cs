namespace ApiGatewayTools.Commands;

/// <summary>Draws a whole API as a tree: paths, methods, authorization, integration targets and stages.</summary>
[Cmdlet(VerbsCommon.Show, "GwRestApi")]
[OutputType(typeof(string))]
public sealed class ShowGwRestApiCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    public string RestApiId { get; set; } = "";

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
        WriteObject(RestApiTreeView.Render(api, tree.Resources, methods, stages), enumerateCollection: true);
    }
}
