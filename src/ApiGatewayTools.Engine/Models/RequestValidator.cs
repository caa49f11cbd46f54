namespace ApiGatewayTools.Engine.Models;

/// <summary>A request validator of a REST API: which parts of a request API Gateway checks before the integration runs.</summary>
public sealed record RequestValidator : GwObject
{
    public string RestApiId { get; init; } = "";
    public string RequestValidatorId { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The body is checked against the method's request model.</summary>
    public bool ValidateRequestBody { get; init; }
    /// <summary>The method's required query strings, headers and path parameters must be present.</summary>
    public bool ValidateRequestParameters { get; init; }

    public override string ToString() => $"{Name} ({RequestValidatorId})";
}
