using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Json;

/// <summary>
/// Writers for the member shapes API Gateway and Lambda use. Absent optional members are left out,
/// as AWS leaves them out, so clients see "not set" rather than an empty value.
/// </summary>
internal static class JsonWrite
{
    public static void OptionalString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void OptionalNumber(this Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void OptionalNumber(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void OptionalBool(this Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    /// <summary>API Gateway's timestamps travel as epoch seconds.</summary>
    public static void EpochSeconds(this Utf8JsonWriter writer, string name, DateTimeOffset value) =>
        writer.WriteNumber(name, value.ToUnixTimeSeconds());

    public static void OptionalMap<TValue>(this Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, TValue>? map)
    {
        if (map is null || map.Count == 0)
        {
            return;
        }
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var (key, value) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            switch (value)
            {
                case bool flag:
                    writer.WriteBoolean(key, flag);
                    break;
                default:
                    writer.WriteString(key, value?.ToString());
                    break;
            }
        }
        writer.WriteEndObject();
    }

    public static void OptionalList(this Utf8JsonWriter writer, string name, IReadOnlyList<string>? list)
    {
        if (list is null || list.Count == 0)
        {
            return;
        }
        writer.WriteStringArray(name, list);
    }

    public static void WriteStringArray(this Utf8JsonWriter writer, string name, IEnumerable<string> list)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var item in list)
        {
            writer.WriteStringValue(item);
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes an object member whose contents <paramref name="writeMembers"/> supplies.</summary>
    public static void Object(this Utf8JsonWriter writer, string name, Action writeMembers)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        writeMembers();
        writer.WriteEndObject();
    }
}
