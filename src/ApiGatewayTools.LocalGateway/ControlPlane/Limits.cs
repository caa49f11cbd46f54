using System.Globalization;
using System.Text;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// The size limits on what an API Gateway operation stores, in one place, checked on every request body
/// (create and update alike) before any operation runs, so nothing oversized ever reaches the state that
/// every later listing has to copy and serialise.
/// </summary>
/// <remarks>
/// From AWS's quotas pages: mapping templates 300 KB; tags 50 per resource, keys 128 and values 256
/// characters. AWS publishes no length for names, descriptions and path parts; the bounds here are far
/// above anything real and keep a hostile client from storing megabytes in one field.
/// </remarks>
internal static class Limits
{
    public const int NameLength = 1024;
    public const int DescriptionLength = 4096;
    public const int PathPartLength = 1024;
    public const int TagsPerResource = 50;
    public const int TagKeyLength = 128;
    public const int TagValueLength = 256;
    public const int MappingTemplateBytes = 300 * 1024;

    private static readonly string[] TemplateMaps = ["requestTemplates", "responseTemplates"];

    /// <summary>Checks an API Gateway request body; a body that is not a JSON object is left to its operation.</summary>
    public static void Check(GatewayRequest request)
    {
        var body = request.Body.AsSpan().TrimStart(" \t\r\n"u8);
        if (body.IsEmpty || body[0] != (byte)'{')
        {
            return;
        }
        var json = request.Json;
        CheckText(json, "name", NameLength);
        CheckText(json, "description", DescriptionLength);
        CheckText(json, "pathPart", PathPartLength);
        if (json.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object)
        {
            CheckTags(tags.EnumerateObject().Select(tag => (tag.Name, tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString() ?? "" : "")).ToList());
        }
        foreach (var map in TemplateMaps)
        {
            if (json.TryGetProperty(map, out var templates) && templates.ValueKind == JsonValueKind.Object)
            {
                foreach (var template in templates.EnumerateObject())
                {
                    CheckTemplate(template.Value.ValueKind == JsonValueKind.String ? template.Value.GetString() : null, $"{map}['{template.Name}']");
                }
            }
        }
        if (json.TryGetProperty("patchOperations", out var operations) && operations.ValueKind == JsonValueKind.Array)
        {
            foreach (var operation in operations.EnumerateArray())
            {
                CheckPatch(operation);
            }
        }
    }

    /// <summary>The tags a resource would hold; TagResource checks the merged set, creates check what they were given.</summary>
    public static void CheckTags(IReadOnlyCollection<(string Key, string Value)> tags)
    {
        if (tags.Count > TagsPerResource)
        {
            throw GatewayError.BadRequest($"A resource can have at most {TagsPerResource} tags; this request would give it {tags.Count}.");
        }
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > TagKeyLength)
            {
                throw GatewayError.BadRequest($"Tag keys must be 1 to {TagKeyLength} characters long; '{Shorten(key)}' is {key.Length}.");
            }
            if (value.Length > TagValueLength)
            {
                throw GatewayError.BadRequest($"Tag values must be at most {TagValueLength} characters long; the value of '{key}' is {value.Length}.");
            }
        }
    }

    private static void CheckPatch(JsonElement operation)
    {
        if (operation.ValueKind != JsonValueKind.Object
            || !operation.TryGetProperty("path", out var pathElement) || pathElement.ValueKind != JsonValueKind.String
            || !operation.TryGetProperty("value", out var valueElement) || valueElement.ValueKind != JsonValueKind.String)
        {
            return;
        }
        var path = pathElement.GetString()!;
        var value = valueElement.GetString()!;
        switch (path)
        {
            case "/name":
                CheckLength("name", value, NameLength);
                break;
            case "/description":
                CheckLength("description", value, DescriptionLength);
                break;
            case var template when TemplateMaps.Any(map => template.StartsWith($"/{map}/", StringComparison.Ordinal)):
                CheckTemplate(value, template);
                break;
        }
    }

    private static void CheckText(JsonElement json, string field, int limit)
    {
        if (json.TryGetProperty(field, out var element) && element.ValueKind == JsonValueKind.String)
        {
            CheckLength(field, element.GetString()!, limit);
        }
    }

    private static void CheckLength(string field, string value, int limit)
    {
        if (value.Length > limit)
        {
            throw GatewayError.BadRequest($"Invalid {field}: it is {value.Length.ToString(CultureInfo.InvariantCulture)} characters long; at most {limit.ToString(CultureInfo.InvariantCulture)} are allowed.");
        }
    }

    private static void CheckTemplate(string? template, string where)
    {
        if (template is not null && Encoding.UTF8.GetByteCount(template) > MappingTemplateBytes)
        {
            throw GatewayError.BadRequest($"Mapping template {where} is larger than {MappingTemplateBytes / 1024} KB, API Gateway's limit for a mapping template.");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
