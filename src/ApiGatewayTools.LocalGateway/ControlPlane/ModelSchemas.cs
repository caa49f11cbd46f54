using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.References;
using NJsonSchema.Validation;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// A model's schema read as JSON Schema draft 4 (NJsonSchema), with references to the API's other models
/// (written as AWS writes them, https://apigateway.amazonaws.com/restapis/{api}/models/{name}) resolved from
/// the models given. CreateModel and UpdateModel use it to refuse a schema AWS refuses; the data plane
/// compiles each deployed model once with it.
/// </summary>
internal static class ModelSchemas
{
    private const string ReferenceHost = "https://apigateway.amazonaws.com/restapis/";

    /// <summary>How deep references may chain; a model that reaches itself again is refused rather than followed forever.</summary>
    private const int MaxReferenceDepth = 16;

    /// <summary>
    /// Draft 4's own meta-schema: a model's schema is checked against it first, because reading a schema
    /// accepts what draft 4 does not (a misspelt type, a negative minLength) and AWS refuses those.
    /// </summary>
    private static readonly Lazy<JsonSchema> Draft4MetaSchema = new(() =>
    {
        using var stream = typeof(ModelSchemas).Assembly.GetManifestResourceStream("Schemas/draft-04-schema.json")
            ?? throw new InvalidOperationException("The draft 4 meta-schema is missing from the assembly.");
        return JsonSchema.FromJsonAsync(stream).GetAwaiter().GetResult();
    });

    /// <summary>The URL by which a schema refers to another model of the same API.</summary>
    public static string ReferenceTo(string restApiId, string modelName) => $"{ReferenceHost}{restApiId}/models/{modelName}";

    /// <summary>The schema compiled with its references resolved; a schema AWS would refuse is a 400 in AWS's words.</summary>
    public static JsonSchema Compile(string restApiId, IReadOnlyDictionary<string, ModelRecord> models, string schema) =>
        Compile(restApiId, models, schema, new Stack<string>());

    /// <summary>The names of the API's models this schema refers to (empty when it names none).</summary>
    public static IEnumerable<string> ReferencedModelNames(string restApiId, string schema)
    {
        var marker = $"{ReferenceHost}{restApiId}/models/";
        var start = 0;
        while ((start = schema.IndexOf(marker, start, StringComparison.Ordinal)) >= 0)
        {
            start += marker.Length;
            var end = start;
            while (end < schema.Length && char.IsAsciiLetterOrDigit(schema[end]))
            {
                end++;
            }
            yield return schema[start..end];
        }
    }

    private static JsonSchema Compile(string restApiId, IReadOnlyDictionary<string, ModelRecord> models, string schema, Stack<string> chain)
    {
        try
        {
            CheckIsDraft4(schema);
            return JsonSchema.FromJsonAsync(schema, null!,
                root => new ModelReferenceResolver(root, restApiId, models, chain)).GetAwaiter().GetResult();
        }
        catch (GatewayError)
        {
            throw;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
        {
            throw Invalid($"Invalid model schema specified. {e.Message}");
        }
    }

    /// <summary>The schema is JSON and a draft 4 schema; the first mistake is named with where it is.</summary>
    private static void CheckIsDraft4(string schema)
    {
        JToken document;
        try
        {
            document = JToken.Parse(schema);
        }
        catch (JsonReaderException e)
        {
            throw Invalid($"Invalid model schema specified. The schema is not valid JSON: {e.Message}");
        }
        if (document.Type != JTokenType.Object)
        {
            throw Invalid("Invalid model schema specified. The schema must be a JSON object.");
        }
        if (Draft4MetaSchema.Value.Validate(document).FirstOrDefault() is { } error)
        {
            throw Invalid($"Invalid model schema specified. {Describe(Innermost(error))}");
        }
    }

    /// <summary>An anyOf/oneOf failure carries the reasons of each branch; the first of the deepest says most.</summary>
    private static ValidationError Innermost(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Values.SelectMany(errors => errors).FirstOrDefault() is { } inner
            ? Innermost(inner)
            : error;

    private static string Describe(ValidationError error) =>
        $"{error.Kind} at {(string.IsNullOrEmpty(error.Path) ? "#" : error.Path)}"
        + (error.HasLineInfo ? $" (line {error.LineNumber}, position {error.LinePosition})" : "");

    /// <summary>AWS's wording for a schema it cannot accept, with what is wrong and where.</summary>
    private static GatewayError Invalid(string error) =>
        GatewayError.BadRequest($"Invalid model specified: Validation Result: warnings : [], errors : [{error}]");

    /// <summary>Resolves references to the API's own models; any other reference (a file, another host) is refused.</summary>
    private sealed class ModelReferenceResolver(JsonSchema root, string restApiId, IReadOnlyDictionary<string, ModelRecord> models, Stack<string> chain)
        : JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()))
    {
        public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken)
        {
            var prefix = $"{ReferenceHost}{restApiId}/models/";
            if (!url.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw Invalid($"Invalid model schema specified. A reference must name a model of this API as {prefix}{{name}}: {url}");
            }
            var name = url[prefix.Length..];
            if (!models.TryGetValue(name, out var model))
            {
                throw Invalid($"Invalid model name specified: {name}");
            }
            if (chain.Contains(name) || chain.Count >= MaxReferenceDepth)
            {
                throw Invalid($"Invalid model schema specified. Model references form a cycle through {name}");
            }
            chain.Push(name);
            try
            {
                return Task.FromResult<IJsonReference>(Compile(restApiId, models, model.Schema, chain));
            }
            finally
            {
                chain.Pop();
            }
        }

        public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken) =>
            throw Invalid($"Invalid model schema specified. A reference must name a model of this API as {ReferenceHost}{restApiId}/models/{{name}}: {filePath}");
    }
}
