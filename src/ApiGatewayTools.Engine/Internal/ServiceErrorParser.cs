using System.Net;
using System.Text.Json;
using ApiGatewayTools.Engine.Errors;

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
        string? bodyCode = null;
        string? message = null;
        if (TryParseObject(body, out var root))
        {
            bodyCode = FirstString(root, "__type", "code", "Code");
            message = FirstString(root, "message", "Message", "errorMessage");
        }

        var code = CodeFrom(errorTypeHeader) ?? CodeFrom(bodyCode) ?? FallbackCode(status);
        message ??= $"{operation} failed with HTTP {(int)status} {status}.";
        return new GwServiceException(code, message, status, operation, requestId);
    }

    /// <summary>"NotFoundException:http://internal..." and "com.amazon#NotFoundException" both name NotFoundException.</summary>
    private static string? CodeFrom(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return null;
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

    private static bool TryParseObject(string body, out JsonElement root)
    {
        root = default;
        if (string.IsNullOrWhiteSpace(body))
            return false;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return false;
            root = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? FirstString(JsonElement obj, params string[] names)
    {
        foreach (var name in names)
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                return value.GetString();
        }
        return null;
    }
}
