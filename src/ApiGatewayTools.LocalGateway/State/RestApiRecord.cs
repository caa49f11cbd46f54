namespace ApiGatewayTools.LocalGateway.State;

/// <summary>A REST API with everything defined under it. Guarded by <see cref="GatewayState.Sync"/>.</summary>
internal sealed class RestApiRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Version { get; set; }
    public required DateTimeOffset CreatedDate { get; init; }
    public List<string> BinaryMediaTypes { get; set; } = [];
    public int? MinimumCompressionSize { get; set; }
    public string ApiKeySource { get; set; } = "HEADER";
    public List<string> EndpointTypes { get; set; } = ["EDGE"];
    public string? Policy { get; set; }
    public bool DisableExecuteApiEndpoint { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public required string RootResourceId { get; init; }

    public Dictionary<string, ResourceRecord> Resources { get; } = new(StringComparer.Ordinal);

    /// <summary>A copy of the API's own settings, without its resources, deployments or stages.</summary>
    public RestApiRecord CloneSettings() => new()
    {
        Id = Id,
        Sequence = Sequence,
        Name = Name,
        Description = Description,
        Version = Version,
        CreatedDate = CreatedDate,
        BinaryMediaTypes = [.. BinaryMediaTypes],
        MinimumCompressionSize = MinimumCompressionSize,
        ApiKeySource = ApiKeySource,
        EndpointTypes = [.. EndpointTypes],
        Policy = Policy,
        DisableExecuteApiEndpoint = DisableExecuteApiEndpoint,
        Tags = new(Tags, StringComparer.Ordinal),
        RootResourceId = RootResourceId,
    };
    public Dictionary<string, DeploymentRecord> Deployments { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, StageRecord> Stages { get; } = new(StringComparer.Ordinal);
}
