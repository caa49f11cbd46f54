using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>One documentation part: content (a JSON string, kept as sent) for one location of an API.</summary>
internal sealed record DocumentationPartRecord
{
    public required string Id { get; init; }
    public required DocumentationLocation Location { get; init; }
    public required string Properties { get; set; }
}

/// <summary>A named snapshot of an API's documentation parts, which a stage can publish.</summary>
internal sealed record DocumentationVersionRecord
{
    public required string Version { get; init; }
    public string? Description { get; set; }
    public required DateTimeOffset CreatedDate { get; init; }
    public List<DocumentationPartRecord> Parts { get; init; } = [];
}

/// <summary>
/// The documentation operations: Create/Get/Update/Delete DocumentationPart(s), ImportDocumentationParts,
/// and Create/Get/Update/Delete DocumentationVersion(s). A part's location is its identity (one part per
/// location, 409 for a second); API Gateway does not require the entity at a location to exist, so parts can
/// be written before (or outlive) the resources they describe. A version copies the parts as they are.
/// </summary>
internal sealed class DocumentationRoutes(GatewayState state) : IRouteArea
{
    private const string Parts = "/restapis/{restapi_id}/documentation/parts";
    private const string Versions = "/restapis/{restapi_id}/documentation/versions";

    public void Register(Router router)
    {
        router.MapCollection("DocumentationPart", Parts, "part_id", CreatePart, ListParts, GetPart, UpdatePart, DeletePart);
        router.Map("PUT", Parts, "ImportDocumentationParts", ImportParts);
        router.MapCollection("DocumentationVersion", Versions, "doc_version", CreateVersion, ListVersions, GetVersion, UpdateVersion, DeleteVersion);
    }

    private GatewayResponse CreatePart(GatewayRequest request)
    {
        var body = request.Json;
        var location = DocumentationLocation.Read(
            JsonRead.Object(body, "location") ?? throw NullMember("createDocumentationPartInput.location"),
            "createDocumentationPartInput.location");
        var properties = CheckProperties(JsonRead.String(body, "properties") ?? throw NullMember("createDocumentationPartInput.properties"));
        lock (state.Sync)
        {
            var parts = PartsOf(request);
            if (parts.Values.Any(part => part.Location == location))
            {
                throw GatewayError.Conflict($"Documentation part already exists for the specified location: {location}.");
            }
            var part = parts.Add(new DocumentationPartRecord
            {
                Id = parts.NewId(IdGenerator.NewResourceId),
                Location = location,
                Properties = properties,
            });
            return GatewayResponse.Json(201, w => WritePart(w, part));
        }
    }

    /// <summary>GetDocumentationParts: filtered by type, path (exact), name (a substring) and locationStatus, then paged.</summary>
    private GatewayResponse ListParts(GatewayRequest request)
    {
        var type = request.QueryValue("type");
        if (type is not null)
        {
            DocumentationLocation.EnsureType(type, "type");
        }
        var path = request.QueryValue("path");
        var name = request.QueryValue("name");
        var status = request.QueryValue("locationStatus");
        if (status is not null and not ("DOCUMENTED" or "UNDOCUMENTED"))
        {
            throw GatewayError.BadRequest(
                $"1 validation error detected: Value '{status}' at 'locationStatus' failed to satisfy constraint: Member must satisfy enum value set: [DOCUMENTED, UNDOCUMENTED]");
        }
        lock (state.Sync)
        {
            var matching = PartsOf(request).Values.Where(part =>
                (type is null || part.Location.Type == type)
                && (path is null || part.Location.Path == path)
                && (name is null || (part.Location.Name?.Contains(name, StringComparison.Ordinal) ?? false))
                && (status is null || IsDocumented(part.Properties) == (status == "DOCUMENTED"))).ToList();
            return Paging.Page(request, matching, WritePart);
        }
    }

    private GatewayResponse GetPart(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var part = PartsOf(request).Get(request.Route("part_id"));
            return GatewayResponse.Json(200, w => WritePart(w, part));
        }
    }

    /// <summary>Only the content changes: a location is what a part is.</summary>
    private GatewayResponse UpdatePart(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var parts = PartsOf(request);
            var updated = PatchOperation.ApplyAll(operations, parts.Get(request.Route("part_id")) with { }, (part, operation) =>
            {
                if (operation is not { Op: "replace", Path: "/properties" })
                {
                    throw operation.Unsupported();
                }
                part.Properties = CheckProperties(operation.RequiredValue);
            });
            var part = parts.Replace(updated);
            return GatewayResponse.Json(200, w => WritePart(w, part));
        }
    }

    private GatewayResponse DeletePart(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var parts = PartsOf(request);
            parts.Remove(parts.Get(request.Route("part_id")).Id);
            return GatewayResponse.Empty(202);
        }
    }

    /// <summary>
    /// ImportDocumentationParts: the parts of an OpenAPI document's x-amazon-apigateway-documentation. In merge
    /// mode (the default) a part at a location already documented replaces its content; overwrite first removes
    /// every part. A part that cannot be read is a warning, skipped, unless failonwarnings refuses the whole import.
    /// </summary>
    private GatewayResponse ImportParts(GatewayRequest request)
    {
        var mode = request.QueryValue("mode") ?? "merge";
        if (mode is not ("merge" or "overwrite"))
        {
            throw GatewayError.BadRequest(
                $"1 validation error detected: Value '{mode}' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [merge, overwrite]");
        }
        var failOnWarnings = string.Equals(request.QueryValue("failonwarnings"), "true", StringComparison.OrdinalIgnoreCase);
        var (imported, warnings) = ReadDocument(request.Json);
        if (failOnWarnings && warnings.Count > 0)
        {
            throw GatewayError.BadRequest($"Warnings found during import:\n\t{string.Join("\n\t", warnings)}");
        }
        lock (state.Sync)
        {
            var parts = PartsOf(request);
            if (mode == "overwrite")
            {
                foreach (var old in parts.Values)
                {
                    parts.Remove(old.Id);
                }
            }
            var ids = Merge(parts, imported);
            return GatewayResponse.Json(200, w =>
            {
                w.WriteStartArray("ids");
                ids.ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteStartArray("warnings");
                warnings.ForEach(w.WriteStringValue);
                w.WriteEndArray();
            });
        }
    }

    /// <summary>Imported parts into an API's parts: a part at a location already documented replaces its content. Answers the parts' ids.</summary>
    internal static List<string> Merge(Store<DocumentationPartRecord> parts, IEnumerable<(DocumentationLocation Location, string Properties)> imported)
    {
        var ids = new List<string>();
        foreach (var (location, properties) in imported)
        {
            var existing = parts.Values.FirstOrDefault(part => part.Location == location);
            var part = existing is not null
                ? parts.Replace(existing with { Properties = properties })
                : parts.Add(new DocumentationPartRecord { Id = parts.NewId(IdGenerator.NewResourceId), Location = location, Properties = properties });
            ids.Add(part.Id);
        }
        return ids;
    }

    /// <summary>The parts of a document's x-amazon-apigateway-documentation (ImportRestApi and PutRestApi read them too), and warnings for those that cannot be read.</summary>
    internal static (List<(DocumentationLocation Location, string Properties)> Parts, List<string> Warnings) ReadDocument(JsonElement document)
    {
        var parts = new List<(DocumentationLocation, string)>();
        var warnings = new List<string>();
        if (document.ValueKind != JsonValueKind.Object
            || !document.TryGetProperty("x-amazon-apigateway-documentation", out var extension)
            || extension.ValueKind != JsonValueKind.Object
            || !extension.TryGetProperty("documentationParts", out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            warnings.Add("The document has no x-amazon-apigateway-documentation.documentationParts list.");
            return (parts, warnings);
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            try
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw GatewayError.BadRequest("a part must be an object.");
                }
                var location = DocumentationLocation.Read(
                    JsonRead.Object(item, "location") ?? throw GatewayError.BadRequest("location is required."), "location");
                var properties = item.TryGetProperty("properties", out var content) && content.ValueKind == JsonValueKind.Object
                    ? content.GetRawText()
                    : throw GatewayError.BadRequest("properties must be an object.");
                parts.RemoveAll(part => part.Item1 == location);
                parts.Add((location, properties));
            }
            catch (GatewayError error)
            {
                warnings.Add($"documentationParts[{index}]: {error.Message}");
            }
            index++;
        }
        return (parts, warnings);
    }

    private GatewayResponse CreateVersion(GatewayRequest request)
    {
        var body = request.Json;
        var version = JsonRead.String(body, "documentationVersion") ?? throw NullMember("createDocumentationVersionInput.documentationVersion");
        var stageName = JsonRead.String(body, "stageName");
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            if (api.DocumentationVersions.ContainsKey(version))
            {
                throw GatewayError.Conflict($"Documentation version already exists: {version}");
            }
            var stage = stageName is null ? null : api.Stages.Get(stageName);
            var record = api.DocumentationVersions.Add(new DocumentationVersionRecord
            {
                Version = version,
                Description = JsonRead.String(body, "description"),
                CreatedDate = DateTimeOffset.UtcNow,
                Parts = [.. api.DocumentationParts.Values],
            });
            if (stage is not null)
            {
                api.Stages.Replace(stage with { DocumentationVersion = version, LastUpdatedDate = DateTimeOffset.UtcNow });
            }
            return GatewayResponse.Json(201, w => WriteVersion(w, record));
        }
    }

    private GatewayResponse ListVersions(GatewayRequest request)
    {
        lock (state.Sync)
        {
            return state.RestApis.Get(request.Route("restapi_id")).DocumentationVersions.Page(request, WriteVersion);
        }
    }

    private GatewayResponse GetVersion(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var version = VersionsOf(request).Get(request.Route("doc_version"));
            return GatewayResponse.Json(200, w => WriteVersion(w, version));
        }
    }

    private GatewayResponse UpdateVersion(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var versions = VersionsOf(request);
            var updated = PatchOperation.ApplyAll(operations, versions.Get(request.Route("doc_version")) with { }, (version, operation) =>
            {
                if (operation.Path != "/description" || !operation.SetsOrClears)
                {
                    throw operation.Unsupported();
                }
                version.Description = operation.OptionalValue;
            });
            var version = versions.Replace(updated);
            return GatewayResponse.Json(200, w => WriteVersion(w, version));
        }
    }

    /// <summary>A stage that published the version keeps naming it, as AWS leaves it.</summary>
    private GatewayResponse DeleteVersion(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var versions = VersionsOf(request);
            versions.Remove(versions.Get(request.Route("doc_version")).Version);
            return GatewayResponse.Empty(202);
        }
    }

    private Store<DocumentationPartRecord> PartsOf(GatewayRequest request) =>
        state.RestApis.Get(request.Route("restapi_id")).DocumentationParts;

    private Store<DocumentationVersionRecord> VersionsOf(GatewayRequest request) =>
        state.RestApis.Get(request.Route("restapi_id")).DocumentationVersions;

    private static GatewayError NullMember(string member) =>
        GatewayError.BadRequest($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    /// <summary>Content is a JSON document kept as its text; only text that is not JSON is refused.</summary>
    private static string CheckProperties(string properties)
    {
        try
        {
            using var _ = JsonDocument.Parse(properties);
            return properties;
        }
        catch (JsonException)
        {
            throw GatewayError.BadRequest($"Invalid properties: the documentation content must be a JSON document: {properties}");
        }
    }

    /// <summary>A part documents its location when its content says something: not null and not an empty object.</summary>
    private static bool IsDocumented(string properties)
    {
        using var document = JsonDocument.Parse(properties);
        return document.RootElement.ValueKind switch
        {
            JsonValueKind.Null => false,
            JsonValueKind.Object => document.RootElement.EnumerateObject().Any(),
            _ => true,
        };
    }

    private static void WritePart(Utf8JsonWriter writer, DocumentationPartRecord part)
    {
        writer.WriteString("id", part.Id);
        part.Location.Write(writer);
        writer.WriteString("properties", part.Properties);
    }

    private static void WriteVersion(Utf8JsonWriter writer, DocumentationVersionRecord version)
    {
        writer.WriteString("version", version.Version);
        writer.EpochSeconds("createdDate", version.CreatedDate);
        writer.OptionalString("description", version.Description);
    }
}
