using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Client;

// Documentation: Create/Get/Update/Delete DocumentationPart(s), ImportDocumentationParts,
// Create/Get/Update/Delete DocumentationVersion(s).
public static partial class ApiGatewayOperations
{
    /// <summary>One part per location: a part at the location asked for is the one a lost attempt made.</summary>
    public static GwOperation<DocumentationPart> CreateDocumentationPart(string restApiId, DocumentationLocation location, string properties)
    {
        var body = new JsonObject { ["location"] = location.ToJson(), ["properties"] = properties };
        return Build("CreateDocumentationPart", HttpMethod.Post, DocumentationPartsPath(restApiId), DocumentationPartReader(restApiId), body)
            .ReconciledBy((client, _, ct) => client.FindAsync(GetDocumentationParts(restApiId, location.Type, location.Path), part => LocationOf(part) == location, ct));
    }

    /// <summary>GetDocumentationParts, narrowed on the service's side by entity type, exact path, name (a substring) and DOCUMENTED/UNDOCUMENTED.</summary>
    public static GwListing<DocumentationPart> GetDocumentationParts(string restApiId, string? type = null, string? path = null, string? name = null, string? locationStatus = null)
    {
        var query = new Dictionary<string, string>();
        foreach (var (key, value) in new[] { ("type", type), ("path", path), ("name", name), ("locationStatus", locationStatus) })
        {
            if (value is not null)
            {
                query[key] = value;
            }
        }

        return Listing("GetDocumentationParts", DocumentationPartsPath(restApiId), query, DocumentationPartReader(restApiId));
    }

    public static GwOperation<DocumentationPart> GetDocumentationPart(string restApiId, string documentationPartId) =>
        Build("GetDocumentationPart", HttpMethod.Get, DocumentationPartPath(restApiId, documentationPartId), DocumentationPartReader(restApiId));

    /// <summary>A part's content is all that changes; its location is what it is.</summary>
    public static GwOperation<DocumentationPart> UpdateDocumentationPart(string restApiId, string documentationPartId, string properties) =>
        Build("UpdateDocumentationPart", HttpMethod.Patch, DocumentationPartPath(restApiId, documentationPartId), DocumentationPartReader(restApiId),
            PatchBody([new PatchOperation("replace", "/properties", properties)]));

    public static GwOperation DeleteDocumentationPart(string restApiId, string documentationPartId) =>
        Build("DeleteDocumentationPart", HttpMethod.Delete, DocumentationPartPath(restApiId, documentationPartId));

    /// <summary>
    /// ImportDocumentationParts: the x-amazon-apigateway-documentation of an OpenAPI document (JSON). "merge" keeps
    /// the parts the document does not name; "overwrite" replaces them all.
    /// </summary>
    public static GwOperation<DocumentationImport> ImportDocumentationParts(string restApiId, JsonObject document, bool overwrite, bool failOnWarnings) =>
        Build("ImportDocumentationParts", HttpMethod.Put, DocumentationPartsPath(restApiId),
            (json, connection) => new DocumentationImport
            {
                Connection = connection,
                RestApiId = restApiId,
                DocumentationPartIds = json.StringList("ids"),
                Warnings = json.StringList("warnings"),
            },
            document,
            query: new Dictionary<string, string> { ["mode"] = overwrite ? "overwrite" : "merge", ["failonwarnings"] = failOnWarnings ? "true" : "false" });

    /// <summary>A version of this name is the one a lost attempt made (names are unique in an API).</summary>
    public static GwOperation<DocumentationVersion> CreateDocumentationVersion(string restApiId, string version, string? description, string? stageName)
    {
        var body = new JsonObject { ["documentationVersion"] = version }
            .Put("description", description)
            .Put("stageName", stageName);
        return Build("CreateDocumentationVersion", HttpMethod.Post, DocumentationVersionsPath(restApiId), DocumentationVersionReader(restApiId), body)
            .ReconciledBy((client, _, ct) => client.FindAsync(GetDocumentationVersions(restApiId), v => v.Version == version, ct));
    }

    public static GwListing<DocumentationVersion> GetDocumentationVersions(string restApiId) =>
        Listing("GetDocumentationVersions", DocumentationVersionsPath(restApiId), null, DocumentationVersionReader(restApiId));

    public static GwOperation<DocumentationVersion> GetDocumentationVersion(string restApiId, string version) =>
        Build("GetDocumentationVersion", HttpMethod.Get, DocumentationVersionPath(restApiId, version), DocumentationVersionReader(restApiId));

    public static GwOperation<DocumentationVersion> UpdateDocumentationVersion(string restApiId, string version, string? description) =>
        Build("UpdateDocumentationVersion", HttpMethod.Patch, DocumentationVersionPath(restApiId, version), DocumentationVersionReader(restApiId),
            PatchBody([description is null ? new PatchOperation("remove", "/description") : new PatchOperation("replace", "/description", description)]));

    public static GwOperation DeleteDocumentationVersion(string restApiId, string version) =>
        Build("DeleteDocumentationVersion", HttpMethod.Delete, DocumentationVersionPath(restApiId, version));

    /// <summary>A part's location as the engine writes one, for comparing what exists with what is asked for.</summary>
    public static DocumentationLocation LocationOf(DocumentationPart part) => new(part.Type, part.Path, part.HttpMethod, part.StatusCode, part.Name);

    private static string DocumentationPartsPath(string restApiId) => RestPath.Of("restapis", restApiId, "documentation", "parts");

    private static string DocumentationPartPath(string restApiId, string documentationPartId) =>
        DocumentationPartsPath(restApiId) + RestPath.Of(documentationPartId);

    private static string DocumentationVersionsPath(string restApiId) => RestPath.Of("restapis", restApiId, "documentation", "versions");

    private static string DocumentationVersionPath(string restApiId, string version) =>
        DocumentationVersionsPath(restApiId) + RestPath.Of(version);

    /// <summary>AWS's DocumentationPart shape: id, location {type, path, method, statusCode, name}, properties.</summary>
    private static Func<JsonElement, GwConnection, DocumentationPart> DocumentationPartReader(string restApiId) =>
        (json, connection) =>
        {
            var location = json.Member("location") ?? default;
            string? Field(string name) => location.ValueKind == JsonValueKind.Object ? location.Str(name) : null;
            return new DocumentationPart
            {
                Connection = connection,
                RestApiId = restApiId,
                DocumentationPartId = json.Str("id") ?? "",
                Type = Field("type") ?? "",
                Path = Field("path"),
                HttpMethod = Field("method"),
                StatusCode = Field("statusCode"),
                Name = Field("name"),
                Properties = json.Str("properties") ?? "{}",
            };
        };

    /// <summary>AWS's DocumentationVersion shape: version, createdDate, description.</summary>
    private static Func<JsonElement, GwConnection, DocumentationVersion> DocumentationVersionReader(string restApiId) =>
        (json, connection) => new DocumentationVersion
        {
            Connection = connection,
            RestApiId = restApiId,
            Version = json.Str("version") ?? "",
            Description = json.Str("description"),
            CreatedDate = json.EpochSeconds("createdDate"),
        };
}
