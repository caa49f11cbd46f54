using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// What a method answers a client: status, headers (a name may repeat), body, plus why the gateway
/// itself failed the request, if it did, for the request log. A gateway-side failure starts out as
/// just its <see cref="GatewayFailure"/> and reason; <see cref="Chain.GatewayResponses"/> gives it the
/// headers and body the client sees.
/// </summary>
internal sealed class MethodResult
{
    public MethodResult(int statusCode, List<KeyValuePair<string, string>> headers, byte[] body, string? failure = null)
    {
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        Failure = failure;
    }

    private MethodResult(GatewayFailure failure, string reason)
        : this(failure.StatusCode, [], [], reason)
    {
        GatewayFailure = failure;
    }

    public int StatusCode { get; }
    public List<KeyValuePair<string, string>> Headers { get; }
    public byte[] Body { get; }
    /// <summary>Why API Gateway answered instead of the integration (configuration error, timeout, ...); null on success.</summary>
    public string? Failure { get; }
    /// <summary>Which gateway response answers, until <see cref="Chain.GatewayResponses"/> has shaped it; null otherwise.</summary>
    public GatewayFailure? GatewayFailure { get; }

    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>API Gateway refuses or fails the request itself, for the given reason (the request log's error).</summary>
    public static MethodResult GatewayError(GatewayFailure failure, string reason) => new(failure, reason);
}

/// <summary>API Gateway's default gateway responses for the failures the local gateway reproduces.</summary>
internal sealed class GatewayFailure
{
    private GatewayFailure(int statusCode, string errorType, string message)
        : this(statusCode, errorType, message, Encoding.UTF8.GetBytes(errorType == "InternalServerErrorException"
            ? $$"""{"message": "{{message}}"}"""
            : $$"""{"message":"{{message}}"}"""))
    {
    }

    private GatewayFailure(int statusCode, string errorType, string message, byte[] body)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        Message = message;
        Body = body;
    }

    public int StatusCode { get; }
    public string ErrorType { get; }
    /// <summary>The body's message, as the access log's $context.error.message reports it.</summary>
    public string Message { get; }
    public byte[] Body { get; }

    // API Gateway writes its 5XX bodies with a space after the colon and its 4XX bodies without.
    public static readonly GatewayFailure MissingAuthenticationToken = new(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    public static readonly GatewayFailure Forbidden = new(403, "ForbiddenException", "Forbidden");
    public static readonly GatewayFailure UnsupportedMediaType = new(415, "UnsupportedMediaTypeException", "Unsupported Media Type");
    public static readonly GatewayFailure RequestTooLarge = new(413, "RequestTooLargeException", "Request Too Long");
    /// <summary>The THROTTLED gateway response: the method's, the stage's or the account's token bucket is empty.</summary>
    public static readonly GatewayFailure Throttled = new(429, "TooManyRequestsException", "Too Many Requests");
    /// <summary>The QUOTA_EXCEEDED gateway response: the API key has used its usage plan's quota for the period.</summary>
    public static readonly GatewayFailure QuotaExceeded = new(429, "LimitExceededException", "Limit Exceeded");
    public static readonly GatewayFailure InternalServerError = new(500, "InternalServerErrorException", "Internal server error");
    /// <summary>A backend that cannot be reached, or a Lambda proxy answer that is not a valid proxy response.</summary>
    public static readonly GatewayFailure BadGateway = new(502, "InternalServerErrorException", "Internal server error");
    /// <summary>UNAUTHORIZED: an authorizer's identity source is missing or invalid, or its function answered "Unauthorized".</summary>
    public static readonly GatewayFailure Unauthorized = new(401, "UnauthorizedException", "Unauthorized");
    /// <summary>A Cognito token past its exp (the UNAUTHORIZED response, with Cognito's own text).</summary>
    public static readonly GatewayFailure ExpiredToken = new(401, "UnauthorizedException", "The incoming token has expired");
    /// <summary>ACCESS_DENIED for a Lambda authorizer's policy that denies the method explicitly.</summary>
    public static readonly GatewayFailure AuthorizerExplicitDeny = AccessDenied("User is not authorized to access this resource with an explicit deny");
    /// <summary>ACCESS_DENIED for a Lambda authorizer's policy that does not allow the method.</summary>
    public static readonly GatewayFailure AuthorizerImplicitDeny = AccessDenied("User is not authorized to access this resource");
    /// <summary>AUTHORIZER_CONFIGURATION_ERROR: the authorizer function cannot be called, fails, or answers something that is not a decision.</summary>
    public static readonly GatewayFailure AuthorizerConfigurationError = new(500, "AuthorizerConfigurationException", "null", """{"message": null}"""u8.ToArray());
    public static readonly GatewayFailure EndpointTimeout = new(504, "InternalServerErrorException", "Endpoint request timed out");

    /// <summary>
    /// The ACCESS_DENIED gateway response: a policy (the API's resource policy, or an authorizer's) refuses the
    /// caller. API Gateway writes this body's key with a capital M.
    /// </summary>
    public static GatewayFailure AccessDenied(string message) =>
        new(403, "AccessDeniedException", message, JsonBody("Message", message));

    /// <summary>A refusal of a SigV4 signature at an invoke URL (missing, incomplete, unknown key, not verifying), with the message that says which.</summary>
    public static GatewayFailure SignatureRefused(string errorType, string message) =>
        new(403, errorType, message, JsonBody("message", message));

    private static byte[] JsonBody(string key, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString(key, message);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
