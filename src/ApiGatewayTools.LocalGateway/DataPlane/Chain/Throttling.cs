using System.Collections.Concurrent;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// API Gateway's throttling, after the other caller checks: the method's own throttle (its method settings,
/// else the stage's default method throttle, which every method of the stage has a bucket of its own for),
/// then the account's. An empty bucket is the THROTTLED gateway response, 429 Too Many Requests.
/// </summary>
internal sealed class Throttling(ThrottleLimit account, TimeProvider clock) : IInvokeStage
{
    // Enough for every method of many stages; past it the buckets start over full, which only ever lets more through.
    private const int MethodBucketCapacity = 10_000;

    private readonly TokenBucket _account = new(account, clock);
    private readonly ConcurrentDictionary<(string RestApiId, string StageName, string ResourcePath, string HttpMethod), TokenBucket> _methods = new();

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var stage = context.Stage;
        var resourcePath = context.Match.ResourcePath;
        var httpMethod = context.Method.HttpMethod;
        if (StagePractices.For(stage).Method(resourcePath, httpMethod).Throttle is { } limit
            && !MethodBucket((stage.RestApiId, stage.StageName, resourcePath, httpMethod), limit).TryTake())
        {
            return new(MethodResult.GatewayError(GatewayFailure.Throttled,
                $"{httpMethod} {resourcePath} is over its throttle of {limit.RatePerSecond} requests per second (burst {limit.Burst})"));
        }
        if (!_account.TryTake())
        {
            return new(MethodResult.GatewayError(GatewayFailure.Throttled,
                $"the account is over its throttle of {_account.RatePerSecond} requests per second (burst {_account.Burst})"));
        }
        return default;
    }

    /// <summary>The method's bucket; a new, full one when its limits changed (a changed throttle starts afresh, as on AWS).</summary>
    private TokenBucket MethodBucket((string, string, string, string) key, ThrottleLimit limit)
    {
        if (_methods.TryGetValue(key, out var bucket) && bucket.Limit == limit)
        {
            return bucket;
        }
        if (_methods.Count >= MethodBucketCapacity)
        {
            _methods.Clear();
        }
        var fresh = new TokenBucket(limit, clock);
        return _methods.AddOrUpdate(key, fresh, (_, existing) => existing.Limit == limit ? existing : fresh);
    }
}
