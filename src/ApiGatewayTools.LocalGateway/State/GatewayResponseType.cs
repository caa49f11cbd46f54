namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// API Gateway's 21 gateway response types, each with the status code its default response answers
/// with (null for DEFAULT_4XX and DEFAULT_5XX: they keep the failure's own status).
/// </summary>
internal sealed class GatewayResponseType
{
    private GatewayResponseType(string name, int? defaultStatusCode)
    {
        Name = name;
        DefaultStatusCode = defaultStatusCode;
    }

    public string Name { get; }
    public int? DefaultStatusCode { get; }

    public static readonly GatewayResponseType Default4xx = new("DEFAULT_4XX", null);
    public static readonly GatewayResponseType Default5xx = new("DEFAULT_5XX", null);
    public static readonly GatewayResponseType ResourceNotFound = new("RESOURCE_NOT_FOUND", 404);
    public static readonly GatewayResponseType Unauthorized = new("UNAUTHORIZED", 401);
    public static readonly GatewayResponseType InvalidApiKey = new("INVALID_API_KEY", 403);
    public static readonly GatewayResponseType AccessDenied = new("ACCESS_DENIED", 403);
    public static readonly GatewayResponseType AuthorizerFailure = new("AUTHORIZER_FAILURE", 500);
    public static readonly GatewayResponseType AuthorizerConfigurationError = new("AUTHORIZER_CONFIGURATION_ERROR", 500);
    public static readonly GatewayResponseType InvalidSignature = new("INVALID_SIGNATURE", 403);
    public static readonly GatewayResponseType ExpiredToken = new("EXPIRED_TOKEN", 403);
    public static readonly GatewayResponseType MissingAuthenticationToken = new("MISSING_AUTHENTICATION_TOKEN", 403);
    public static readonly GatewayResponseType IntegrationFailure = new("INTEGRATION_FAILURE", 504);
    public static readonly GatewayResponseType IntegrationTimeout = new("INTEGRATION_TIMEOUT", 504);
    public static readonly GatewayResponseType ApiConfigurationError = new("API_CONFIGURATION_ERROR", 500);
    public static readonly GatewayResponseType UnsupportedMediaType = new("UNSUPPORTED_MEDIA_TYPE", 415);
    public static readonly GatewayResponseType BadRequestParameters = new("BAD_REQUEST_PARAMETERS", 400);
    public static readonly GatewayResponseType BadRequestBody = new("BAD_REQUEST_BODY", 400);
    public static readonly GatewayResponseType RequestTooLarge = new("REQUEST_TOO_LARGE", 413);
    public static readonly GatewayResponseType Throttled = new("THROTTLED", 429);
    public static readonly GatewayResponseType QuotaExceeded = new("QUOTA_EXCEEDED", 429);
    public static readonly GatewayResponseType WafFiltered = new("WAF_FILTERED", 403);

    /// <summary>All 21, in the order AWS's service model lists them (GetGatewayResponses answers in this order).</summary>
    public static readonly IReadOnlyList<GatewayResponseType> All =
    [
        Default4xx, Default5xx, ResourceNotFound, Unauthorized, InvalidApiKey, AccessDenied, AuthorizerFailure,
        AuthorizerConfigurationError, InvalidSignature, ExpiredToken, MissingAuthenticationToken, IntegrationFailure,
        IntegrationTimeout, ApiConfigurationError, UnsupportedMediaType, BadRequestParameters, BadRequestBody,
        RequestTooLarge, Throttled, QuotaExceeded, WafFiltered,
    ];

    public static GatewayResponseType? Find(string name)
    {
        foreach (var type in All)
        {
            if (type.Name == name)
            {
                return type;
            }
        }
        return null;
    }

    /// <summary>The DEFAULT_* response a failure of this status falls back to when its own type is not customised.</summary>
    public static GatewayResponseType FallbackFor(int statusCode) => statusCode >= 500 ? Default5xx : Default4xx;

    public override string ToString() => Name;
}
