namespace ApiGatewayTools.LocalGateway;

/// <summary>How a local function runs: the event and context as JSON in, the function's result as JSON out.</summary>
public delegate Task<string> LocalFunctionHandler(string eventJson, string contextJson, CancellationToken ct);

public sealed record LocalFunctionDefinition
{
    public required string FunctionName { get; init; }
    public required LocalFunctionHandler Handler { get; init; }
    public string? Description { get; init; }
    public string Runtime { get; init; } = "provided.al2023";
}
