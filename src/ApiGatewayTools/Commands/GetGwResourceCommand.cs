namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwResource")]
[OutputType(typeof(RestApiResource))]
public sealed class GetGwResourceCommand : GwResourceCmdlet
{
    protected override void ProcessItem()
    {
        var exactPath = Path is not null && !WildcardPattern.ContainsWildcardCharacters(Path) ? ResourcePath.Parse(Path) : null;
        var connection = ResolveConnection();
        if (ResourceId is not null)
        {
            WriteObject(LocateResource(connection));
            return;
        }
        var tree = Tree(connection, RestApiId);
        if (exactPath is not null)
        {
            WriteObject(ResourceWorkflow.FindOrThrow(tree, exactPath));
            return;
        }
        var pattern = Path is null ? null : new WildcardPattern(Path, WildcardOptions.IgnoreCase);
        WriteObject(tree.Resources.Where(r => pattern?.IsMatch(r.Path) ?? true), enumerateCollection: true);
    }
}
