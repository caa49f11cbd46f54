using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// <c>$input</c>: the request (or integration response) body, JSONPath selections of it, and the method
/// request's parameters.
/// </summary>
internal sealed class InputVariable(MappingTemplateContext context) : ITemplateObject
{
    private JsonElement? _root;
    private TemplateMap? _params;

    public string Name => "$input";

    public bool TryGetProperty(string name, out object? value)
    {
        value = name == "body" ? context.Body : null;
        return name == "body";
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, SourcePosition position, out object? result)
    {
        switch (method)
        {
            case "json":
                ValueMethods.Arity(method, arguments, 1, position);
                result = Json(PathArgument(arguments, "$input.json", position), position);
                return true;
            case "path":
                ValueMethods.Arity(method, arguments, 1, position);
                result = Path(PathArgument(arguments, "$input.path", position), position);
                return true;
            case "params" when arguments.Count == 0:
                result = AllParams();
                return true;
            case "params":
                ValueMethods.Arity(method, arguments, 1, position);
                result = Param(ValueMethods.NullableText(arguments[0]));
                return true;
            default:
                result = null;
                return false;
        }
    }

    /// <summary>JSON text of the selection; nothing when the path selects nothing.</summary>
    private string? Json(string path, SourcePosition position)
    {
        var selection = JsonPathSelector.Select(Root("$input.json", position), path, "$input.json", position);
        if (selection.IsIndefinite)
        {
            return JsonValues.ToJsonArray(selection.Matches);
        }
        return selection.Matches.Count == 0 ? null : JsonValues.ToJson(selection.Matches[0]);
    }

    /// <summary>The selection as a value to navigate: a map, list, string, number, boolean or null.</summary>
    private object? Path(string path, SourcePosition position)
    {
        var selection = JsonPathSelector.Select(Root("$input.path", position), path, "$input.path", position);
        if (selection.IsIndefinite)
        {
            return selection.Matches.Select(JsonValues.ToValue).ToList();
        }
        return selection.Matches.Count == 0 ? null : JsonValues.ToValue(selection.Matches[0]);
    }

    /// <summary>API Gateway looks a name up in the path, then the query string, then the headers; a miss is empty text.</summary>
    private string Param(string? name)
    {
        if (name is null)
        {
            return "";
        }
        if (context.PathParameters.TryGetValue(name, out var value) || context.QueryStringParameters.TryGetValue(name, out value))
        {
            return value;
        }
        return HeaderValue(name) ?? "";
    }

    private string? HeaderValue(string name)
    {
        if (context.Headers.TryGetValue(name, out var value))
        {
            return value;
        }
        // The caller may have given an ordinal dictionary; header names still match case-insensitively.
        return context.Headers.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private TemplateMap AllParams()
    {
        if (_params is null)
        {
            _params = new TemplateMap();
            _params.Put("path", TemplateMap.From(context.PathParameters));
            _params.Put("querystring", TemplateMap.From(context.QueryStringParameters));
            _params.Put("header", TemplateMap.From(context.Headers, StringComparer.OrdinalIgnoreCase));
        }
        return _params;
    }

    /// <summary>The body as JSON; an empty body reads as an empty object, as API Gateway treats it.</summary>
    private JsonElement Root(string construct, SourcePosition position)
    {
        if (_root is { } root)
        {
            return root;
        }
        var body = string.IsNullOrWhiteSpace(context.Body) ? "{}" : context.Body;
        try
        {
            using var document = JsonDocument.Parse(body);
            _root = document.RootElement.Clone();
            return _root.Value;
        }
        catch (JsonException error)
        {
            throw new MappingTemplateException(construct, $"the body is not valid JSON: {error.Message}", position);
        }
    }

    private static string PathArgument(IReadOnlyList<object?> arguments, string construct, SourcePosition position) =>
        arguments[0] as string
        ?? throw new MappingTemplateException(construct, $"{construct} needs a JSONPath string such as '$.name'", position);

    public override string ToString() => Name;
}
