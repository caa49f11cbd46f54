namespace ApiGatewayTools.LocalGateway;

/// <summary>One served request. Operation is the control-plane operation, or "Invoke" for a stage's invoke URL.</summary>
public sealed record LocalRequestLogEntry(DateTimeOffset Time, string RequestId, string Method, string Path, string? Operation, int StatusCode, double ElapsedMilliseconds)
{
    /// <summary>The API an invoke URL addressed.</summary>
    public string? RestApiId { get; init; }
    /// <summary>The stage that served an invoke URL; null when the stage does not exist.</summary>
    public string? Stage { get; init; }
    /// <summary>The resource the request path matched, e.g. /pets/{petId}.</summary>
    public string? ResourcePath { get; init; }
    /// <summary>The integration type of the method that ran (MOCK, HTTP, HTTP_PROXY, AWS, AWS_PROXY).</summary>
    public string? IntegrationType { get; init; }
    /// <summary>Why the gateway itself answered with an error (no route, timeout, permission, template error, ...).</summary>
    public string? Error { get; init; }
    /// <summary>What the Lambda function logged for this request, as CloudWatch would show it (START ... REPORT); null when none ran.</summary>
    public IReadOnlyList<string>? FunctionLogs { get; init; }
    /// <summary>The deployment that served an invoke URL: the stage's, or its canary's.</summary>
    public string? DeploymentId { get; init; }
    /// <summary>True when the stage's canary served the request; false when the stage has a canary and its base deployment did; null without a canary.</summary>
    public bool? Canary { get; init; }
    /// <summary>"Hit" or "Miss" when the method caches; null otherwise.</summary>
    public string? CacheStatus { get; init; }
    /// <summary>The stage's access-log line for the request, in the stage's format; null when the stage has none.</summary>
    public string? AccessLogLine { get; init; }
    /// <summary>The fault injected into this call on request (-FaultRate), e.g. ProcessedButDropped; null when none.</summary>
    public LocalFault? Fault { get; init; }
}

/// <summary>One line of a stage's access log, as CloudWatch Logs would receive it.</summary>
public sealed record LocalAccessLogEntry(DateTimeOffset Time, string RestApiId, string StageName, string Line)
{
    public override string ToString() => Line;
}
