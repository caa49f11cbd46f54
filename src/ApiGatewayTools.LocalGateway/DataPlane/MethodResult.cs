using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.State;

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

/// <summary>
/// A failure API Gateway answers itself: the gateway response type it answers as (which an API's customised
/// gateway responses key on) and the status, error type and body of that type's default response.
/// </summary>
internal sealed class GatewayFailure
{
    private GatewayFailure(GatewayResponseType responseType, int statusCode, string errorType, string message, BodyStyle style = BodyStyle.Compact)
        : this(responseType, statusCode, errorType, message, Encoding.UTF8.GetBytes(style == BodyStyle.Spaced
            ? $$"""{"message": "{{message}}"}"""
            : $$"""{"message":"{{message}}"}"""))
    {
    }

    private GatewayFailure(GatewayResponseType responseType, int statusCode, string errorType, string message, byte[] body)
    {
        ResponseType = responseType;
        StatusCode = statusCode;
        ErrorType = errorType;
        Message = message;
        Body = body;
    }

    /// <summary>API Gateway writes most 4XX bodies without a space after the colon; its 5XX and validation bodies with one.</summary>
    private enum BodyStyle
    {
        Compact,
        Spaced,
    }

    /// <summary>The gateway response that answers this failure when the API customises it ($context.error.responseType).</summary>
    public GatewayResponseType ResponseType { get; }
    public int StatusCode { get; }
    public string ErrorType { get; }
    /// <summary>The body's message, as the access log's $context.error.message reports it.</summary>
    public string Message { get; }
    public byte[] Body { get; }

    /// <summary>MISSING_AUTHENTICATION_TOKEN: no resource or method matches, or an AWS_IAM method was called unsigned.</summary>
    public static readonly GatewayFailure MissingAuthenticationToken = new(GatewayResponseType.MissingAuthenticationToken, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    /// <summary>A stage that does not exist or an endpoint that is off (nothing deployed to customise), or a refused cache invalidation: DEFAULT_4XX.</summary>
    public static readonly GatewayFailure Forbidden = new(GatewayResponseType.Default4xx, 403, "ForbiddenException", "Forbidden");
    /// <summary>INVALID_API_KEY: a method that requires a key was called without a valid one (the body says only "Forbidden").</summary>
    public static readonly GatewayFailure InvalidApiKey = new(GatewayResponseType.InvalidApiKey, 403, "ForbiddenException", "Forbidden");
    public static readonly GatewayFailure UnsupportedMediaType = new(GatewayResponseType.UnsupportedMediaType, 415, "UnsupportedMediaTypeException", "Unsupported Media Type");
    public static readonly GatewayFailure RequestTooLarge = new(GatewayResponseType.RequestTooLarge, 413, "RequestTooLargeException", "Request Too Long");
    /// <summary>BAD_REQUEST_BODY: the body does not match the method's request model under a validator that checks bodies.</summary>
    public static readonly GatewayFailure BadRequestBody = new(GatewayResponseType.BadRequestBody, 400, "BadRequestException", "Invalid request body", BodyStyle.Spaced);
    /// <summary>The THROTTLED gateway response: the method's, the stage's or the account's token bucket is empty.</summary>
    public static readonly GatewayFailure Throttled = new(GatewayResponseType.Throttled, 429, "TooManyRequestsException", "Too Many Requests");
    /// <summary>The QUOTA_EXCEEDED gateway response: the API key has used its usage plan's quota for the period.</summary>
    public static readonly GatewayFailure QuotaExceeded = new(GatewayResponseType.QuotaExceeded, 429, "LimitExceededException", "Limit Exceeded");
    /// <summary>API_CONFIGURATION_ERROR: the method cannot run as configured (bad endpoint address or function, a mapping template that fails, no integration response to select).</summary>
    public static readonly GatewayFailure ApiConfigurationError = new(GatewayResponseType.ApiConfigurationError, 500, "InternalServerErrorException", "Internal server error", BodyStyle.Spaced);
    /// <summary>INTEGRATION_FAILURE: a backend that cannot be reached, a function that fails, or a Lambda proxy answer that is not a valid proxy response.</summary>
    public static readonly GatewayFailure IntegrationFailure = new(GatewayResponseType.IntegrationFailure, 502, "InternalServerErrorException", "Internal server error", BodyStyle.Spaced);
    /// <summary>UNAUTHORIZED: an authorizer's identity source is missing or invalid, or its function answered "Unauthorized".</summary>
    public static readonly GatewayFailure Unauthorized = new(GatewayResponseType.Unauthorized, 401, "UnauthorizedException", "Unauthorized");
    /// <summary>A Cognito token past its exp (the UNAUTHORIZED response, with Cognito's own text).</summary>
    public static readonly GatewayFailure ExpiredToken = new(GatewayResponseType.Unauthorized, 401, "UnauthorizedException", "The incoming token has expired");
    /// <summary>ACCESS_DENIED for a Lambda authorizer's policy that denies the method explicitly.</summary>
    public static readonly GatewayFailure AuthorizerExplicitDeny = AccessDenied("User is not authorized to access this resource with an explicit deny");
    /// <summary>ACCESS_DENIED for a Lambda authorizer's policy that does not allow the method.</summary>
    public static readonly GatewayFailure AuthorizerImplicitDeny = AccessDenied("User is not authorized to access this resource");
    /// <summary>AUTHORIZER_CONFIGURATION_ERROR: the authorizer function cannot be called, fails, or answers something that is not a decision.</summary>
    public static readonly GatewayFailure AuthorizerConfigurationError = new(GatewayResponseType.AuthorizerConfigurationError, 500, "AuthorizerConfigurationException", "null", """{"message": null}"""u8.ToArray());
    /// <summary>INTEGRATION_TIMEOUT: the backend or function did not answer within the integration's timeout.</summary>
    public static readonly GatewayFailure EndpointTimeout = new(GatewayResponseType.IntegrationTimeout, 504, "InternalServerErrorException", "Endpoint request timed out", BodyStyle.Spaced);

    /// <summary>
    /// The ACCESS_DENIED gateway response: a policy (the API's resource policy, or an authorizer's) refuses the
    /// caller. API Gateway writes this body's key with a capital M.
    /// </summary>
    public static GatewayFailure AccessDenied(string message) =>
        new(GatewayResponseType.AccessDenied, 403, "AccessDeniedException", message, JsonBody("Message", message));

    /// <summary>
    /// BAD_REQUEST_PARAMETERS: required request parameters are missing under a validator that checks parameters;
    /// <paramref name="missingList"/> names them, comma-and-space separated (AWS writes them in brackets).
    /// </summary>
    public static GatewayFailure BadRequestParameters(string missingList) =>
        new(GatewayResponseType.BadRequestParameters, 400, "BadRequestException", $"Missing required request parameters: [{missingList}]", BodyStyle.Spaced);

    /// <summary>A refusal of a SigV4 signature at an invoke URL (missing, incomplete, unknown key, not verifying), with the message that says which.</summary>
    public static GatewayFailure SignatureRefused(string errorType, string message) =>
        new(errorType switch
        {
            "InvalidSignatureException" => GatewayResponseType.InvalidSignature,
            "ExpiredTokenException" => GatewayResponseType.ExpiredToken,
            _ => GatewayResponseType.Default4xx,
        }, 403, errorType, message, JsonBody("message", message));

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
