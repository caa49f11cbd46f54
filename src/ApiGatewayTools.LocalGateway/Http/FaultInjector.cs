namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// Decides, call by call, whether an AWS API call meets a fault. One seeded generator, drawn from under a
/// lock in the order calls arrive, so the same seed and the same sequence of calls meet the same faults.
/// </summary>
internal sealed class FaultInjector
{
    /// <summary>How long a <see cref="LocalFault.SlowResponse"/> holds its answer: past a second, short of any SDK's timeout.</summary>
    public static readonly TimeSpan SlowResponseDelay = TimeSpan.FromSeconds(2);

    /// <summary>What a throttled or unavailable answer tells the client to wait, in seconds (the Retry-After header).</summary>
    public const int RetryAfterSeconds = 1;

    private readonly double _rate;
    private readonly LocalFault[] _kinds;
    private readonly Random _random;
    private readonly object _draw = new();

    public FaultInjector(double rate, IReadOnlyCollection<LocalFault> kinds, int seed)
    {
        _rate = rate;
        _kinds = [.. kinds.Distinct().Order()];
        _random = new Random(seed);
    }

    /// <summary>The fault the next call meets, or null. Every call draws twice, so one call's fault never shifts the next call's draw.</summary>
    public LocalFault? Next()
    {
        lock (_draw)
        {
            var hit = _random.NextDouble() < _rate;
            var kind = _kinds[_random.Next(_kinds.Length)];
            return hit ? kind : null;
        }
    }
}
