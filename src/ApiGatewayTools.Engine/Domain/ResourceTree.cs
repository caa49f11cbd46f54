namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// One API's resources indexed by path, loaded with a single paged GetResources and kept up to date as
/// resources are created or removed, so that many paths in one pipeline cost one listing, not one each.
/// </summary>
public sealed class ResourceTree
{
    private readonly Dictionary<string, RestApiResource> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RestApiResource> _byId = new(StringComparer.Ordinal);

    private ResourceTree(string restApiId) => RestApiId = restApiId;

    public string RestApiId { get; }

    public IEnumerable<RestApiResource> Resources => _byPath.Values.OrderBy(r => r.Path, StringComparer.Ordinal);

    public static async Task<ResourceTree> LoadAsync(GwClient client, string restApiId, CancellationToken ct)
    {
        var tree = new ResourceTree(restApiId);
        await foreach (var resource in client.ListAsync(ApiGatewayOperations.GetResources(restApiId), ct).ConfigureAwait(false))
        {
            tree.Add(resource);
        }

        return tree;
    }

    /// <summary>The tree of an API a -WhatIf run only planned (<see cref="PlannedId"/>): its root, as CreateRestApi makes it, and nothing else.</summary>
    public static ResourceTree Planned(string restApiId, GwConnection connection)
    {
        var tree = new ResourceTree(restApiId);
        tree.Add(new RestApiResource { Connection = connection, RestApiId = restApiId, ResourceId = PlannedId.For("Resource", "/"), Path = "/" });
        return tree;
    }

    public RestApiResource? Find(ResourcePath path) => _byPath.GetValueOrDefault(path.ToString());
    public RestApiResource? FindById(string resourceId) => _byId.GetValueOrDefault(resourceId);

    public void Add(RestApiResource resource)
    {
        _byPath[resource.Path] = resource;
        _byId[resource.ResourceId] = resource;
    }

    /// <summary>Forgets a resource and everything below it, as DeleteResource removes the subtree.</summary>
    public void RemoveSubtree(RestApiResource resource)
    {
        foreach (var r in _byPath.Values.Where(r => r.Path == resource.Path || IsBelow(r, resource)).ToList())
        {
            _byPath.Remove(r.Path);
            _byId.Remove(r.ResourceId);
        }
    }

    /// <summary>The paths from the top down to <paramref name="path"/> that do not exist yet.</summary>
    public IReadOnlyList<ResourcePath> Missing(ResourcePath path) =>
        path.SelfAndAncestorsFromTop().Where(p => Find(p) is null).ToList();

    /// <summary>Resources below <paramref name="resource"/>, deepest first: the order to remove them in.</summary>
    public IReadOnlyList<RestApiResource> Descendants(RestApiResource resource) =>
        _byPath.Values.Where(r => IsBelow(r, resource))
            .OrderByDescending(r => r.Path.Count(c => c == '/')).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();

    /// <summary>True for resources strictly below <paramref name="ancestor"/>; every other resource is below the root.</summary>
    private static bool IsBelow(RestApiResource candidate, RestApiResource ancestor) =>
        candidate.Path != ancestor.Path
        && candidate.Path.StartsWith(ancestor.Path == "/" ? "/" : ancestor.Path + "/", StringComparison.Ordinal);
}
