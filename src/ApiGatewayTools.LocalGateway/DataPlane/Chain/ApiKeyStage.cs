using System.Collections.Concurrent;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// API keys and usage plans, after the authorizer (which may supply the key) and before the stage's throttling.
/// On a method that requires a key: a missing, unknown or disabled key, or one no usage plan opens this stage
/// to, is 403 Forbidden; then the plan's throttle for the method (else the plan's own) is 429 Too Many Requests,
/// and a used-up quota is 429 Limit Exceeded. A request that passes is counted against the key's quota.
/// </summary>
internal sealed class ApiKeyStage(Func<string, string, string, ApiKeyAccess> findAccess, Func<long> stateVersion, UsageMeter usage, TimeProvider clock)
    : IInvokeStage
{
    private const int CacheCapacity = 1024;

    private readonly ConcurrentDictionary<(string KeyValue, string RestApiId, string StageName), CachedAccess> _cache = new();
    private readonly TokenBuckets<(string PlanId, string KeyId, string Method)> _throttles = new(clock);

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        if (!context.Method.ApiKeyRequired)
        {
            return default;
        }
        var stage = context.Stage;
        var keyValue = stage.ApiKeySource == "AUTHORIZER" ? context.UsageIdentifierKey : context.Request.Headers["x-api-key"];
        if (string.IsNullOrEmpty(keyValue))
        {
            return Refuse(GatewayFailure.InvalidApiKey, stage.ApiKeySource == "AUTHORIZER"
                ? "the method requires an API key and the authorizer gave no usageIdentifierKey"
                : "the method requires an API key and the request has no x-api-key header");
        }
        var access = Find(keyValue, stage.RestApiId, stage.StageName);
        if (access.KeyId is not { } keyId)
        {
            return Refuse(GatewayFailure.InvalidApiKey, "the API key is not a key of this account");
        }
        if (!access.Enabled)
        {
            return Refuse(GatewayFailure.InvalidApiKey, $"API key {keyId} is disabled");
        }
        if (access.Plan is not { } plan)
        {
            return Refuse(GatewayFailure.InvalidApiKey, $"API key {keyId} is in no usage plan for stage {stage.StageName} of API {stage.RestApiId}");
        }
        context.ApiKeyId = keyId;
        var method = $"{context.Match.ResourcePath}/{context.Method.HttpMethod}";
        var apiStage = plan.ApiStages.First(s => s.ApiId == stage.RestApiId && s.Stage == stage.StageName);
        var (throttle, scope) = apiStage.Throttle.TryGetValue(method, out var methodThrottle) ? (methodThrottle.Limit, method) : (plan.Throttle?.Limit, "*");
        if (throttle is { } limit && !_throttles.TryTake((plan.Id, keyId, scope), limit))
        {
            return Refuse(GatewayFailure.Throttled,
                $"API key {keyId} is over usage plan {plan.Id}'s throttle of {limit.RatePerSecond} requests per second (burst {limit.Burst})");
        }
        if (!usage.TryCount(plan.Id, keyId, plan.Quota, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
        {
            return Refuse(GatewayFailure.QuotaExceeded, $"API key {keyId} has used usage plan {plan.Id}'s quota of {plan.Quota!.Limit} per {plan.Quota.Period}");
        }
        return default;
    }

    private static ValueTask<MethodResult?> Refuse(GatewayFailure failure, string why) => new(MethodResult.GatewayError(failure, why));

    /// <summary>Cached until the control plane changes anything, as <see cref="DeployedStageLookup"/> caches stages, so the hot path takes no lock.</summary>
    private ApiKeyAccess Find(string keyValue, string restApiId, string stageName)
    {
        var version = stateVersion();
        var key = (keyValue, restApiId, stageName);
        if (_cache.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Access;
        }
        var access = findAccess(keyValue, restApiId, stageName);
        if (_cache.Count >= CacheCapacity)
        {
            _cache.Clear();
        }
        _cache[key] = new CachedAccess(version, access);
        return access;
    }

    private sealed record CachedAccess(long Version, ApiKeyAccess Access);
}
