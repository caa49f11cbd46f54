namespace ApiGatewayTools.LocalGateway.DataPlane.Practices;

/// <summary>
/// API Gateway's throttle: a bucket of <see cref="Burst"/> tokens, full at first, refilled continuously at
/// <see cref="RatePerSecond"/>; each request takes one, and a request that finds less than one is throttled.
/// </summary>
/// <remarks>
/// Not System.Threading.RateLimiting's TokenBucketRateLimiter: that one refills whole tokens on a timer per
/// period, while AWS's rates are fractional per second (0.5 is a valid rate) and the local gateway keeps a
/// bucket per method of every stage. Refilling from the elapsed time on each take needs no timer, and the
/// lock is held for a few arithmetic operations.
/// </remarks>
internal sealed class TokenBucket
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _refilledAt;

    public TokenBucket(ThrottleLimit limit, TimeProvider clock)
    {
        Limit = limit;
        _clock = clock;
        _tokens = limit.Burst;
        _refilledAt = clock.GetTimestamp();
    }

    public ThrottleLimit Limit { get; }
    public double RatePerSecond => Limit.RatePerSecond;
    public int Burst => Limit.Burst;

    /// <summary>Takes a token if there is one; false means the request is throttled.</summary>
    public bool TryTake() => TryTake(out _);

    /// <summary>Takes a token if there is one; when there is none, <paramref name="nextToken"/> says how long until there is.</summary>
    public bool TryTake(out TimeSpan nextToken) => TryTake(out nextToken, TimeSpan.Zero);

    /// <summary>
    /// Takes a token if there is one, or if the next one is due within <paramref name="slack"/>: the bucket then
    /// owes that part of a token and the next request waits for it, so the long-run rate is unchanged. A client
    /// that waits exactly the Retry-After it was given is not refused because its timer fired a moment early.
    /// </summary>
    public bool TryTake(out TimeSpan nextToken, TimeSpan slack)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            var elapsed = _clock.GetElapsedTime(_refilledAt, now).TotalSeconds;
            _refilledAt = now;
            _tokens = Math.Min(Burst, _tokens + (elapsed * RatePerSecond));
            if (_tokens < 1 - (slack.TotalSeconds * RatePerSecond))
            {
                nextToken = RatePerSecond > 0 ? TimeSpan.FromSeconds((1 - _tokens) / RatePerSecond) : TimeSpan.MaxValue;
                return false;
            }
            _tokens -= 1;
            nextToken = TimeSpan.Zero;
            return true;
        }
    }
}
