using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// Evaluates the right-hand side of a parameter mapping: 'literal', method.request.{path|querystring|header}.name,
/// method.request.body[.path], integration.response.{header}.name, integration.response.body[.path],
/// stageVariables.name or context.name. Unknown or absent sources give null, and the mapping is skipped.
/// </summary>
internal static class ParameterMapping
{
    public static string? MethodRequestValue(Invocation invocation, string expression)
    {
        if (TryLiteral(expression, out var literal))
        {
            return literal;
        }
        if (expression.StartsWith("method.request.path.", StringComparison.Ordinal))
        {
            return invocation.PathParameters.GetValueOrDefault(expression["method.request.path.".Length..]);
        }
        if (expression.StartsWith("method.request.querystring.", StringComparison.Ordinal))
        {
            return LastQueryValue(invocation, expression["method.request.querystring.".Length..]);
        }
        if (expression.StartsWith("method.request.multivaluequerystring.", StringComparison.Ordinal))
        {
            var name = expression["method.request.multivaluequerystring.".Length..];
            var values = invocation.Request.Query.Where(pair => pair.Key == name).Select(pair => pair.Value).ToList();
            return values.Count == 0 ? null : string.Join(',', values);
        }
        if (expression.StartsWith("method.request.header.", StringComparison.Ordinal))
        {
            return invocation.Request.Headers[expression["method.request.header.".Length..]];
        }
        if (expression.StartsWith("method.request.multivalueheader.", StringComparison.Ordinal))
        {
            return invocation.Request.Headers[expression["method.request.multivalueheader.".Length..]];
        }
        if (expression == "method.request.body")
        {
            return invocation.BodyText;
        }
        if (expression.StartsWith("method.request.body.", StringComparison.Ordinal))
        {
            return JsonMember(invocation.BodyText, expression["method.request.body.".Length..]);
        }
        return SharedValue(invocation, expression);
    }

    public static string? IntegrationResponseValue(Invocation invocation, string expression, IntegrationOutput output)
    {
        if (TryLiteral(expression, out var literal))
        {
            return literal;
        }
        if (expression.StartsWith("integration.response.header.", StringComparison.Ordinal))
        {
            return output.Header(expression["integration.response.header.".Length..]);
        }
        if (expression.StartsWith("integration.response.multivalueheader.", StringComparison.Ordinal))
        {
            var name = expression["integration.response.multivalueheader.".Length..];
            var values = output.Headers.Where(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Select(pair => pair.Value).ToList();
            return values.Count == 0 ? null : string.Join(',', values);
        }
        if (expression == "integration.response.body")
        {
            return output.BodyText;
        }
        if (expression.StartsWith("integration.response.body.", StringComparison.Ordinal))
        {
            return JsonMember(output.BodyText, expression["integration.response.body.".Length..]);
        }
        return SharedValue(invocation, expression);
    }

    private static string? SharedValue(Invocation invocation, string expression)
    {
        if (expression.StartsWith("stageVariables.", StringComparison.Ordinal))
        {
            return invocation.StageVariables.GetValueOrDefault(expression["stageVariables.".Length..]);
        }
        if (expression.StartsWith("context.", StringComparison.Ordinal))
        {
            return invocation.ContextVariables().GetValueOrDefault(expression["context.".Length..]) switch
            {
                null => null,
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var value => value.ToString(),
            };
        }
        return null;
    }

    private static string? LastQueryValue(Invocation invocation, string name)
    {
        string? found = null;
        foreach (var (key, value) in invocation.Request.Query)
        {
            if (key == name)
            {
                found = value;
            }
        }
        return found;
    }

    private static bool TryLiteral(string expression, out string literal)
    {
        if (expression.Length >= 2 && expression[0] == '\'' && expression[^1] == '\'')
        {
            literal = expression[1..^1];
            return true;
        }
        literal = "";
        return false;
    }

    /// <summary>A dotted member path (a.b.c) into a JSON body: strings as they are, anything else as JSON text.</summary>
    private static string? JsonMember(string json, string dottedPath)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var current = document.RootElement;
            foreach (var name in dottedPath.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            return current.ValueKind == JsonValueKind.String ? current.GetString() : current.GetRawText();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
