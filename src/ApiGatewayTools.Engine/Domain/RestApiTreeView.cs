using System.Text;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// An API drawn as a tree for the console: each path with its methods (authorization, API key, integration
/// target), then which deployment each stage serves.
/// </summary>
public static class RestApiTreeView
{
    /// <param name="undeployed">What differs from what the stages serve (<see cref="Undeployed"/>); null when not known.</param>
    public static IReadOnlyList<string> Render(RestApi api, IEnumerable<RestApiResource> resources,
        IReadOnlyDictionary<string, IReadOnlyList<Method>> methodsByResourceId, IEnumerable<Stage> stages, UndeployedRoutes? undeployed = null)
    {
        var lines = new List<string> { $"{api.Name} ({api.RestApiId}) {api.EndpointType}".TrimEnd() };
        var byParent = resources.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!);
        var root = resources.FirstOrDefault(r => r.Path == "/");
        if (root is not null)
        {
            lines.Add("/");
            AddMethods(lines, "", root, methodsByResourceId, hasChildren: byParent[root.ResourceId].Any(), undeployed);
            AddChildren(lines, "", root, byParent, methodsByResourceId, undeployed);
        }

        foreach (var removed in undeployed?.Removed ?? [])
        {
            lines.Add($"  {removed}  (removed, still served: not deployed)");
        }

        var stageList = stages.OrderBy(s => s.StageName, StringComparer.Ordinal).ToList();
        lines.Add(stageList.Count == 0 ? "Stages: none (run Publish-GwDeployment to serve this API)" : "Stages:");
        foreach (var stage in stageList)
        {
            lines.Add($"  {stage.StageName} -> deployment {stage.DeploymentId}{(stage.LastUpdatedDate is { } at ? $" ({at.LocalDateTime:yyyy-MM-dd HH:mm})" : "")}  {stage.InvokeUrl}");
        }

        return lines;
    }

    private static void AddChildren(List<string> lines, string indent, RestApiResource parent,
        ILookup<string, RestApiResource> byParent, IReadOnlyDictionary<string, IReadOnlyList<Method>> methods, UndeployedRoutes? undeployed)
    {
        var children = byParent[parent.ResourceId].OrderBy(r => r.PathPart, StringComparer.Ordinal).ToList();
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            var child = children[i];
            lines.Add($"{indent}{(last ? "└── " : "├── ")}{child.PathPart}");
            var childIndent = indent + (last ? "    " : "│   ");
            AddMethods(lines, childIndent, child, methods, hasChildren: byParent[child.ResourceId].Any(), undeployed);
            AddChildren(lines, childIndent, child, byParent, methods, undeployed);
        }
    }

    private static void AddMethods(List<string> lines, string indent, RestApiResource resource,
        IReadOnlyDictionary<string, IReadOnlyList<Method>> methods, bool hasChildren, UndeployedRoutes? undeployed)
    {
        if (!methods.TryGetValue(resource.ResourceId, out var list))
        {
            return;
        }

        var gutter = indent + (hasChildren ? "│ " : "  ");
        foreach (var method in list.OrderBy(m => m.HttpMethod, StringComparer.Ordinal))
        {
            var line = new StringBuilder($"{gutter}{method.HttpMethod,-7} {method.AuthorizationType}");
            if (method.ApiKeyRequired)
            {
                line.Append(" +api-key");
            }

            line.Append(" -> ").Append(method.Integration?.Target ?? "(no integration)");
            if (undeployed?.Changed.Contains(new ApiRouteKey(resource.Path, method.HttpMethod)) == true)
            {
                line.Append("  * not deployed");
            }

            lines.Add(line.ToString());
        }
    }
}

/// <summary>
/// Routes whose live definition differs from what the stage(s) serve: changed or added ones (marked in the tree)
/// and removed ones that a stage still serves (listed after it).
/// </summary>
public sealed record UndeployedRoutes(IReadOnlySet<ApiRouteKey> Changed, IReadOnlyList<ApiRouteKey> Removed)
{
    /// <summary>A route is not deployed when it differs from the given stage's, or from every stage's when none is given.</summary>
    public static UndeployedRoutes Between(ApiDefinition live, IReadOnlyList<ApiDefinition> served)
    {
        var perStage = served.Select(stage => ApiDifference.Between(stage, live).Where(d => d.Path is not null && d.Method is not null).ToList()).ToList();
        IEnumerable<ApiRouteKey> Keys(IEnumerable<ApiDifference> differences, Func<ApiDifference, bool> which) =>
            differences.Where(which).Select(d => new ApiRouteKey(d.Path!, d.Method!));
        var changed = perStage.Select(list => Keys(list, d => !(d.Kind == ApiDifferenceKind.Route && d.Change == ApiChange.Removed)).ToHashSet())
            .Aggregate((IEnumerable<ApiRouteKey>?)null, (all, next) => all is null ? next : all.Intersect(next))?.ToHashSet() ?? [];
        var removed = perStage.SelectMany(list => Keys(list, d => d.Kind == ApiDifferenceKind.Route && d.Change == ApiChange.Removed)).Distinct().Order().ToList();
        return new(changed, removed);
    }
}
