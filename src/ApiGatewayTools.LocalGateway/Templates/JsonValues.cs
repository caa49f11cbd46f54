using System.Text.Encodings.Web;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>Moves between JSON text and template values (maps, lists, strings, numbers, booleans, null).</summary>
internal static class JsonValues
{
    // Templates build JSON for people and backends to read: keep '<', '&', quotes and non-ASCII text as written.
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToMap(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Compact JSON text of one element.</summary>
    public static string ToJson(JsonElement element) => Write(writer => element.WriteTo(writer));

    /// <summary>Compact JSON array of several elements, as a wildcard selection answers.</summary>
    public static string ToJsonArray(IEnumerable<JsonElement> elements) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var element in elements)
        {
            element.WriteTo(writer);
        }
        writer.WriteEndArray();
    });

    private static TemplateMap ToMap(JsonElement element)
    {
        var map = new TemplateMap();
        foreach (var property in element.EnumerateObject())
        {
            map.Put(property.Name, ToValue(property.Value));
        }
        return map;
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
