using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.References;
using NJsonSchema.Validation;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// What a model's schema must be before it is sent: JSON, an object, and JSON Schema draft 4 (checked against
/// draft 4's meta-schema with NJsonSchema, then read by it), whose $refs name models of the same API as AWS
/// writes them. The error says what is wrong and where.
/// </summary>
public static partial class ModelSchemaCheck
{
    public const string InvalidSchemaErrorId = "InvalidModelSchema";
    public const string InvalidNameErrorId = "InvalidModelName";
    private const string ReferenceHost = "https://apigateway.amazonaws.com/restapis/";

    private static readonly Lazy<JsonSchema> Draft4 = new(() =>
    {
        using var stream = typeof(ModelSchemaCheck).Assembly.GetManifestResourceStream("Schemas/draft-04-schema.json")
            ?? throw new InvalidOperationException("The draft 4 meta-schema is missing from the engine assembly.");
        return JsonSchema.FromJsonAsync(stream).GetAwaiter().GetResult();
    });

    /// <summary>The URL by which one model's schema refers to another model of the same API.</summary>
    public static string ReferenceTo(string restApiId, string modelName) => $"{ReferenceHost}{restApiId}/models/{modelName}";

    /// <summary>A model name as AWS accepts it: letters and digits only.</summary>
    public static string ValidName(string name) => AlphanumericName().IsMatch(name)
        ? name
        : throw new GwValidationException(InvalidNameErrorId, "Name",
            $"Model name '{name}' is not alphanumeric: API Gateway accepts letters and digits only, e.g. -Name {NonAlphanumeric().Replace(name, "")}.");

    /// <summary>The schema as the JSON text to send: a JSON string as given, or a hashtable/list structure written as JSON.</summary>
    public static string ToJson(object schema) => schema switch
    {
        string text => text,
        IDictionary or IList => JsonSerializer.Serialize(Plain(schema)),
        _ => throw new GwValidationException(InvalidSchemaErrorId, "Schema",
            $"-Schema takes JSON text, a hashtable, or the path of a .json file; a {schema.GetType().Name} is none of them."),
    };

    /// <summary>
    /// Checks <paramref name="schema"/> is a draft 4 JSON Schema and answers it unchanged. References to other models of
    /// API <paramref name="restApiId"/> are accepted (the service checks those models exist); any other reference is refused.
    /// </summary>
    public static string Validate(string restApiId, string schema)
    {
        JToken document;
        try
        {
            document = JToken.Parse(schema);
        }
        catch (Newtonsoft.Json.JsonReaderException e)
        {
            throw Invalid($"is not valid JSON: {e.Message.TrimEnd('.')}");
        }
        if (document is not JObject)
        {
            throw Invalid("must be a JSON object, e.g. '{ \"type\": \"object\", \"properties\": { \"name\": { \"type\": \"string\" } } }'");
        }
        if (Draft4.Value.Validate(document).FirstOrDefault() is { } error)
        {
            var inner = Innermost(error);
            var where = string.IsNullOrEmpty(inner.Path) ? "#" : inner.Path;
            var line = inner.HasLineInfo ? $" (line {inner.LineNumber}, position {inner.LinePosition})" : "";
            throw Invalid($"is not JSON Schema draft 4: {inner.Kind} at {where}{line}");
        }
        try
        {
            JsonSchema.FromJsonAsync(schema, null!, root => new ModelReferences(root, restApiId)).GetAwaiter().GetResult();
        }
        catch (GwValidationException)
        {
            throw;
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
        {
            throw Invalid($"cannot be read as JSON Schema draft 4: {e.Message.TrimEnd('.')}");
        }
        return schema;
    }

    private static ValidationError Innermost(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Values.SelectMany(errors => errors).FirstOrDefault() is { } inner
            ? Innermost(inner)
            : error;

    private static GwValidationException Invalid(string problem) =>
        new(InvalidSchemaErrorId, "Schema", $"The model schema {problem}. Nothing was sent.");

    /// <summary>Hashtables and lists (as PowerShell passes them, already unwrapped) as plain values System.Text.Json writes.</summary>
    private static object? Plain(object? value) => value switch
    {
        IDictionary map => map.Keys.Cast<object>().ToDictionary(key => key.ToString() ?? "", key => Plain(map[key]), StringComparer.Ordinal),
        IList list => list.Cast<object?>().Select(Plain).ToList(),
        _ => value,
    };

    /// <summary>Resolves a reference to another model of the API to an empty schema (the service has the model); refuses any other.</summary>
    private sealed class ModelReferences(JsonSchema root, string restApiId) : JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()))
    {
        public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken) =>
            url.StartsWith($"{ReferenceHost}{restApiId}/models/", StringComparison.Ordinal)
                && AlphanumericName().IsMatch(url[$"{ReferenceHost}{restApiId}/models/".Length..])
                ? Task.FromResult<IJsonReference>(new JsonSchema())
                : throw Invalid($"refers to {url}; a model may refer only to models of its own API, as {ReferenceTo(restApiId, "{name}")}");

        public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken) =>
            throw Invalid($"refers to {filePath}; a model may refer only to models of its own API, as {ReferenceTo(restApiId, "{name}")}");
    }

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex AlphanumericName();

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NonAlphanumeric();
}
