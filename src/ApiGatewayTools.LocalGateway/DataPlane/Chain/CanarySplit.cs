using System.Runtime.CompilerServices;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// A stage with a canary sends each request, at random, to the canary with its percentTraffic share: that
/// request is routed in and served from the canary's deployment, with the canary's stage variables (the
/// stage's, with the canary's overrides). Everything else about the stage (method settings, cache, access
/// log) stays the stage's.
/// </summary>
internal sealed class CanarySplit(Func<double> draw) : IInvokeStage
{
    // One canary view per deployed stage (which lives until the state changes), so a canary request allocates nothing.
    private readonly ConditionalWeakTable<DeployedStage, DeployedStage> _canaryViews = new();

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var stage = context.Stage;
        if (stage.Canary is { PercentTraffic: > 0 } canary && draw() * 100 < canary.PercentTraffic)
        {
            context.Stage = _canaryViews.GetValue(stage, _ => stage with
            {
                DeploymentId = canary.DeploymentId,
                Snapshot = canary.Snapshot,
                Variables = canary.Variables,
            });
            context.Canary = true;
        }
        return default;
    }
}
