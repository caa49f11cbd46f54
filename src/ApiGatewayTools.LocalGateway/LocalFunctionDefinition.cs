namespace ApiGatewayTools.LocalGateway;

/// <summary>
/// How a local function runs: one event in, one result out, with what the function logged beside it (as
/// Lambda returns the payload and sends the logs to CloudWatch). A handler may also throw: the gateway
/// reports the exception as Lambda reports an unhandled error.
/// </summary>
public delegate Task<LocalFunctionResult> LocalFunctionHandler(LocalFunctionInvocation invocation, CancellationToken ct);

public sealed record LocalFunctionDefinition
{
    /// <summary>Lambda's default timeout; the API Gateway integration timeout (29 s at most) still caps what a client waits.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);
    public const int DefaultMemorySize = 128;

    public required string FunctionName { get; init; }
    public required LocalFunctionHandler Handler { get; init; }
    public string? Description { get; init; }
    public string Runtime { get; init; } = "provided.al2023";
    /// <summary>The handler setting as Lambda reports it (e.g. index.handler); "local" for script blocks.</summary>
    public string HandlerName { get; init; } = "local";
    /// <summary>How long one invocation may run before Lambda stops it with "Task timed out".</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
    public int MemorySize { get; init; } = DefaultMemorySize;
    /// <summary>The environment variables GetFunction reports (the handler is what applies them).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    /// <summary>The reserved concurrency GetFunction reports (the handler is what enforces it); null when none.</summary>
    public int? ReservedConcurrency { get; init; }
}
