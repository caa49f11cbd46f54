using System.Collections.Concurrent;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// Finds the stage the invoke URL names and the deployment it serves; an unknown stage or API, or an API
/// whose default endpoint is disabled, is forbidden. Lookups are cached until the control plane changes
/// anything, so the hot path takes no lock.
/// </summary>
internal sealed class DeployedStageLookup(Func<string, string, DeployedStage?> findDeployedStage, Func<long> stateVersion) : IInvokeStage
{
    private const int CacheCapacity = 1024;

    private readonly ConcurrentDictionary<(string RestApiId, string StageName), CachedStage> _cache = new();

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var target = context.Target;
        if (Find(target.RestApiId, target.StageName) is not { } stage)
        {
            return new(MethodResult.GatewayError(GatewayFailure.Forbidden, $"no stage {target.StageName} in API {target.RestApiId}"));
        }
        if (stage.ExecuteApiEndpointDisabled)
        {
            return new(MethodResult.GatewayError(GatewayFailure.Forbidden, $"the default endpoint of API {target.RestApiId} is disabled"));
        }
        context.Stage = stage;
        return default;
    }

    private DeployedStage? Find(string restApiId, string stageName)
    {
        // Read the version before the state: a change that lands in between makes the entry stale, never wrong.
        var version = stateVersion();
        var key = (restApiId, stageName);
        if (_cache.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Stage;
        }
        var stage = findDeployedStage(restApiId, stageName);
        if (_cache.Count >= CacheCapacity)
        {
            _cache.Clear();
        }
        _cache[key] = new CachedStage(version, stage);
        return stage;
    }

    private sealed record CachedStage(long Version, DeployedStage? Stage);
}
