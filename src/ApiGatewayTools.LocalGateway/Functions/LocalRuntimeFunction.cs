namespace ApiGatewayTools.LocalGateway;

/// <summary>
/// A function written for one of Lambda's managed runtimes, run from the user's own handler file by warm
/// worker processes of that runtime on this machine (node, python3).
/// </summary>
public sealed record LocalRuntimeFunction
{
    public required string FunctionName { get; init; }
    /// <summary>nodejs20.x, nodejs22.x, python3.11, python3.12 or python3.13.</summary>
    public required string Runtime { get; init; }
    /// <summary>module.function, as Lambda's Handler setting: index.handler, app.lambda_handler.</summary>
    public required string Handler { get; init; }
    /// <summary>The folder holding the handler's code (Lambda's /var/task).</summary>
    public required string CodePath { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public TimeSpan Timeout { get; init; } = LocalFunctionDefinition.DefaultTimeout;
    public int MemorySize { get; init; } = LocalFunctionDefinition.DefaultMemorySize;
    /// <summary>At most this many invocations at once, as Lambda's reserved concurrency; more are throttled. Null: no reservation.</summary>
    public int? ReservedConcurrency { get; init; }
}

/// <summary>The program a runtime needs (node, python3) is not installed on this machine.</summary>
public sealed class LocalRuntimeMissingException(string message) : Exception(message);
