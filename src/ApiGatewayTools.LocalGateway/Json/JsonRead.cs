using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.Json;

/// <summary>Typed reads of request body members; a member of the wrong JSON type is a 400 as AWS answers it.</summary>
internal static class JsonRead
{
    public static string? String(JsonElement body, string name) =>
        Member(body, name) is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw WrongType(name, "a string")
            : null;

    public static bool? Bool(JsonElement body, string name) =>
        Member(body, name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw WrongType(name, "a boolean"),
            }
            : null;

    public static int? Int(JsonElement body, string name) =>
        Member(body, name) is { } value
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw WrongType(name, "an integer")
            : null;

    public static List<string>? StringList(JsonElement body, string name)
    {
        if (Member(body, name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw WrongType(name, "a list of strings");
        }
        return value.EnumerateArray().Select(item => item.GetString()!).ToList();
    }

    public static Dictionary<string, string>? StringMap(JsonElement body, string name)
    {
        if (Member(body, name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            throw WrongType(name, "a map of strings");
        }
        return value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    public static Dictionary<string, bool>? BoolMap(JsonElement body, string name)
    {
        if (Member(body, name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object
            || value.EnumerateObject().Any(p => p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)))
        {
            throw WrongType(name, "a map of booleans");
        }
        return value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean(), StringComparer.Ordinal);
    }

    public static JsonElement? Object(JsonElement body, string name) =>
        Member(body, name) is { } value
            ? value.ValueKind == JsonValueKind.Object ? value : throw WrongType(name, "an object")
            : null;

    public static string RequiredString(JsonElement body, string name) =>
        String(body, name) ?? throw GatewayError.BadRequest($"Invalid request input: {name} is required.");

    private static JsonElement? Member(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static GatewayError WrongType(string name, string expected) =>
        GatewayError.BadRequest($"Invalid request input: {name} must be {expected}.");
}
