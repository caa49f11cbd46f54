namespace ApiGatewayTools.Engine.Models;

/// <summary>A model of a REST API: a named JSON Schema (draft 4) for a content type, which methods name for their request and response bodies.</summary>
public sealed record RestApiModel : GwObject
{
    public string RestApiId { get; init; } = "";
    public string ModelId { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string ContentType { get; init; } = "";
    public string Schema { get; init; } = "";

    /// <summary>How a schema of another model of the same API refers to this one in a $ref.</summary>
    public string Reference => ModelSchemaCheck.ReferenceTo(RestApiId, Name);

    public override string ToString() => $"{Name} ({ContentType})";
}
