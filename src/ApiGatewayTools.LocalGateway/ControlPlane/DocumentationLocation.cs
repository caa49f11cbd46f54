using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// Where a documentation part applies: an entity type and the fields that type takes. A field the type takes
/// but the caller left out is a wildcard, stored as AWS reports it ("/" for a path, "*" for a method or a
/// status code), so two locations are the same exactly when their records are equal.
/// </summary>
internal sealed record DocumentationLocation(string Type, string? Path, string? Method, string? StatusCode, string? Name)
{
    /// <summary>Which location fields each entity type takes, and whether it needs a name.</summary>
    private sealed record Rule(bool Path, bool Method, bool StatusCode, bool Name, bool NameRequired);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["API"] = new(false, false, false, false, false),
        ["AUTHORIZER"] = new(false, false, false, true, true),
        ["MODEL"] = new(false, false, false, true, true),
        ["RESOURCE"] = new(true, false, false, false, false),
        ["METHOD"] = new(true, true, false, false, false),
        ["PATH_PARAMETER"] = new(true, true, false, true, true),
        ["QUERY_PARAMETER"] = new(true, true, false, true, true),
        ["REQUEST_HEADER"] = new(true, true, false, true, true),
        // AWS's reference calls the name required here, yet its own guide documents a body with path and method alone.
        ["REQUEST_BODY"] = new(true, true, false, true, false),
        ["RESPONSE"] = new(true, true, true, false, false),
        ["RESPONSE_HEADER"] = new(true, true, true, true, true),
        ["RESPONSE_BODY"] = new(true, true, true, false, false),
    };

    /// <summary>The entity types in the service model's order, as its enum error lists them.</summary>
    public static IReadOnlyCollection<string> Types => Rules.Keys;

    /// <summary>Reads and checks a location object (of a request body or an imported document).</summary>
    public static DocumentationLocation Read(JsonElement location, string member)
    {
        var type = JsonRead.String(location, "type")
            ?? throw GatewayError.BadRequest($"1 validation error detected: Value null at '{member}.type' failed to satisfy constraint: Member must not be null");
        var rule = RuleOf(type, $"{member}.type");
        string? Field(string name, bool valid, string? wildcard)
        {
            var value = JsonRead.String(location, name);
            if (value is not null && !valid)
            {
                throw GatewayError.BadRequest($"Invalid location: {name} is not a valid field for type {type}.");
            }
            return valid && string.IsNullOrEmpty(value) ? wildcard : value;
        }
        var path = Field("path", rule.Path, "/");
        var method = Field("method", rule.Method, "*");
        var statusCode = Field("statusCode", rule.StatusCode, "*");
        var name = Field("name", rule.Name, null);
        if (rule.NameRequired && string.IsNullOrEmpty(name))
        {
            throw GatewayError.BadRequest($"Invalid location: name is required for type {type}.");
        }
        if (path is not null && !path.StartsWith('/'))
        {
            throw GatewayError.BadRequest($"Invalid location: path must start with '/': {path}");
        }
        if (statusCode is not null && statusCode != "*" && !(statusCode.Length == 3 && statusCode[0] is >= '1' and <= '5' && statusCode.All(char.IsAsciiDigit)))
        {
            throw GatewayError.BadRequest($"Invalid location: statusCode must be a status code from 100 to 599 or *: {statusCode}");
        }
        return new DocumentationLocation(type, path, method?.ToUpperInvariant(), statusCode, name);
    }

    /// <summary>AWS's enum error for a type it does not have (also for GetDocumentationParts' type filter).</summary>
    public static void EnsureType(string type, string member) => RuleOf(type, member);

    private static Rule RuleOf(string type, string member) =>
        Rules.TryGetValue(type, out var rule)
            ? rule
            : throw GatewayError.BadRequest(
                $"1 validation error detected: Value '{type}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Rules.Keys)}]");

    /// <summary>The location as AWS names it in the conflict message: type 'METHOD', path '/pets', method 'GET'.</summary>
    public override string ToString()
    {
        var fields = new List<string> { $"type '{Type}'" };
        foreach (var (name, value) in new[] { ("path", Path), ("method", Method), ("statusCode", StatusCode), ("name", Name) })
        {
            if (value is not null)
            {
                fields.Add($"{name} '{value}'");
            }
        }
        return string.Join(", ", fields);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("location");
        writer.WriteString("type", Type);
        writer.OptionalString("path", Path);
        writer.OptionalString("method", Method);
        writer.OptionalString("statusCode", StatusCode);
        writer.OptionalString("name", Name);
        writer.WriteEndObject();
    }
}
