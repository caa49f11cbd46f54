using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using SharpYaml;
using SharpYaml.Serialization;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>A document is not one API Gateway can take; <see cref="Location"/> names where (a line, or a JSON pointer).</summary>
public sealed class ApiDocumentException : GwException
{
    public const string InvalidDocumentErrorId = "InvalidApiDocument";

    public ApiDocumentException(string source, string location, string problem, Exception? inner = null)
        : base(InvalidDocumentErrorId, GwErrorKind.InvalidArgument, $"{source} at {location}: {problem}", inner) => Location = location;

    public string Location { get; }
}

/// <summary>
/// An OpenAPI 2.0, 3.0 or 3.1 document (JSON or YAML), checked before anything is sent: its syntax, what
/// Microsoft.OpenApi finds wrong with it, every local $ref, and each x-amazon-apigateway-integration's type.
/// </summary>
public sealed class ApiDocument
{
    private static readonly HashSet<string> IntegrationTypes = new(StringComparer.OrdinalIgnoreCase) { "http", "http_proxy", "aws", "aws_proxy", "mock" };

    private ApiDocument(string text, bool isYaml, string source, JsonObject root)
    {
        Text = text;
        IsYaml = isYaml;
        Source = source;
        Root = root;
    }

    public string Text { get; }
    public bool IsYaml { get; }
    /// <summary>Where the text came from (a file path), for messages.</summary>
    public string Source { get; }
    /// <summary>The document as a JSON tree, whichever syntax it was written in.</summary>
    internal JsonObject Root { get; }

    public string? Title => Root["info"]?["title"]?.GetValue<string>();
    public int PathCount => Root["paths"] is JsonObject paths ? paths.Count : 0;

    /// <summary>The document as ImportRestApi and PutRestApi take it.</summary>
    public ApiDocumentImport ForImport() => new(Text, IsYaml, Source);

    public static ApiDocument Parse(string text, string source)
    {
        var trimmed = text.TrimStart();
        var isYaml = !(trimmed.StartsWith('{') || trimmed.StartsWith('['));
        var root = isYaml ? ReadYaml(text, source) : ReadJson(text, source);
        var document = new ApiDocument(text, isYaml, source, root);
        document.CheckWithOpenApiLibrary();
        document.CheckReferences(root, "");
        document.CheckIntegrations();
        return document;
    }

    private static JsonObject ReadJson(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ApiDocumentException(source, "line 1", "the document is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ApiDocumentException(source, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}", "malformed JSON: " + FirstSentence(e.Message), e);
        }
    }

    private static JsonObject ReadYaml(string text, string source)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return (stream.Documents.Count == 0 ? null : YamlConverter.ToJsonNode(stream.Documents[0]) as JsonObject)
                ?? throw new ApiDocumentException(source, "line 1", "the document is neither a JSON object nor a YAML mapping.");
        }
        catch (YamlException e)
        {
            throw new ApiDocumentException(source, $"line {e.Start.Line}, column {e.Start.Column}", "malformed YAML: " + FirstSentence(e.Message), e);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>
    /// The OpenAPI library's rules, less the one that wants every operation to declare a response: API Gateway exports
    /// a method without method responses (a Lambda proxy method, typically) with empty responses, and imports it again.
    /// </summary>
    private static readonly ValidationRuleSet Rules = RulesWithoutRequiredResponses();

    private static ValidationRuleSet RulesWithoutRequiredResponses()
    {
        var rules = new ValidationRuleSet(ValidationRuleSet.GetDefaultRuleSet());
        rules.Remove(nameof(OpenApiResponsesRules.ResponsesMustContainAtLeastOneResponse));
        return rules;
    }

    /// <summary>What the OpenAPI library finds wrong is an error here too: API Gateway would refuse the same document.</summary>
    private void CheckWithOpenApiLibrary()
    {
        if (Root["openapi"] is null && Root["swagger"] is null)
        {
            throw new ApiDocumentException(Source, "/", "neither \"openapi\" nor \"swagger\" says which OpenAPI version this is; write openapi: 3.0.1 or swagger: \"2.0\" at the top.");
        }

        var settings = new OpenApiReaderSettings { RuleSet = Rules };
        settings.AddYamlReader();
        var result = OpenApiDocument.Parse(Text, IsYaml ? "yaml" : "json", settings);
        if (result.Diagnostic?.Errors is { Count: > 0 } errors)
        {
            var first = errors[0];
            throw new ApiDocumentException(Source, string.IsNullOrEmpty(first.Pointer) ? "/" : first.Pointer, first.Message);
        }
    }

    /// <summary>Every "$ref" must point into this document (API Gateway reads no other file) at something that exists.</summary>
    private void CheckReferences(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var at = pointer + "/" + PatchPath.Escape(name);
                    if (name == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target) && Resolve(target) is null)
                    {
                        throw new ApiDocumentException(Source, at, target.StartsWith('#')
                            ? $"the reference {target} names nothing in this document."
                            : $"the reference {target} points outside this document; API Gateway reads one file, so put the definition under components/schemas (or definitions) and refer to it as #/...");
                    }

                    CheckReferences(value, at);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckReferences(array[i], $"{pointer}/{i}");
                }

                break;
        }
    }

    /// <summary>A local reference ("#/components/schemas/Pet"), or null when it points nowhere or outside.</summary>
    internal JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return reference == "#" ? Root : null;
        }

        JsonNode? node = Root;
        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private void CheckIntegrations()
    {
        foreach (var (path, verb, operation) in Operations())
        {
            if (operation["x-amazon-apigateway-integration"] is JsonObject integration
                && integration["type"]?.GetValueKind() == JsonValueKind.String && integration["type"]!.GetValue<string>() is var type
                && !IntegrationTypes.Contains(type))
            {
                throw new ApiDocumentException(Source, $"/paths/{PatchPath.Escape(path)}/{verb}/x-amazon-apigateway-integration/type",
                    $"\"{type}\" is not an integration type; write one of http, http_proxy, aws, aws_proxy or mock.");
            }
        }
    }

    internal static readonly string[] OperationKeys = ["get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"];

    /// <summary>Every operation: its path, its key in the path item ("get", "x-amazon-apigateway-any-method") and its object.</summary>
    internal IEnumerable<(string Path, string Key, JsonObject Operation)> Operations()
    {
        if (Root["paths"] is not JsonObject paths)
        {
            yield break;
        }

        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject pathItem)
            {
                continue;
            }

            foreach (var key in OperationKeys)
            {
                if (pathItem[key] is JsonObject operation)
                {
                    yield return (path, key, operation);
                }
            }
        }
    }
}
