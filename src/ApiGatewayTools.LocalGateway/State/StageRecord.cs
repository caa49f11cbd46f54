namespace ApiGatewayTools.LocalGateway.State;

internal sealed record StageRecord
{
    public StageRecord()
    {
    }

    private StageRecord(StageRecord original)
    {
        StageName = original.StageName;
        DeploymentId = original.DeploymentId;
        Description = original.Description;
        CacheClusterEnabled = original.CacheClusterEnabled;
        CacheClusterSize = original.CacheClusterSize;
        ClientCertificateId = original.ClientCertificateId;
        DocumentationVersion = original.DocumentationVersion;
        TracingEnabled = original.TracingEnabled;
        Variables = new(original.Variables, StringComparer.Ordinal);
        MethodSettings = new(original.MethodSettings.ToDictionary(pair => pair.Key, pair => new Dictionary<string, string>(pair.Value, StringComparer.Ordinal)), StringComparer.Ordinal);
        Tags = new(original.Tags, StringComparer.Ordinal);
        CreatedDate = original.CreatedDate;
        LastUpdatedDate = original.LastUpdatedDate;
    }

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
    public SortedDictionary<string, Dictionary<string, string>> MethodSettings { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public required DateTimeOffset CreatedDate { get; init; }
    public required DateTimeOffset LastUpdatedDate { get; set; }
}

/// <summary>
/// What an invoke URL serves: the stage's deployment as deployed, with copies of the stage's
/// variables and method settings as they are now (both take effect without redeploying on AWS).
/// </summary>
internal sealed record DeployedStage(
    string RestApiId,
    string StageName,
    string DeploymentId,
    DeploymentSnapshot Snapshot,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> MethodSettings,
    bool ExecuteApiEndpointDisabled);
