namespace ApiGatewayTools.Engine.Models;

/// <summary>
/// One documentation part of a REST API: content for one location (the API, a resource, a method, a parameter,
/// a response, ...). Path and HttpMethod carry the names Get-GwMethod's output uses, so parts and methods pipe alike.
/// </summary>
public sealed record DocumentationPart : GwObject
{
    public string RestApiId { get; init; } = "";
    public string DocumentationPartId { get; init; } = "";
    /// <summary>The location's entity type: API, RESOURCE, METHOD, QUERY_PARAMETER, RESPONSE, ...</summary>
    public string Type { get; init; } = "";
    /// <summary>The resource path; "/" is the root, and AWS fills it in for every type that takes one.</summary>
    public string? Path { get; init; }
    /// <summary>The method's verb, or "*" for every method.</summary>
    public string? HttpMethod { get; init; }
    /// <summary>The response's status code, or "*" for every response.</summary>
    public string? StatusCode { get; init; }
    /// <summary>The parameter, header, model or authorizer the part documents.</summary>
    public string? Name { get; init; }
    /// <summary>The content: a JSON object, as text.</summary>
    public string Properties { get; init; } = "{}";

    public override string ToString() => DocumentationLocation.Describe(Type, Path, HttpMethod, StatusCode, Name);
}

/// <summary>A named snapshot of an API's documentation parts; a stage publishes one.</summary>
public sealed record DocumentationVersion : GwObject
{
    public string RestApiId { get; init; } = "";
    public string Version { get; init; } = "";
    public string? Description { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }

    public override string ToString() => Version;
}

/// <summary>What ImportDocumentationParts answers: the ids of the parts it wrote and what it skipped.</summary>
public sealed record DocumentationImport : GwObject
{
    public string RestApiId { get; init; } = "";
    public IReadOnlyList<string> DocumentationPartIds { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
