namespace ApiGatewayTools.LocalGateway;

public sealed record LocalGatewayOptions
{
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }
    /// <summary>When set, only requests signed with this access key and its secret are accepted.</summary>
    public string? StrictAccessKey { get; init; }
    public string? StrictSecretKey { get; init; }
}

/// <summary>How a local function runs: the event and context as JSON in, the function's result as JSON out.</summary>
public delegate Task<string> LocalFunctionHandler(string eventJson, string contextJson, CancellationToken ct);

public sealed record LocalFunctionDefinition
{
    public required string FunctionName { get; init; }
    public required LocalFunctionHandler Handler { get; init; }
    public string? Description { get; init; }
    public string Runtime { get; init; } = "provided.al2023";
}

/// <summary>A registered local function, as the gateway reports it.</summary>
public sealed record LocalFunctionInfo(string FunctionName, string FunctionArn, string Runtime, string? Description, DateTimeOffset LastModified);

public sealed record LocalRequestLogEntry(DateTimeOffset Time, string RequestId, string Method, string Path, string? Operation, int StatusCode, double ElapsedMilliseconds);

/// <summary>
/// The embedded gateway: one loopback HttpListener serving the API Gateway control plane, the
/// Lambda API for local functions and (later) the invoke URLs of deployed stages.
/// </summary>
public sealed class LocalGatewayServer : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string AccountId = "000000000000";
    /// <summary>Throw-away credentials that clients sign with; any well-formed signature is accepted unless strict.</summary>
    public const string DefaultAccessKey = "test";
    public const string DefaultSecretKey = "test";

    public static LocalGatewayServer Start(LocalGatewayOptions options) => throw new NotImplementedException();

    public Uri EndpointUrl => throw new NotImplementedException();
    public int Port => throw new NotImplementedException();
    public DateTimeOffset StartedAt => throw new NotImplementedException();
    public IReadOnlyList<LocalRequestLogEntry> RecentRequests => throw new NotImplementedException();

    public LocalFunctionInfo RegisterFunction(LocalFunctionDefinition definition) => throw new NotImplementedException();
    public IReadOnlyList<LocalFunctionInfo> Functions => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
