using System.Text.Json.Nodes;

namespace ApiGatewayTools.LocalGateway.OpenApi;

/// <summary>
/// Moves a schema's references between a model's world (https://apigateway.amazonaws.com/restapis/{api}/models/{name})
/// and a document's (#/components/schemas/{name} or #/definitions/{name}): export and import each go one way.
/// </summary>
internal static class OpenApiSchemaRefs
{
    /// <summary>Where an OpenAPI 3 document keeps its schemas; the library writes Swagger's #/definitions/ from it.</summary>
    public const string ComponentSchemas = "#/components/schemas/";

    public static void Rewrite(JsonNode? node, string fromPrefix, string toPrefix)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue(out string? target) && target.StartsWith(fromPrefix, StringComparison.Ordinal))
                {
                    obj["$ref"] = toPrefix + target[fromPrefix.Length..];
                }
                foreach (var (key, child) in obj.ToList())
                {
                    if (key != "$ref")
                    {
                        Rewrite(child, fromPrefix, toPrefix);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item, fromPrefix, toPrefix);
                }
                break;
        }
    }
}
