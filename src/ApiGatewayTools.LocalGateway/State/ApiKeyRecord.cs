namespace ApiGatewayTools.LocalGateway.State;

/// <summary>An API key of the account: the value callers send in x-api-key, and whether it is accepted.</summary>
internal sealed record ApiKeyRecord
{
    public required string Id { get; init; }
    public required string Value { get; init; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? CustomerId { get; set; }
    public bool Enabled { get; set; }
    public DateTimeOffset CreatedDate { get; init; }
    public DateTimeOffset LastUpdatedDate { get; set; }
    /// <summary>The stages the key was bound to directly ("restApiId/stageName"), as AWS still reports them.</summary>
    public List<string> StageKeys { get; init; } = [];

    /// <summary>A copy sharing nothing with this one, for copy-validate-swap patches.</summary>
    public ApiKeyRecord Copy() => this with { StageKeys = [.. StageKeys] };
}
