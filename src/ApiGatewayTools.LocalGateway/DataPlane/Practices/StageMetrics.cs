using System.Collections.Concurrent;

namespace ApiGatewayTools.LocalGateway.DataPlane.Practices;

/// <summary>
/// Every stage's metrics, per stage and per method, as API Gateway publishes them to CloudWatch. Memory is
/// bounded: a fixed number of stages and methods, and latency percentiles from a fixed-size reservoir sample.
/// </summary>
internal sealed class StageMetrics
{
    private const int StageCapacity = 1_000;
    private const int MethodCapacityPerStage = 1_000;

    private readonly ConcurrentDictionary<(string RestApiId, string StageName), StageSeries> _stages = new();

    public void Record(ServedInvoke served)
    {
        var context = served.Context;
        if (context.StageName is not { } stageName)
        {
            // No such stage: CloudWatch has nowhere to count it either.
            return;
        }
        var key = (context.Target.RestApiId, stageName);
        if (!_stages.TryGetValue(key, out var stage))
        {
            if (_stages.Count >= StageCapacity)
            {
                return;
            }
            stage = _stages.GetOrAdd(key, _ => new StageSeries());
        }
        var sample = new Sample(served.Status, context.Cache, served.Latency.TotalMilliseconds, context.IntegrationLatency?.TotalMilliseconds);
        stage.Total.Add(sample);
        if (context.ResourcePath is { } resource && context.FoundMethod is { } method)
        {
            stage.Method(resource, method.HttpMethod)?.Add(sample);
        }
    }

    /// <summary>The stage's totals first, then each method that served a request, by resource and verb.</summary>
    public IReadOnlyList<LocalStageMetric> Read(string restApiId, string stageName)
    {
        if (!_stages.TryGetValue((restApiId, stageName), out var stage))
        {
            return [];
        }
        var metrics = new List<LocalStageMetric> { stage.Total.Read(restApiId, stageName, null, null) };
        metrics.AddRange(stage.Methods
            .OrderBy(pair => pair.Key.Resource, StringComparer.Ordinal).ThenBy(pair => pair.Key.HttpMethod, StringComparer.Ordinal)
            .Select(pair => pair.Value.Read(restApiId, stageName, pair.Key.Resource, pair.Key.HttpMethod)));
        return metrics;
    }

    private readonly record struct Sample(int Status, CacheOutcome? Cache, double LatencyMs, double? IntegrationLatencyMs);

    private sealed class StageSeries
    {
        public Series Total { get; } = new();
        public ConcurrentDictionary<(string Resource, string HttpMethod), Series> Methods { get; } = new();

        public Series? Method(string resource, string httpMethod) =>
            Methods.TryGetValue((resource, httpMethod), out var series) ? series
            : Methods.Count >= MethodCapacityPerStage ? null
            : Methods.GetOrAdd((resource, httpMethod), _ => new Series());
    }

    private sealed class Series
    {
        private readonly object _gate = new();
        private readonly LatencyReservoir _latency = new();
        private readonly LatencyReservoir _integrationLatency = new();
        private long _count;
        private long _error4xx;
        private long _error5xx;
        private long _cacheHits;
        private long _cacheMisses;

        public void Add(Sample sample)
        {
            lock (_gate)
            {
                _count++;
                if (sample.Status is >= 400 and < 500)
                {
                    _error4xx++;
                }
                else if (sample.Status >= 500)
                {
                    _error5xx++;
                }
                if (sample.Cache == CacheOutcome.Hit)
                {
                    _cacheHits++;
                }
                else if (sample.Cache == CacheOutcome.Miss)
                {
                    _cacheMisses++;
                }
                _latency.Add(sample.LatencyMs);
                if (sample.IntegrationLatencyMs is { } integration)
                {
                    _integrationLatency.Add(integration);
                }
            }
        }

        public LocalStageMetric Read(string restApiId, string stageName, string? resource, string? httpMethod)
        {
            lock (_gate)
            {
                return new LocalStageMetric(restApiId, stageName, resource, httpMethod, _count, _error4xx, _error5xx, _cacheHits, _cacheMisses,
                    _latency.Statistics(), _integrationLatency.Statistics());
            }
        }
    }
}

/// <summary>
/// Latencies for percentiles, in bounded memory: a uniform random sample of at most <see cref="Capacity"/>
/// of them (reservoir sampling, algorithm R), and the exact average. Not thread-safe: the caller locks.
/// </summary>
internal sealed class LatencyReservoir
{
    public const int Capacity = 1024;

    private readonly double[] _sample = new double[Capacity];
    private readonly Random _random = new(17);
    private long _seen;
    private double _sum;

    public void Add(double milliseconds)
    {
        _seen++;
        _sum += milliseconds;
        if (_seen <= Capacity)
        {
            _sample[_seen - 1] = milliseconds;
        }
        else if (_random.NextInt64(_seen) is var slot && slot < Capacity)
        {
            _sample[slot] = milliseconds;
        }
    }

    public LocalLatencyStatistics Statistics()
    {
        if (_seen == 0)
        {
            return LocalLatencyStatistics.Empty;
        }
        var sorted = _sample[..(int)Math.Min(_seen, Capacity)];
        Array.Sort(sorted);
        return new LocalLatencyStatistics(_seen, Math.Round(_sum / _seen, 3), Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99));
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}
