using System.Globalization;

namespace ApiGatewayTools.Engine.Client;

/// <summary>GetExport's document kinds: AWS's export_type path label.</summary>
public enum ApiDocumentFormat
{
    OpenApi3,
    Swagger2,
}

/// <summary>What GetExport adds to the document beyond plain OpenAPI (AWS's "extensions" parameter).</summary>
[Flags]
public enum ApiExportExtension
{
    None = 0,
    Integrations = 1,
    Authorizers = 2,
    Documentation = 4,
    ApiGateway = 8,
    Postman = 16,
}

/// <summary>How an imported document's basePath maps onto resources (AWS's "basepath" parameter).</summary>
public enum ImportBasePath
{
    Ignore,
    Prepend,
    Split,
}

/// <summary>An exported document as the service wrote it, JSON or YAML as asked.</summary>
public sealed record ExportedDocument(string RestApiId, string StageName, ApiDocumentFormat Format, bool IsYaml, string Text)
{
    public override string ToString() => Text;
}

/// <summary>How a document goes to ImportRestApi or PutRestApi: its text and the import's query parameters.</summary>
public sealed record ApiDocumentImport(string Text, bool IsYaml, string Source)
{
    public bool FailOnWarnings { get; init; }
    public ImportBasePath? BasePath { get; init; }
    /// <summary>EDGE, REGIONAL or PRIVATE; ImportRestApi only (a new API's endpoint).</summary>
    public string? EndpointType { get; init; }

    /// <summary>-WhatIf shows where the document comes from and how large it is, never a 6 MB body on one line.</summary>
    internal string Shown => $"<document {Source}, {Text.Length.ToString(CultureInfo.InvariantCulture)} characters>";
}

// Documents: GetExport, ImportRestApi, PutRestApi. Their bodies are documents, not JSON shapes.
public static partial class ApiGatewayOperations
{
    public static GwOperation<ExportedDocument> GetExport(string restApiId, string stageName, ApiDocumentFormat format, ApiExportExtension extensions, bool yaml)
    {
        var query = new Dictionary<string, string>();
        if (ExtensionsParameter(extensions) is { } value)
        {
            query["extensions"] = value;
        }

        var exportType = format == ApiDocumentFormat.OpenApi3 ? "oas30" : "swagger";
        var operation = new GwOperation<ExportedDocument>(ServiceNames.ApiGateway, "GetExport", HttpMethod.Get,
            RestPath.Of("restapis", restApiId, "stages", stageName, "exports", exportType),
            (_, _) => throw new InvalidOperationException("GetExport answers a document, not a JSON shape."), query: query)
        {
            Accept = yaml ? "application/yaml" : "application/json",
        };
        return operation.ReadingDocument((text, _) => new ExportedDocument(restApiId, stageName, format, yaml, text));
    }

    /// <summary>A new API from a document; "mode=import" is how AWS tells this POST from CreateRestApi.</summary>
    public static GwOperation<RestApi> ImportRestApi(ApiDocumentImport document)
    {
        var query = ImportQuery(document);
        query["mode"] = "import";
        if (document.EndpointType is { } endpointType)
        {
            query["endpointConfigurationTypes"] = endpointType;
        }

        return DocumentOperation("ImportRestApi", HttpMethod.Post, RestPath.Of("restapis"), document, query);
    }

    /// <summary>Replaces (overwrite) or extends (merge) an API's definition with a document.</summary>
    public static GwOperation<RestApi> PutRestApi(string restApiId, ApiDocumentImport document, bool overwrite)
    {
        var query = ImportQuery(document);
        query["mode"] = overwrite ? "overwrite" : "merge";
        return DocumentOperation("PutRestApi", HttpMethod.Put, RestPath.Of("restapis", restApiId), document, query);
    }

    private static GwOperation<RestApi> DocumentOperation(string name, HttpMethod method, string path, ApiDocumentImport document, Dictionary<string, string> query) =>
        new GwOperation<RestApi>(ServiceNames.ApiGateway, name, method, path, ResponseMapper.RestApi, document.Text, query, shownBody: document.Shown)
        {
            ContentType = document.IsYaml ? "application/yaml" : "application/json",
        };

    private static Dictionary<string, string> ImportQuery(ApiDocumentImport document)
    {
        var query = new Dictionary<string, string>();
        if (document.FailOnWarnings)
        {
            query["failonwarnings"] = "true";
        }

        if (document.BasePath is { } basePath)
        {
            query["basepath"] = basePath.ToString().ToLowerInvariant();
        }

        return query;
    }

    /// <summary>AWS's comma-separated list: integrations, authorizers, documentation, apigateway, postman.</summary>
    private static string? ExtensionsParameter(ApiExportExtension extensions)
    {
        var names = Enum.GetValues<ApiExportExtension>()
            .Where(e => e != ApiExportExtension.None && extensions.HasFlag(e))
            .Select(e => e.ToString().ToLowerInvariant())
            .ToList();
        return names.Count == 0 ? null : string.Join(",", names);
    }
}
