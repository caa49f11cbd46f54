using System.Collections.Concurrent;

namespace ApiGatewayTools.LocalGateway.DataPlane.Practices;

/// <summary>
/// A token bucket per key (a method of a stage, a usage plan's key on a method), made on first use. A bucket
/// whose limits changed is replaced by a new, full one: a changed throttle starts afresh, as on AWS.
/// </summary>
internal sealed class TokenBuckets<TKey>(TimeProvider clock)
    where TKey : notnull
{
    // Enough for every method of many stages; past it the buckets start over full, which only ever lets more through.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<TKey, TokenBucket> _buckets = new();

    /// <summary>Takes a token from the key's bucket; false means the request is throttled.</summary>
    public bool TryTake(TKey key, ThrottleLimit limit) => For(key, limit).TryTake();

    private TokenBucket For(TKey key, ThrottleLimit limit)
    {
        if (_buckets.TryGetValue(key, out var bucket) && bucket.Limit == limit)
        {
            return bucket;
        }
        if (_buckets.Count >= Capacity)
        {
            _buckets.Clear();
        }
        var fresh = new TokenBucket(limit, clock);
        return _buckets.AddOrUpdate(key, fresh, (_, existing) => existing.Limit == limit ? existing : fresh);
    }
}
