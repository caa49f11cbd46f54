namespace ApiGatewayTools.LocalGateway.State;

internal sealed class StageRecord
{
    public required string StageName { get; init; }
    public required string DeploymentId { get; set; }
    public string? Description { get; set; }
    public bool CacheClusterEnabled { get; set; }
    public string? CacheClusterSize { get; set; }
    public string CacheClusterStatus => CacheClusterEnabled ? "AVAILABLE" : "NOT_AVAILABLE";
    public string? ClientCertificateId { get; set; }
    public string? DocumentationVersion { get; set; }
    public bool TracingEnabled { get; set; }
    public Dictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Keyed "{resourcePath}/{httpMethod}" as AWS keys it, e.g. "*/*" or "~1pets/GET".</summary>
    public SortedDictionary<string, Dictionary<string, string>> MethodSettings { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public required DateTimeOffset CreatedDate { get; init; }
    public required DateTimeOffset LastUpdatedDate { get; set; }
}
