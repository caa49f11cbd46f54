using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.State;
using ApiGatewayTools.LocalGateway.Templates;

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
        // A Lambda function is told by its error message, which a success does not have (patterns then see "").
        var selector = invocation.Integration.Type == "AWS" ? output.ErrorMessage ?? "" : output.StatusCode.ToString(CultureInfo.InvariantCulture);
        var response = Select(invocation.Integration, selector);
        if (response is null)
        {
            invocation.Log?.Add("Execution failed due to configuration error: No match for output mapping and no default output mapping configured. " +
                $"Endpoint Response Status Code: {output.StatusCode.ToString(CultureInfo.InvariantCulture)}");
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
        var overrides = new ResponseOverride();
        // CONVERT_TO_TEXT hands the template (or the client) the binary payload as base64 text.
        var payload = response.ContentHandling == "CONVERT_TO_TEXT" ? Encoding.ASCII.GetBytes(Convert.ToBase64String(output.Body)) : output.Body;
        var template = SelectTemplate(response.ResponseTemplates, invocation.Request.Headers["Accept"]);
        if (template is { } selected && !string.IsNullOrEmpty(selected.Template))
        {
            var payloadText = ReferenceEquals(payload, output.Body) ? output.BodyText : Encoding.ASCII.GetString(payload);
            body = Encoding.UTF8.GetBytes(Invocation.Render(selected.Template, () => invocation.ResponseTemplateContext(payloadText, overrides)));
            contentType = selected.ContentType;
        }
        else
        {
            // No template (or an empty one): the integration's body passes through unchanged. Its Content-Type
            // does not: a non-proxy answer carries only the headers the integration response maps.
            body = payload;
            contentType = template?.ContentType ?? DefaultContentType;
        }
        if (response.ContentHandling == "CONVERT_TO_BINARY")
        {
            body = FromBase64(body);
        }
        // A template's $context.responseOverride is final: it replaces what the mappings set.
        foreach (var (name, value) in overrides.Headers)
        {
            headers.RemoveAll(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase));
            headers.Add(new(name, value));
        }
        if (!headers.Exists(pair => string.Equals(pair.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", contentType));
        }
        var statusCode = overrides.Status ?? int.Parse(response.StatusCode, CultureInfo.InvariantCulture);
        invocation.Log?.Add($"Method response body after transformations: {Truncate(Encoding.UTF8.GetString(body))}");
        return new MethodResult(statusCode, headers, body);
    }

    /// <summary>The integration response whose selectionPattern fully matches; the one without a pattern is the default.</summary>
    private static IntegrationResponseRecord? Select(IntegrationRecord integration, string selector)
    {
        IntegrationResponseRecord? fallback = null;
        foreach (var response in integration.IntegrationResponses.Values)
        {
            if (string.IsNullOrEmpty(response.SelectionPattern))
            {
                fallback ??= response;
                continue;
            }
            if (Pattern(response.SelectionPattern) is { } pattern && pattern.IsMatch(selector))
            {
                return response;
            }
        }
        return fallback;
    }

    /// <summary>
    /// CONVERT_TO_BINARY decodes a base64 payload; a payload that is not base64 passes as it is.
    /// </summary>
    private static byte[] FromBase64(byte[] body)
    {
        var text = Encoding.ASCII.GetString(body).Trim();
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : body;
    }

    /// <summary>
    /// Selection patterns are Java regular expressions that must match the whole text (Matcher.matches), where
    /// '.' stops at a line break as Java's does; null when invalid.
    /// </summary>
    private static Regex? Pattern(string selectionPattern) =>
        Patterns.GetOrAdd(selectionPattern, static text =>
        {
            try
            {
                return new Regex($@"\A(?:{text})\z", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
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
