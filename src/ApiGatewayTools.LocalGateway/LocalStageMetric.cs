namespace ApiGatewayTools.LocalGateway;

/// <summary>
/// What CloudWatch would show for a stage, or for one method of it, since the gateway started: the metrics
/// API Gateway publishes (Count, 4XXError, 5XXError, CacheHitCount, CacheMissCount, Latency, IntegrationLatency).
/// Resource and HttpMethod are null for the whole stage.
/// </summary>
public sealed record LocalStageMetric(
    string RestApiId,
    string StageName,
    string? Resource,
    string? HttpMethod,
    long Count,
    long Error4XX,
    long Error5XX,
    long CacheHitCount,
    long CacheMissCount,
    LocalLatencyStatistics Latency,
    LocalLatencyStatistics IntegrationLatency);

/// <summary>Milliseconds: the average over every request, and percentiles over a bounded random sample of them.</summary>
public sealed record LocalLatencyStatistics(long SampleCount, double Average, double P50, double P90, double P99)
{
    public static readonly LocalLatencyStatistics Empty = new(0, 0, 0, 0, 0);
}
