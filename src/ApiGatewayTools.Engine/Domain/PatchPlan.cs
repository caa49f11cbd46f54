namespace ApiGatewayTools.Engine.Domain;

/// <summary>Turns a list of patch operations into the update requests of a plan, batched.</summary>
public static class PatchPlan
{
    /// <summary>
    /// Patch operations per update request. AWS documents no limit on the patch list of an update, but tools that
    /// patch many method settings at once report refusals of long lists; 50 per request stays well clear of that
    /// and still sends a whole stage's usual settings in one request.
    /// </summary>
    public const int OperationsPerRequest = 50;

    /// <summary>
    /// One update per batch of <paramref name="operations"/>, in order; the plan answers the last update's result,
    /// or <paramref name="unchanged"/> (sending nothing) when there is nothing to change.
    /// </summary>
    public static GwPlan<T> Updates<T>(IReadOnlyList<PatchOperation> operations, Func<IReadOnlyList<PatchOperation>, GwOperation<T>> update, T unchanged)
    {
        var plan = new GwPlan<T>();
        GwPlanStep<T>? last = null;
        foreach (var batch in operations.Chunk(OperationsPerRequest))
        {
            last = plan.Add(update(batch));
        }

        if (last is null)
        {
            plan.Returns(unchanged);
        }
        else
        {
            plan.Returns(last);
        }

        return plan;
    }

    /// <summary>A Boolean as a patch value ("true"/"false"); null for a setting left as it is.</summary>
    public static string? Flag(bool? value) => value switch
    {
        null => null,
        true => "true",
        false => "false",
    };
}
