using System.Net;
using System.Text.Json;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>
/// Reads AWS's REST-JSON error answers. The code comes from the x-amzn-ErrorType header (text before ':')
/// when present; Lambda's body carries "Type":"User", which is a fault category, not the code.
/// </summary>
internal static class ServiceErrorParser
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";

    public static GwServiceException Parse(HttpStatusCode status, string? errorTypeHeader, string? requestId, string body, string operation)
    {
        var root = ParseOrNothing(body);
        var bodyCode = FirstString(root, "__type", "code", "Code");
        var message = FirstString(root, "message", "Message", "errorMessage")
            ?? $"{operation} failed with HTTP {(int)status} {status}.";
        var code = CodeFrom(errorTypeHeader) ?? CodeFrom(bodyCode) ?? FallbackCode(status);
        return new GwServiceException(code, message, status, operation, requestId);
    }

    /// <summary>"NotFoundException:http://internal..." and "com.amazon#NotFoundException" both name NotFoundException.</summary>
    private static string? CodeFrom(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw.Split(':')[0];
        var hash = code.LastIndexOf('#');
        code = (hash >= 0 ? code[(hash + 1)..] : code).Trim();
        return code.Length == 0 ? null : code;
    }

    private static string FallbackCode(HttpStatusCode status) => (int)status switch
    {
        400 => "BadRequestException",
        403 => "AccessDeniedException",
        404 => "NotFoundException",
        409 => "ConflictException",
        429 => "TooManyRequestsException",
        >= 500 => "ServiceUnavailableException",
        _ => "Http" + (int)status,
    };

    /// <summary>Error bodies need not be JSON (a proxy's HTML page, plain text); those read as having no members.</summary>
    private static JsonElement ParseOrNothing(string body)
    {
        try
        {
            return Json.Parse(body);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? FirstString(JsonElement obj, params string[] names) =>
        names.Select(name => obj.Str(name)).FirstOrDefault(value => value is not null);
}
