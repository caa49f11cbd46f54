using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>Reading and writing the REST-JSON shapes; absent and null members read as "not set".</summary>
internal static class Json
{
    /// <summary>Readable bodies in -WhatIf output: '+', '&lt;' and quotes in templates stay as typed.</summary>
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonObject body) => body.ToJsonString(WriteOptions);

    /// <summary>A string as it appears inside a body <see cref="Write"/> wrote (escaped, without its quotes).</summary>
    public static string Encoded(string value) => JsonSerializer.Serialize(value, WriteOptions)[1..^1];

    /// <summary>Adds the member only when it has a value, so "null means leave out" holds everywhere.</summary>
    public static JsonObject Put(this JsonObject obj, string name, JsonNode? value)
    {
        if (value is not null)
        {
            obj[name] = value;
        }

        return obj;
    }

    public static JsonObject? ToJson<T>(IReadOnlyDictionary<string, T>? map)
    {
        if (map is null)
        {
            return null;
        }

        var obj = new JsonObject();
        foreach (var (key, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            obj[key] = JsonValue.Create(value);
        }

        return obj;
    }

    public static JsonArray? ToJson(IReadOnlyList<string>? list) =>
        list is null ? null : new JsonArray(list.Select(item => (JsonNode?)JsonValue.Create(item)).ToArray());

    public static JsonElement Parse(string text)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        return doc.RootElement.Clone();
    }

    public static JsonElement? Member(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? Str(this JsonElement obj, string name) =>
        obj.Member(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool Bool(this JsonElement obj, string name) =>
        obj.Member(name) is { } value && value.ValueKind == JsonValueKind.True;

    public static int? Int(this JsonElement obj, string name) =>
        obj.Member(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    public static double? Double(this JsonElement obj, string name) =>
        obj.Member(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    /// <summary>API Gateway's timestamps: seconds since the epoch, possibly fractional.</summary>
    public static DateTimeOffset? EpochSeconds(this JsonElement obj, string name) =>
        obj.Member(name) is { ValueKind: JsonValueKind.Number } value
            ? DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(value.GetDouble() * 1000))
            : null;

    public static IReadOnlyList<string> StringList(this JsonElement obj, string name) =>
        obj.Member(name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    public static IReadOnlyDictionary<string, string> StringMap(this JsonElement obj, string name) =>
        Map(obj, name, e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText());

    public static IReadOnlyDictionary<string, bool> BoolMap(this JsonElement obj, string name) =>
        Map(obj, name, e => e.ValueKind == JsonValueKind.True);

    public static IReadOnlyDictionary<string, T> Map<T>(this JsonElement obj, string name, Func<JsonElement, T> read)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        if (obj.Member(name) is { ValueKind: JsonValueKind.Object } members)
        {
            foreach (var member in members.EnumerateObject())
            {
                map[member.Name] = read(member.Value);
            }
        }
        return map;
    }

    /// <summary>The members of a list answer: AWS names the array "item" on the wire.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement page) =>
        page.Member("item") is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray() : [];
}
