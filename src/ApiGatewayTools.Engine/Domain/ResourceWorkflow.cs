using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>Finding and creating resources by path, the way users think of them.</summary>
public static class ResourceWorkflow
{
    public const string PathNotFoundErrorId = "ResourcePathNotFound";

    /// <summary>
    /// Returns the resource at <paramref name="path"/>, creating each missing parent first. An existing path
    /// is returned as is: re-running a script converges instead of failing or duplicating.
    /// </summary>
    public static async Task<RestApiResource> EnsurePathAsync(ApiGatewayClient client, ResourceTree tree, ResourcePath path,
        Action<RestApiResource>? created, CancellationToken ct)
    {
        foreach (var missing in tree.Missing(path))
        {
            var parent = tree.Find(missing.Parent)
                ?? throw new InvalidOperationException($"Parent of {missing} vanished while creating it.");
            RestApiResource resource;
            try
            {
                resource = await client.CreateResourceAsync(tree.RestApiId, parent.ResourceId, missing.LastSegment, ct).ConfigureAwait(false);
            }
            catch (GwServiceException e) when (e.Kind == GwErrorKind.Conflict)
            {
                // Someone else created it between our listing and now: take theirs.
                var fresh = await ResourceTree.LoadAsync(client, tree.RestApiId, ct).ConfigureAwait(false);
                var theirs = fresh.Find(missing);
                if (theirs is null)
                    throw;
                tree.Add(theirs);
                continue;
            }
            tree.Add(resource);
            created?.Invoke(resource);
        }
        return tree.Find(path)!;
    }

    /// <summary>The resource at <paramref name="path"/>, or an error that says how to create it.</summary>
    public static RestApiResource FindOrThrow(ResourceTree tree, ResourcePath path) =>
        tree.Find(path) ?? throw new GwNotFoundException(PathNotFoundErrorId,
            $"REST API {tree.RestApiId} has no resource at {path}. Create it with: Add-GwResource -RestApiId {tree.RestApiId} -Path '{path}'");
}
