using System.Collections.Concurrent;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>
/// Keeps an account's request rate under API Gateway's documented per-account control-plane quotas,
/// so long scripts slow down smoothly instead of collecting 429s. One pacer per endpoint (host and port), region
/// and access key, shared by every client in the process: every cmdlet, and every runspace of ForEach-Object
/// -Parallel, since the engine is loaded once per process. AWS's own endpoints are paced, and endpoints that
/// enforce the same quotas (<see cref="GwConnection.PacedToQuotas"/>).
/// </summary>
internal sealed class QuotaPacer
{
    private static readonly ConcurrentDictionary<string, QuotaPacer> Pacers = new(StringComparer.Ordinal);

    internal const string SharedBucket = "*";

    /// <summary>AWS's per-account quotas as (burst, tokens per second). Everything else shares one 10/s bucket with burst 40.</summary>
    internal static readonly IReadOnlyDictionary<string, (int Burst, double PerSecond)> Quotas =
        new Dictionary<string, (int, double)>(StringComparer.Ordinal)
        {
            ["CreateRestApi"] = (1, 1 / 3.0),
            ["ImportRestApi"] = (1, 1 / 3.0),
            ["PutRestApi"] = (1, 1),
            ["CreateResource"] = (5, 5),
            ["DeleteResource"] = (5, 5),
            ["CreateDeployment"] = (1, 1 / 5.0),
            ["DeleteRestApi"] = (1, 1 / 30.0),
            ["GetResources"] = (5, 2.5),
            ["CreateApiKey"] = (5, 5),
            ["UpdateUsagePlan"] = (1, 1 / 20.0),
            [SharedBucket] = (40, 10),
        };

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    internal QuotaPacer(TimeProvider time) => _time = time;

    /// <summary>
    /// Added to every wait. Our bucket counts a token from the moment it is reserved, the service's from the moment the
    /// request arrives, and that delay varies (the first request of a connection, a busy machine): a send held to the
    /// exact refill instant can reach the service before its token. The margin shifts held sends, not the rate: the
    /// reservations behind them are counted from the bucket, so a long build loses no throughput to it.
    /// </summary>
    internal static readonly TimeSpan SendMargin = TimeSpan.FromMilliseconds(250);

    public static QuotaPacer For(string endpoint, string region, string accessKeyId) =>
        Pacers.GetOrAdd($"{endpoint}|{region}|{accessKeyId}", _ => new QuotaPacer(TimeProvider.System));

    /// <summary>Reserves the operation's token and answers how long to wait before sending.</summary>
    public TimeSpan Reserve(string operation) => BucketFor(operation).Reserve();

    private TokenBucket BucketFor(string operation)
    {
        var name = Quotas.ContainsKey(operation) ? operation : SharedBucket;
        return _buckets.GetOrAdd(name, n => new TokenBucket(Quotas[n].Burst, Quotas[n].PerSecond, _time));
    }

    /// <summary>
    /// Called when an attempt of the operation has its answer (or failed): the service took its token at some moment
    /// up to now. A bucket that is full at that moment loses what it would refill meanwhile; ours counted the token
    /// from the reservation, so near full it forgets what it refilled since and counts from now, never ahead of the service's.
    /// </summary>
    public void Settle(string operation) => BucketFor(operation).Settle();

    public async Task AcquireAsync(string operation, Action<TimeSpan> reportWait, Func<TimeSpan, CancellationToken, Task> delay, CancellationToken ct)
    {
        var wait = Reserve(operation);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        wait += SendMargin;
        reportWait(wait);
        await delay(wait, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A token bucket that hands out reservations: a caller takes a token even when the bucket is empty
    /// and waits until that token would have been refilled, so concurrent callers queue fairly in arrival order.
    /// </summary>
    internal sealed class TokenBucket
    {
        private readonly object _gate = new();
        private readonly int _burst;
        private readonly double _perSecond;
        private readonly TimeProvider _time;
        private double _tokens;
        private long _lastRefill;

        public TokenBucket(int burst, double perSecond, TimeProvider time)
        {
            _burst = burst;
            _perSecond = perSecond;
            _time = time;
            _tokens = burst;
            _lastRefill = time.GetTimestamp();
        }

        public TimeSpan Reserve()
        {
            lock (_gate)
            {
                Refill();
                _tokens -= 1;
                return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
            }
        }

        /// <summary>A request's token was taken at the latest now: a bucket within one token of full restarts its refill here.</summary>
        public void Settle()
        {
            lock (_gate)
            {
                Refill();
                _tokens = Math.Min(_tokens, _burst - 1);
            }
        }

        private void Refill()
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + _time.GetElapsedTime(_lastRefill, now).TotalSeconds * _perSecond);
            _lastRefill = now;
        }
    }
}
