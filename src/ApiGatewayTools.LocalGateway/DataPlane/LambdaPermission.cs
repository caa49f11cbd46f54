using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// Whether a function's resource policy lets API Gateway invoke it for a given source ARN: an Allow statement
/// for the principal apigateway.amazonaws.com, action lambda:InvokeFunction (or a wildcard), and every
/// condition it carries on AWS:SourceArn / AWS:SourceAccount satisfied.
/// </summary>
internal static class LambdaPermission
{
    private const string ApiGatewayPrincipal = "apigateway.amazonaws.com";

    /// <summary>Null when allowed; otherwise why not, for the request log.</summary>
    public static string? Denial(string? policyJson, string sourceArn)
    {
        if (policyJson is null)
        {
            return "the function has no resource policy that allows apigateway.amazonaws.com to invoke it";
        }
        using var policy = JsonDocument.Parse(policyJson);
        if (!policy.RootElement.TryGetProperty("Statement", out var statements) || statements.ValueKind != JsonValueKind.Array)
        {
            return "the function's resource policy has no statements";
        }
        foreach (var statement in statements.EnumerateArray())
        {
            if (Text(statement, "Effect") == "Allow"
                && AllowsApiGateway(statement)
                && AllowsInvoke(statement)
                && ConditionsHold(statement, sourceArn))
            {
                return null;
            }
        }
        return $"no statement of the function's resource policy allows apigateway.amazonaws.com to invoke it from {sourceArn}";
    }

    private static bool AllowsApiGateway(JsonElement statement)
    {
        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return false;
        }
        if (principal.ValueKind == JsonValueKind.String)
        {
            return principal.GetString() is "*" or ApiGatewayPrincipal;
        }
        return principal.ValueKind == JsonValueKind.Object
            && principal.TryGetProperty("Service", out var service)
            && Values(service).Contains(ApiGatewayPrincipal);
    }

    private static bool AllowsInvoke(JsonElement statement) =>
        statement.TryGetProperty("Action", out var action)
        && Values(action).Any(value => value is "lambda:InvokeFunction" or "lambda:*" or "*");

    private static bool ConditionsHold(JsonElement statement, string sourceArn)
    {
        if (!statement.TryGetProperty("Condition", out var conditions) || conditions.ValueKind != JsonValueKind.Object)
        {
            return true;
        }
        foreach (var condition in conditions.EnumerateObject())
        {
            foreach (var key in condition.Value.EnumerateObject())
            {
                var actual = key.Name.ToLowerInvariant() switch
                {
                    "aws:sourcearn" => sourceArn,
                    "aws:sourceaccount" => LocalGatewayServer.AccountId,
                    _ => null,
                };
                if (actual is null)
                {
                    continue;
                }
                var expected = Values(key.Value);
                var holds = condition.Name switch
                {
                    "ArnLike" or "StringLike" => expected.Any(pattern => WildcardMatches(pattern, actual)),
                    "ArnEquals" or "StringEquals" => expected.Contains(actual),
                    _ => false,
                };
                if (!holds)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>IAM's ArnLike: '*' matches any run of characters, '?' any one character.</summary>
    public static bool WildcardMatches(string pattern, string text) =>
        Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Values(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
        _ => [],
    };
}
