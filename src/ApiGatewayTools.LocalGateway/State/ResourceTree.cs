namespace ApiGatewayTools.LocalGateway.State;

internal static class ResourceTree
{
    /// <summary>The full path of a resource: "/" for the root, else "/{a}/{b}" from its ancestors' pathParts.</summary>
    public static string PathOf(IReadOnlyDictionary<string, ResourceRecord> resources, ResourceRecord resource)
    {
        var parts = new Stack<string>();
        for (var current = resource; current.ParentId is { } parentId; current = resources[parentId])
        {
            parts.Push(current.PathPart!);
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>The resource and every resource below it.</summary>
    public static List<ResourceRecord> Subtree(IReadOnlyDictionary<string, ResourceRecord> resources, string resourceId)
    {
        var result = new List<ResourceRecord>();
        var pending = new Queue<string>([resourceId]);
        while (pending.TryDequeue(out var id))
        {
            result.Add(resources[id]);
            foreach (var child in resources.Values.Where(r => r.ParentId == id))
            {
                pending.Enqueue(child.Id);
            }
        }
        return result;
    }
}
