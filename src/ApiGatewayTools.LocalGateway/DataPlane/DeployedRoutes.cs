using System.Runtime.CompilerServices;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>A resource found for a request path, with the path parameters it captured.</summary>
internal sealed record ResourceMatch(ResourceRecord Resource, string ResourcePath, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// A deployment's resource tree compiled for matching request paths the way API Gateway does: at each
/// level a literal child wins over a {param} sibling, which wins over a {proxy+} sibling; a dead end
/// falls back to the next candidate; {proxy+} takes one or more remaining segments. Built once per
/// deployment snapshot (snapshots never change) and shared by every request to stages that serve it.
/// </summary>
internal sealed class DeployedRoutes
{
    private static readonly ConditionalWeakTable<DeploymentSnapshot, DeployedRoutes> Compiled = new();
    private static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>(StringComparer.Ordinal);

    private readonly Node _root = new();

    private DeployedRoutes(DeploymentSnapshot snapshot)
    {
        foreach (var resource in snapshot.Resources.Values)
        {
            var path = snapshot.Paths[resource.Id];
            var node = _root;
            foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node.Child(part);
            }
            node.Resource = resource;
            node.ResourcePath = path;
        }
    }

    public static DeployedRoutes For(DeploymentSnapshot snapshot) => Compiled.GetValue(snapshot, s => new DeployedRoutes(s));

    public ResourceMatch? Match(string[] segments)
    {
        List<KeyValuePair<string, string>>? captured = null;
        var node = Find(_root, segments, 0, ref captured);
        if (node?.Resource is null)
        {
            return null;
        }
        var parameters = captured is null
            ? NoParameters
            : captured.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return new ResourceMatch(node.Resource, node.ResourcePath!, parameters);
    }

    private static Node? Find(Node node, string[] segments, int index, ref List<KeyValuePair<string, string>>? captured)
    {
        if (index == segments.Length)
        {
            return node.Resource is null ? null : node;
        }
        var segment = segments[index];
        if (node.Literals is not null && node.Literals.TryGetValue(segment, out var literal)
            && Find(literal, segments, index + 1, ref captured) is { } literalMatch)
        {
            return literalMatch;
        }
        if (node.Variable is not null && segment.Length > 0)
        {
            captured ??= [];
            captured.Add(new(node.VariableName!, segment));
            if (Find(node.Variable, segments, index + 1, ref captured) is { } variableMatch)
            {
                return variableMatch;
            }
            captured!.RemoveAt(captured.Count - 1);
        }
        if (node.Greedy is not null)
        {
            captured ??= [];
            captured.Add(new(node.GreedyName!, string.Join('/', segments, index, segments.Length - index)));
            return node.Greedy;
        }
        return null;
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Literals { get; private set; }
        public Node? Variable { get; private set; }
        public string? VariableName { get; private set; }
        public Node? Greedy { get; private set; }
        public string? GreedyName { get; private set; }
        public ResourceRecord? Resource { get; set; }
        public string? ResourcePath { get; set; }

        public Node Child(string pathPart)
        {
            if (pathPart.StartsWith('{') && pathPart.EndsWith("+}", StringComparison.Ordinal))
            {
                GreedyName = pathPart[1..^2];
                return Greedy ??= new Node();
            }
            if (pathPart.StartsWith('{') && pathPart.EndsWith('}'))
            {
                VariableName = pathPart[1..^1];
                return Variable ??= new Node();
            }
            Literals ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!Literals.TryGetValue(pathPart, out var child))
            {
                child = new Node();
                Literals.Add(pathPart, child);
            }
            return child;
        }
    }
}
