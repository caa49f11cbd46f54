using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>Checks and builds integration URIs.</summary>
public static partial class IntegrationUri
{
    public const string InvalidErrorId = "InvalidIntegrationUri";

    [GeneratedRegex(@"\$\{stageVariables\.[A-Za-z0-9_]+\}")]
    private static partial Regex StageVariableReference();

    [GeneratedRegex(@"\{[A-Za-z0-9_.\-]+\+?\}")]
    private static partial Regex PathVariable();

    /// <summary>
    /// An HTTP integration needs an absolute http(s) URL. Stage-variable references (${stageVariables.host})
    /// and path variables ({id}) are allowed where API Gateway substitutes them.
    /// </summary>
    public static Uri ValidateHttp(string? uri, string parameterName = "Uri")
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new GwValidationException(InvalidErrorId, parameterName, "An integration URI is required, for example http://example.com/pets.");
        }

        var probe = PathVariable().Replace(StageVariableReference().Replace(uri, "stagevar"), "var");
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new GwValidationException(InvalidErrorId, parameterName, $"'{uri}' is not an absolute http:// or https:// URL; an HTTP integration needs one, for example https://example.com/pets/{{id}}.");
        }

        return parsed;
    }

    /// <summary>The path variables ({id}, {proxy}) an integration URI refers to, without braces or '+'.</summary>
    public static IReadOnlyList<string> PathVariables(string uri) =>
        PathVariable().Matches(uri).Select(m => ResourcePath.VariableName(m.Value)).Distinct().ToArray();

    /// <summary>arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations</summary>
    public static string ForLambda(LambdaFunctionArn function) =>
        $"arn:{function.Partition}:apigateway:{function.Region}:lambda:path/2015-03-31/functions/{function}/invocations";
}

/// <summary>Request parameter mappings for HTTP integrations.</summary>
public static class IntegrationMappings
{
    /// <summary>
    /// The user's mappings plus integration.request.path.X = method.request.path.X for every {X} the URI uses
    /// and the user did not map: what users expect when they write http://backend/pets/{petId}.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WithUriPathVariables(string uri, IReadOnlyDictionary<string, string>? userMappings)
    {
        var result = new Dictionary<string, string>(userMappings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var name in IntegrationUri.PathVariables(uri))
        {
            result.TryAdd($"integration.request.path.{name}", $"method.request.path.{name}");
        }

        return result;
    }
}
