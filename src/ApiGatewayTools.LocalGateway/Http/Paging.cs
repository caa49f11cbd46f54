using System.Globalization;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// API Gateway's position/limit pagination. The list travels under "item" (the locationName of
/// "items" in the service model) and "position" is present only when more items follow.
/// </summary>
internal static class Paging
{
    private const int DefaultLimit = 25;
    private const int MaxLimit = 500;

    public static GatewayResponse Page<T>(GatewayRequest request, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        var limit = ReadLimit(request);
        var offset = ReadPosition(request);
        var page = items.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count;
        return GatewayResponse.Json(200, writer =>
        {
            if (next < items.Count)
            {
                writer.WriteString("position", next.ToString(CultureInfo.InvariantCulture));
            }
            WriteItems(writer, page, writeItem);
        });
    }

    public static void WriteItems<T>(Utf8JsonWriter writer, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WritePropertyName("item");
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writeItem(writer, item);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static int ReadLimit(GatewayRequest request)
    {
        var text = request.QueryValue("limit");
        if (text is null)
        {
            return DefaultLimit;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw GatewayError.BadRequest($"Invalid limit: {text}. The limit must be between 1 and {MaxLimit}.");
    }

    private static int ReadPosition(GatewayRequest request)
    {
        var text = request.QueryValue("position");
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw GatewayError.BadRequest($"Invalid position parameter: {text}");
    }
}
