namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// Everything a mapping template can see about one request: the body for <c>$input</c>, the method request's
/// parameters for <c>$input.params</c>, and the values behind <c>$context</c> and <c>$stageVariables</c>.
/// The data plane fills it; the template engine only reads it.
/// </summary>
internal sealed record MappingTemplateContext
{
    public string Body { get; init; } = "";

    public IReadOnlyDictionary<string, string> PathParameters { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> QueryStringParameters { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Header names compare case-insensitively, as HTTP defines them; give a dictionary that does.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every value of a repeated query string parameter, for callers that need more than the one value templates see.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MultiValueQueryStringParameters { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>Every value of a repeated header, for callers that need more than the one value templates see.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MultiValueHeaders { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The <c>$context</c> variables keyed by their dotted names as AWS documents them ("requestId",
    /// "identity.sourceIp", "authorizer.claims.email"); the dots become nested maps for the template.
    /// Values are strings, numbers or booleans.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Context { get; init; } =
        new Dictionary<string, object?>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Set for a response template only: receives what the template assigns to <c>$context.responseOverride.status</c>
    /// and <c>$context.responseOverride.header.*</c>, which replace the mapped status and headers.
    /// </summary>
    public ResponseOverride? ResponseOverride { get; init; }

    /// <summary>Ends the render when the request it serves is abandoned (the gateway is stopping).</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>What a response template overrode: applied after the integration response's own mappings.</summary>
internal sealed class ResponseOverride
{
    public int? Status { get; set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
}
