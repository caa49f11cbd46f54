using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Models;

/// <summary>
/// A stage's metrics as the local gateway measured them, named as CloudWatch names API Gateway's metrics
/// (4XXError and 5XXError are also properties of the object PowerShell sees). MethodPath is "*" for the
/// whole stage, else "GET /pets/{petId}".
/// </summary>
public sealed class StageMetric
{
    internal StageMetric(LocalStageMetric metric)
    {
        RestApiId = metric.RestApiId;
        StageName = metric.StageName;
        Resource = metric.Resource;
        HttpMethod = metric.HttpMethod;
        MethodPath = metric.Resource is null ? "*" : $"{metric.HttpMethod} {metric.Resource}";
        Count = metric.Count;
        Error4XX = metric.Error4XX;
        Error5XX = metric.Error5XX;
        CacheHitCount = metric.CacheHitCount;
        CacheMissCount = metric.CacheMissCount;
        Latency = new LatencyStatistics(metric.Latency);
        IntegrationLatency = new LatencyStatistics(metric.IntegrationLatency);
    }

    public string RestApiId { get; }
    public string StageName { get; }
    public string MethodPath { get; }
    /// <summary>The resource path; null for the whole stage.</summary>
    public string? Resource { get; }
    /// <summary>The method as defined (GET, ANY, ...); null for the whole stage.</summary>
    public string? HttpMethod { get; }
    public long Count { get; }
    public long Error4XX { get; }
    public long Error5XX { get; }
    public long CacheHitCount { get; }
    public long CacheMissCount { get; }
    public LatencyStatistics Latency { get; }
    public LatencyStatistics IntegrationLatency { get; }
}

/// <summary>Milliseconds: Average over every request; P50, P90 and P99 over a bounded random sample.</summary>
public sealed class LatencyStatistics
{
    internal LatencyStatistics(LocalLatencyStatistics statistics)
    {
        SampleCount = statistics.SampleCount;
        Average = statistics.Average;
        P50 = statistics.P50;
        P90 = statistics.P90;
        P99 = statistics.P99;
    }

    public long SampleCount { get; }
    public double Average { get; }
    public double P50 { get; }
    public double P90 { get; }
    public double P99 { get; }

    public override string ToString() =>
        SampleCount == 0 ? "-" : FormattableString.Invariant($"avg {Average:0.##} p50 {P50:0.##} p90 {P90:0.##} p99 {P99:0.##} ms");
}
