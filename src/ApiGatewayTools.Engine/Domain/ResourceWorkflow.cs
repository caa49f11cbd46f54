namespace ApiGatewayTools.Engine.Domain;

/// <summary>Finding and creating resources by path, the way users think of them.</summary>
public static class ResourceWorkflow
{
    public const string PathNotFoundErrorId = "ResourcePathNotFound";

    /// <summary>
    /// The CreateResource of each missing path from the top down to <paramref name="path"/>, each under the
    /// parent the step before it creates; the plan answers the resource at <paramref name="path"/>. An existing
    /// path makes an empty plan that answers it as it is: re-running a script converges instead of failing or
    /// duplicating.
    /// </summary>
    public static GwPlan<RestApiResource> PlanPath(ResourceTree tree, ResourcePath path)
    {
        var plan = new GwPlan<RestApiResource>();
        if (tree.Find(path) is { } existing)
        {
            plan.Returns(existing);
            return plan;
        }
        GwPlanStep<RestApiResource>? previous = null;
        foreach (var missing in tree.Missing(path))
        {
            var operation = previous is null
                ? ApiGatewayOperations.CreateResource(tree.RestApiId, (tree.Find(missing.Parent) ?? throw new InvalidOperationException($"{missing.Parent} is neither listed nor planned.")).ResourceId, missing.LastSegment)
                : ApiGatewayOperations.CreateResource(tree.RestApiId, previous.Refer(r => r.ResourceId, $"id of {missing.Parent}"), missing.LastSegment);
            previous = plan.Add(operation, (client, refusal, ct) => TakeTheirsAsync(client, tree.RestApiId, missing, refusal, ct));
        }
        plan.Returns(previous!);
        return plan;
    }

    /// <summary>Applies a <see cref="PlanPath"/> plan, keeping <paramref name="tree"/> current as each resource appears.</summary>
    public static Task<RestApiResource> ApplyPathAsync(GwClient client, ResourceTree tree, GwPlan<RestApiResource> plan,
        Action<RestApiResource>? created, CancellationToken ct) =>
        plan.ApplyAsync(client, (_, answer) =>
        {
            var resource = (RestApiResource)answer!;
            tree.Add(resource);
            created?.Invoke(resource);
        }, ct);

    /// <summary>Someone else created the path between our listing and now: carry on with theirs.</summary>
    private static async Task<RestApiResource> TakeTheirsAsync(GwClient client, string restApiId, ResourcePath path, GwServiceException refusal, CancellationToken ct)
    {
        var fresh = await ResourceTree.LoadAsync(client, restApiId, ct).ConfigureAwait(false);
        return fresh.Find(path) ?? throw refusal;
    }

    /// <summary>The resource at <paramref name="path"/>, or an error that says how to create it.</summary>
    public static RestApiResource FindOrThrow(ResourceTree tree, ResourcePath path) =>
        tree.Find(path) ?? throw new GwNotFoundException(PathNotFoundErrorId,
            $"REST API {tree.RestApiId} has no resource at {path}. Create it with: Add-GwResource -RestApiId {tree.RestApiId} -Path '{path}'");
}
