using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// Where a documentation part applies, checked against AWS's rules for each entity type before anything is sent,
/// and written the way API Gateway stores it: a path, method or status code the type takes but the caller left
/// out is a wildcard ("/", "*", "*"), so a location read back compares equal to the one asked for.
/// </summary>
public sealed record DocumentationLocation(string Type, string? Path, string? HttpMethod, string? StatusCode, string? Name)
{
    public const string InvalidTypeErrorId = "InvalidDocumentationLocation";
    public const string FieldNotTakenErrorId = "DocumentationFieldNotTaken";
    public const string NameRequiredErrorId = "DocumentationNameRequired";
    public const string InvalidStatusCodeErrorId = "InvalidDocumentationStatusCode";
    public const string NotFoundErrorId = "DocumentationLocationNotFound";

    /// <summary>Which fields each type takes and whether it needs a name (AWS: DocumentationPartLocation).</summary>
    private sealed record Rule(bool Path, bool Method, bool StatusCode, bool Name, bool NameRequired, string NameMeans);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["API"] = new(false, false, false, false, false, ""),
        ["AUTHORIZER"] = new(false, false, false, true, true, "the authorizer's name"),
        ["MODEL"] = new(false, false, false, true, true, "the model's name, e.g. Pet"),
        ["RESOURCE"] = new(true, false, false, false, false, ""),
        ["METHOD"] = new(true, true, false, false, false, ""),
        ["PATH_PARAMETER"] = new(true, true, false, true, true, "the path parameter's name, e.g. petId"),
        ["QUERY_PARAMETER"] = new(true, true, false, true, true, "the query string's name, e.g. limit"),
        ["REQUEST_HEADER"] = new(true, true, false, true, true, "the header's name, e.g. X-Request-Id"),
        ["REQUEST_BODY"] = new(true, true, false, true, false, "the body's model name"),
        ["RESPONSE"] = new(true, true, true, false, false, ""),
        ["RESPONSE_HEADER"] = new(true, true, true, true, true, "the response header's name, e.g. X-Next"),
        ["RESPONSE_BODY"] = new(true, true, true, false, false, ""),
    };

    /// <summary>AWS's entity types, in its order.</summary>
    public static IReadOnlyCollection<string> Types => Rules.Keys;

    /// <summary>A location from a cmdlet's parameters: checked, with wildcards filled in.</summary>
    public static DocumentationLocation Create(string type, string? path, string? httpMethod, string? statusCode, string? name)
    {
        var upper = NormalizeType(type);
        var rule = Rules[upper];
        NotTaken(upper, "Path", path, rule.Path);
        NotTaken(upper, "HttpMethod", httpMethod, rule.Method);
        NotTaken(upper, "StatusCode", statusCode, rule.StatusCode);
        NotTaken(upper, "Name", name, rule.Name);
        if (rule.NameRequired && string.IsNullOrWhiteSpace(name))
        {
            throw new GwValidationException(NameRequiredErrorId, "Name", $"A {upper} location needs -Name: {rule.NameMeans}.");
        }
        return new DocumentationLocation(
            upper,
            rule.Path ? ResourcePath.Parse(string.IsNullOrEmpty(path) ? "/" : path).ToString() : null,
            rule.Method ? Wildcard(httpMethod) ?? HttpVerb.Normalize(httpMethod) : null,
            rule.StatusCode ? Wildcard(statusCode) ?? CheckStatusCode(statusCode!) : null,
            string.IsNullOrEmpty(name) ? null : name);
    }

    /// <summary>The entity type upper-cased, or an error listing AWS's types.</summary>
    public static string NormalizeType(string type)
    {
        var upper = type.Trim().ToUpperInvariant();
        return Rules.ContainsKey(upper)
            ? upper
            : throw new GwValidationException(InvalidTypeErrorId, "Location",
                $"'{type}' is not a documentation location API Gateway has; use one of {string.Join(", ", Types)}.");
    }

    /// <summary>Whether the type takes a resource path (every type but API, AUTHORIZER and MODEL).</summary>
    public static bool TakesPath(string type) => Rules[NormalizeType(type)].Path;

    /// <summary>
    /// A location must name what the API has: its resource path, and a method that exists there. Checked against
    /// the API's resource tree, so a typo is an error naming what exists rather than a part nobody will ever see.
    /// </summary>
    public void EnsureExistsIn(ResourceTree tree)
    {
        if (Path is null)
        {
            return;
        }
        if (tree.Find(ResourcePath.Parse(Path)) is not { } resource)
        {
            throw new GwValidationException(NotFoundErrorId, "Path",
                $"REST API {tree.RestApiId} has no resource at {Path}; its resources are {string.Join(", ", tree.Resources.Select(r => r.Path))}.");
        }
        if (HttpMethod is not null and not "*" && !resource.HttpMethods.Contains(HttpMethod))
        {
            var has = resource.HttpMethods.Count == 0 ? "none" : string.Join(", ", resource.HttpMethods);
            throw new GwValidationException(NotFoundErrorId, "HttpMethod",
                $"{Path} in REST API {tree.RestApiId} has no {HttpMethod} method (its methods: {has}); use one of them, or * for every method.");
        }
    }

    public JsonObject ToJson() => new JsonObject { ["type"] = Type }
        .Put("path", Path)
        .Put("method", HttpMethod)
        .Put("statusCode", StatusCode)
        .Put("name", Name);

    public override string ToString() => Describe(Type, Path, HttpMethod, StatusCode, Name);

    /// <summary>A location in a line: "METHOD GET /pets", "RESPONSE_HEADER X-Next of 200 GET /pets".</summary>
    public static string Describe(string type, string? path, string? httpMethod, string? statusCode, string? name)
    {
        var target = string.Join(" ", new[] { statusCode, httpMethod, path }.Where(part => part is not null));
        return string.Join(" ", new[] { type, name, name is not null && target.Length > 0 ? "of" : null, target }.Where(part => !string.IsNullOrEmpty(part)));
    }

    private static void NotTaken(string type, string parameter, string? value, bool taken)
    {
        if (!string.IsNullOrEmpty(value) && !taken)
        {
            var takes = TakenParameters(type);
            throw new GwValidationException(FieldNotTakenErrorId, parameter,
                $"-{parameter} does not apply to a {type} location; it takes {(takes.Length == 0 ? "no other parameter" : string.Join(", ", takes))}.");
        }
    }

    private static string[] TakenParameters(string type)
    {
        var rule = Rules[type];
        return new (bool Taken, string Name)[] { (rule.Path, "-Path"), (rule.Method, "-HttpMethod"), (rule.StatusCode, "-StatusCode"), (rule.Name, "-Name") }
            .Where(field => field.Taken).Select(field => field.Name).ToArray();
    }

    private static string? Wildcard(string? value) => string.IsNullOrEmpty(value) || value == "*" ? "*" : null;

    private static string CheckStatusCode(string statusCode) =>
        int.TryParse(statusCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599 && statusCode.Length == 3
            ? statusCode
            : throw new GwValidationException(InvalidStatusCodeErrorId, "StatusCode", $"'{statusCode}' is not a status code; use one from 100 to 599, or * for every response.");
}
