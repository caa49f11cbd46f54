using System.Text;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// An API drawn as a tree for the console: each path with its methods (authorization, API key, integration
/// target), then which deployment each stage serves.
/// </summary>
public static class RestApiTreeView
{
    public static IReadOnlyList<string> Render(RestApi api, IEnumerable<RestApiResource> resources,
        IReadOnlyDictionary<string, IReadOnlyList<Method>> methodsByResourceId, IEnumerable<Stage> stages)
    {
        var lines = new List<string> { $"{api.Name} ({api.RestApiId}) {api.EndpointType}".TrimEnd() };
        var byParent = resources.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!);
        var root = resources.FirstOrDefault(r => r.Path == "/");
        if (root is not null)
        {
            lines.Add("/");
            AddMethods(lines, "", root, methodsByResourceId, hasChildren: byParent[root.ResourceId].Any());
            AddChildren(lines, "", root, byParent, methodsByResourceId);
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
        ILookup<string, RestApiResource> byParent, IReadOnlyDictionary<string, IReadOnlyList<Method>> methods)
    {
        var children = byParent[parent.ResourceId].OrderBy(r => r.PathPart, StringComparer.Ordinal).ToList();
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            var child = children[i];
            lines.Add($"{indent}{(last ? "└── " : "├── ")}{child.PathPart}");
            var childIndent = indent + (last ? "    " : "│   ");
            AddMethods(lines, childIndent, child, methods, hasChildren: byParent[child.ResourceId].Any());
            AddChildren(lines, childIndent, child, byParent, methods);
        }
    }

    private static void AddMethods(List<string> lines, string indent, RestApiResource resource,
        IReadOnlyDictionary<string, IReadOnlyList<Method>> methods, bool hasChildren)
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
            lines.Add(line.ToString());
        }
    }
}
