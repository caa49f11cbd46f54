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
        Canary = original.Canary is { } canary ? canary with { StageVariableOverrides = new(canary.StageVariableOverrides, StringComparer.Ordinal) } : null;
        AccessLog = original.AccessLog;
        WebAclArn = original.WebAclArn;
        CacheGeneration = original.CacheGeneration;
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
    /// <summary>The canary release on this stage, if any: reported and patched as canarySettings.</summary>
    public CanarySettings? Canary { get; set; }
    /// <summary>Where and in what format each request is logged: reported and patched as accessLogSettings.</summary>
    public AccessLogSettings? AccessLog { get; set; }
    public string? WebAclArn { get; set; }
    /// <summary>
    /// Bumped by FlushStageCache and whenever the cache cluster is turned off or resized: answers cached under
    /// an older generation are never served again.
    /// </summary>
    public long CacheGeneration { get; set; }
    public required DateTimeOffset CreatedDate { get; init; }
    public required DateTimeOffset LastUpdatedDate { get; set; }

    /// <summary>
    /// Turns the cache cluster on or off or resizes it. A cluster turned on without a size gets AWS's smallest
    /// (0.5 GB); one turned off or resized starts empty, so the cache generation moves on.
    /// </summary>
    public void SetCacheCluster(bool enabled, string? size)
    {
        size = enabled ? size ?? CacheClusterSize ?? "0.5" : size ?? CacheClusterSize;
        if (CacheClusterEnabled && (!enabled || size != CacheClusterSize))
        {
            CacheGeneration++;
        }
        CacheClusterEnabled = enabled;
        CacheClusterSize = size;
    }
}

/// <summary>A stage's canary: the deployment a share of requests goes to, and the stage variables it overrides.</summary>
internal sealed record CanarySettings
{
    public required string DeploymentId { get; init; }
    /// <summary>0.0 to 100.0: the share of requests the canary serves.</summary>
    public double PercentTraffic { get; init; }
    public Dictionary<string, string> StageVariableOverrides { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Whether canary requests use the stage's cache.</summary>
    public bool UseStageCache { get; init; }
}

/// <summary>A stage's access log: the line format ($context variables) and the destination's ARN.</summary>
internal sealed record AccessLogSettings(string? Format, string? DestinationArn);

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
    bool ExecuteApiEndpointDisabled)
{
    /// <summary>The canary's deployment, share and variables (already merged over the stage's); null without a canary.</summary>
    public DeployedCanary? Canary { get; init; }

    /// <summary>Whether the stage has a cache cluster; methods cache only when it does and their setting says so.</summary>
    public bool CacheClusterEnabled { get; init; }

    /// <summary>See <see cref="StageRecord.CacheGeneration"/>.</summary>
    public long CacheGeneration { get; init; }

    /// <summary>The access-log line format; null when the stage writes no access log.</summary>
    public string? AccessLogFormat { get; init; }

    /// <summary>Where an API key comes from: HEADER (x-api-key) or AUTHORIZER (its usageIdentifierKey); the API's current setting.</summary>
    public string ApiKeySource { get; init; } = "HEADER";
}

/// <summary>The canary side of a deployed stage: what a canary request is served instead.</summary>
internal sealed record DeployedCanary(
    string DeploymentId,
    DeploymentSnapshot Snapshot,
    double PercentTraffic,
    IReadOnlyDictionary<string, string> Variables,
    bool UseStageCache);
