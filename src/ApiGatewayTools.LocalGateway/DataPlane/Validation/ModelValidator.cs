using System.Text.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Validation;

/// <summary>
/// A deployed model's JSON Schema (draft 4) compiled into a tree of checks, once per deployment, so that
/// validating a request body costs one parse of the body and one walk of the tree.
/// </summary>
/// <remarks>
/// The control plane already refused any schema draft 4 refuses (ModelSchemas), so compiling trusts the
/// schema's shape. <c>$ref</c> reaches into the same schema by JSON pointer or to another model of the API by
/// the URL AWS writes (https://apigateway.amazonaws.com/restapis/{api}/models/{name}). As API Gateway's
/// validator does, a value's members and items are checked only when the value itself passed its own rules,
/// so one mistake is reported once, where it is.
/// </remarks>
internal sealed class ModelValidator
{
    private const string ReferenceHost = "https://apigateway.amazonaws.com/restapis/";

    private readonly SchemaNode _root;

    private ModelValidator(SchemaNode root) => _root = root;

    /// <summary>Compiles the named model of a deployment, following its references to the deployment's other models.</summary>
    public static ModelValidator Compile(string restApiId, IReadOnlyDictionary<string, ModelRecord> models, string modelName) =>
        new(new Compiler(restApiId, models).Node(modelName, ""));

    /// <summary>The rules the value breaks, in the order they were found; empty when it matches the model.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement value)
    {
        if (_root.Check(value, null, null, 0))
        {
            return [];
        }
        // The first walk only answers yes or no, without building a single pointer or message; only a body
        // that fails is walked again to say why.
        var violations = new List<SchemaViolation>();
        _root.Check(value, violations, "", 0);
        return violations;
    }

    /// <summary>Builds the tree: one node per schema object, shared by every reference to it (recursive schemas included).</summary>
    private sealed class Compiler(string restApiId, IReadOnlyDictionary<string, ModelRecord> models)
    {
        private readonly Dictionary<string, JsonElement> _documents = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Model, string Pointer), SchemaNode> _nodes = new();

        public SchemaNode Node(string model, string pointer)
        {
            if (_nodes.TryGetValue((model, pointer), out var known))
            {
                return known;
            }
            var node = new SchemaNode();
            _nodes[(model, pointer)] = node;
            if (Resolve(Document(model), pointer) is { ValueKind: JsonValueKind.Object } schema)
            {
                node.Fill(schema, (relative, reference) => Child(model, pointer, relative, reference));
            }
            return node;
        }

        /// <summary>A subschema: a JSON pointer relative to its parent, or the target of a <c>$ref</c>.</summary>
        private SchemaNode Child(string model, string pointer, string? relative, string? reference)
        {
            if (reference is null)
            {
                return Node(model, pointer + relative);
            }
            var hash = reference.IndexOf('#');
            var location = hash < 0 ? reference : reference[..hash];
            var fragment = hash < 0 ? "" : reference[(hash + 1)..];
            if (location.Length == 0)
            {
                return Node(model, Uri.UnescapeDataString(fragment));
            }
            var prefix = $"{ReferenceHost}{restApiId}/models/";
            return location.StartsWith(prefix, StringComparison.Ordinal) && models.ContainsKey(location[prefix.Length..])
                ? Node(location[prefix.Length..], Uri.UnescapeDataString(fragment))
                : SchemaNode.AcceptsAnything;
        }

        private JsonElement Document(string model)
        {
            if (!_documents.TryGetValue(model, out var document))
            {
                using var parsed = JsonDocument.Parse(models[model].Schema);
                document = parsed.RootElement.Clone();
                _documents[model] = document;
            }
            return document;
        }

        /// <summary>The value a JSON pointer (RFC 6901) names in a document; null when it names nothing.</summary>
        private static JsonElement? Resolve(JsonElement document, string pointer)
        {
            var current = document;
            foreach (var raw in pointer.Split('/').Skip(1))
            {
                var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var member))
                {
                    current = member;
                }
                else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < current.GetArrayLength())
                {
                    current = current[index];
                }
                else
                {
                    return null;
                }
            }
            return current;
        }
    }
}
