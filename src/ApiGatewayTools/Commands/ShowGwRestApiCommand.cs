using System.Management.Automation;
using ApiGatewayTools.Common;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Commands;

/// <summary>Draws a whole API as a tree: paths, methods, authorization, integration targets and stages.</summary>
[Cmdlet(VerbsCommon.Show, "GwRestApi")]
[OutputType(typeof(string))]
public sealed class ShowGwRestApiCommand : GwCmdlet
{
    private const int ProgressId = 0x7368;

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
        var withMethods = tree.Resources.Where(r => r.HttpMethods.Count > 0).ToList();
        var methods = new Dictionary<string, IReadOnlyList<Method>>();
        for (var i = 0; i < withMethods.Count; i++)
        {
            var resource = withMethods[i];
            WriteProgress(new ProgressRecord(ProgressId, $"Reading {api.Name}", resource.Path) { PercentComplete = 100 * i / withMethods.Count });
            methods[resource.ResourceId] = resource.HttpMethods
                .Select(verb => Await(ct => client.GetMethodAsync(RestApiId, resource.ResourceId, verb, ct)))
                .ToList();
        }
        WriteProgress(new ProgressRecord(ProgressId, $"Reading {api.Name}", "Done") { RecordType = ProgressRecordType.Completed });
        var stages = Await(ct => client.GetStagesAsync(RestApiId, null, ct));
        WriteObject(RestApiTreeView.Render(api, tree.Resources, methods, stages), enumerateCollection: true);
    }
}
