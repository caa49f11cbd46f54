namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// A model of one REST API: a named JSON Schema (draft 4) for a content type. Methods name models by
/// name (requestModels, a method response's responseModels), so the API's store is keyed by name; the
/// id is what AWS shows beside it.
/// </summary>
internal sealed record ModelRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; set; }
    public required string Schema { get; set; }
    public required string ContentType { get; init; }
}
