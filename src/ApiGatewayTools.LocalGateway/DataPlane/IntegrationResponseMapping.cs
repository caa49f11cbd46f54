using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// Turns a non-proxy integration's output into the method response: picks the integration response
/// (selectionPattern against the status code, or against a Lambda error message), then applies its
/// header mappings and response template.
/// </summary>
internal static class IntegrationResponseMapping
{
    private const string DefaultContentType = "application/json";
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    /// <exception cref="MappingTemplateException">The selected response template cannot be rendered.</exception>
    public static MethodResult Map(Invocation invocation, IntegrationOutput output)
    {
        var selector = output.ErrorMessage ?? output.StatusCode.ToString(CultureInfo.InvariantCulture);
        var response = Select(invocation.Integration, selector, isLambdaError: output.ErrorMessage is not null);
        if (response is null)
        {
            invocation.Log?.Add("Execution failed due to configuration error: No match for output mapping and no default output mapping specified for Endpoint Response");
            return MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, "no integration response matches and none is the default");
        }
        invocation.Log?.Add($"Integration response {response.StatusCode} selected for {selector}");

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (target, expression) in response.ResponseParameters)
        {
            const string HeaderPrefix = "method.response.header.";
            if (!target.StartsWith(HeaderPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (ParameterMapping.IntegrationResponseValue(invocation, expression, output) is { } value)
            {
                headers.Add(new(target[HeaderPrefix.Length..], value));
            }
        }

        byte[] body;
        string contentType;
        var template = SelectTemplate(response.ResponseTemplates, invocation.Request.Headers["Accept"]);
        if (template is { } selected && !string.IsNullOrEmpty(selected.Template))
        {
            body = Encoding.UTF8.GetBytes(Invocation.Render(selected.Template, () => invocation.ResponseTemplateContext(output.BodyText)));
            contentType = selected.ContentType;
        }
        else
        {
            // No template (or an empty one): the integration's body passes through unchanged.
            body = output.Body;
            contentType = template?.ContentType ?? output.Header("Content-Type") ?? DefaultContentType;
        }
        if (!headers.Exists(pair => string.Equals(pair.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", contentType));
        }
        var statusCode = int.Parse(response.StatusCode, CultureInfo.InvariantCulture);
        invocation.Log?.Add($"Method response body after transformations: {Truncate(Encoding.UTF8.GetString(body))}");
        return new MethodResult(statusCode, headers, body);
    }

    /// <summary>
    /// The integration response whose selectionPattern fully matches; the one without a pattern is the default.
    /// A Lambda function that succeeded always takes the default.
    /// </summary>
    private static IntegrationResponseRecord? Select(IntegrationRecord integration, string selector, bool isLambdaError)
    {
        IntegrationResponseRecord? fallback = null;
        var lambda = integration.Type == "AWS" && !isLambdaError;
        foreach (var response in integration.IntegrationResponses.Values)
        {
            if (string.IsNullOrEmpty(response.SelectionPattern))
            {
                fallback ??= response;
                continue;
            }
            if (!lambda && Pattern(response.SelectionPattern) is { } pattern && pattern.IsMatch(selector))
            {
                return response;
            }
        }
        return fallback;
    }

    /// <summary>Selection patterns are Java regular expressions that must match the whole text; null when invalid.</summary>
    private static Regex? Pattern(string selectionPattern) =>
        Patterns.GetOrAdd(selectionPattern, static text =>
        {
            try
            {
                return new Regex($"^(?:{text})$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                return null;
            }
        });

    /// <summary>The template for the media type the client accepts; else application/json; else the first one.</summary>
    private static (string ContentType, string Template)? SelectTemplate(Dictionary<string, string> templates, string? accept)
    {
        if (templates.Count == 0)
        {
            return null;
        }
        if (!string.IsNullOrEmpty(accept))
        {
            foreach (var part in accept.Split(','))
            {
                var mediaType = InvocationRequest.MediaTypeOf(part);
                foreach (var (key, template) in templates)
                {
                    if (string.Equals(key, mediaType, StringComparison.OrdinalIgnoreCase))
                    {
                        return (key, template);
                    }
                }
            }
        }
        if (templates.TryGetValue(DefaultContentType, out var json))
        {
            return (DefaultContentType, json);
        }
        var first = templates.OrderBy(pair => pair.Key, StringComparer.Ordinal).First();
        return (first.Key, first.Value);
    }

    public static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000] + " [TRUNCATED]";
}
