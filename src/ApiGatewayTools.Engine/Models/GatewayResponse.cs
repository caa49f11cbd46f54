namespace ApiGatewayTools.Engine.Models;

/// <summary>
/// What API Gateway answers for one kind of failure of a REST API (a gateway response type): the API's
/// customisation of it, or API Gateway's default when the API has none.
/// </summary>
public sealed record GatewayResponse : GwObject
{
    public string RestApiId { get; init; } = "";
    /// <summary>One of AWS's 21 types, e.g. DEFAULT_4XX, THROTTLED, INVALID_API_KEY (see <see cref="GatewayResponseTypes"/>).</summary>
    public string ResponseType { get; init; } = "";
    /// <summary>The status it answers with; null when it keeps the failure's own (DEFAULT_4XX and DEFAULT_5XX by default).</summary>
    public string? StatusCode { get; init; }
    /// <summary>Header mappings: "gatewayresponse.header.Name" to a quoted static value or a request value.</summary>
    public IReadOnlyDictionary<string, string> ResponseParameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Body templates by content type.</summary>
    public IReadOnlyDictionary<string, string> ResponseTemplates { get; init; } = new Dictionary<string, string>();
    /// <summary>True for API Gateway's own response (never customised, or reset); false for the API's.</summary>
    public bool DefaultResponse { get; init; }

    /// <summary>"Default" or "Custom": which of the two answers for this type.</summary>
    public string Source => DefaultResponse ? "Default" : "Custom";

    /// <summary>The headers the response sets, by header name (the "gatewayresponse.header." prefix taken off).</summary>
    public IReadOnlyDictionary<string, string> Headers => ResponseParameters
        .Where(p => p.Key.StartsWith(GatewayResponseTypes.HeaderPrefix, StringComparison.Ordinal))
        .ToDictionary(p => p.Key[GatewayResponseTypes.HeaderPrefix.Length..], p => p.Value, StringComparer.Ordinal);

    public override string ToString() => $"{ResponseType} ({Source})";
}

/// <summary>API Gateway's 21 gateway response types, as its service model lists them.</summary>
public static class GatewayResponseTypes
{
    /// <summary>Response parameter keys that set a header start with this.</summary>
    public const string HeaderPrefix = "gatewayresponse.header.";

    public static readonly IReadOnlyList<string> All =
    [
        "DEFAULT_4XX", "DEFAULT_5XX", "RESOURCE_NOT_FOUND", "UNAUTHORIZED", "INVALID_API_KEY", "ACCESS_DENIED",
        "AUTHORIZER_FAILURE", "AUTHORIZER_CONFIGURATION_ERROR", "INVALID_SIGNATURE", "EXPIRED_TOKEN",
        "MISSING_AUTHENTICATION_TOKEN", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "API_CONFIGURATION_ERROR",
        "UNSUPPORTED_MEDIA_TYPE", "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY", "REQUEST_TOO_LARGE", "THROTTLED",
        "QUOTA_EXCEEDED", "WAF_FILTERED",
    ];

    /// <summary>The type as AWS spells it (case-insensitive match), or null when AWS has no such type.</summary>
    public static string? Canonical(string name) =>
        All.FirstOrDefault(type => string.Equals(type, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
