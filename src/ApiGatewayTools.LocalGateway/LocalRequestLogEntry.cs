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
    /// <summary>The fault injected into this call on request (-FaultRate), e.g. ProcessedButDropped; null when none.</summary>
    public LocalFault? Fault { get; init; }
}
