using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>Documentation parts and versions: the content a part carries, converging plans, and publishing a version on a stage.</summary>
public static class DocumentationWorkflow
{
    public const string InvalidPropertiesErrorId = "InvalidDocumentationProperties";
    public const string InvalidVersionErrorId = "InvalidDocumentationVersion";

    /// <summary>
    /// A part's content as API Gateway keeps it: a JSON object as text (e.g. {"summary":"List pets"}). Anything else,
    /// including a JSON array or a bare string, is refused before sending.
    /// </summary>
    public static string ValidateProperties(string? json, string parameterName = "Property")
    {
        JsonNode? node;
        try
        {
            node = string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new GwValidationException(InvalidPropertiesErrorId, parameterName,
                $"The documentation content is not valid JSON ({e.Message}). Pass a hashtable, e.g. -Property @{{ summary = 'List pets' }}, or a JSON object as text.");
        }

        return node is JsonObject content
            ? content.ToJsonString()
            : throw new GwValidationException(InvalidPropertiesErrorId, parameterName,
                "The documentation content must be a JSON object of names and values, e.g. -Property @{ summary = 'List pets'; description = 'Every pet, a page at a time' }.");
    }

    /// <summary>Content given as JSON text, or as a tree of dictionaries, lists and values (a hashtable's plain form).</summary>
    public static string ContentOf(object? value, string parameterName = "Property") =>
        ValidateProperties(value as string ?? (value is null ? null : JsonSerializer.Serialize(value)), parameterName);

    public static string ValidateVersion(string? version, string parameterName = "Version") =>
        string.IsNullOrWhiteSpace(version) || version.Contains('/', StringComparison.Ordinal)
            ? throw new GwValidationException(InvalidVersionErrorId, parameterName, $"'{version}' is not a documentation version name: use a name without '/', e.g. 1.0.0.")
            : version;

    /// <summary>
    /// Re-running a script converges: the part at this location is created when there is none, its content replaced
    /// when it says something else, and answered as it is (an empty plan) when it already says this. Content is
    /// compared as JSON, so key order and spacing do not count as a change.
    /// </summary>
    public static GwPlan<DocumentationPart> PlanPart(string restApiId, DocumentationLocation location, string properties, IEnumerable<DocumentationPart> existing)
    {
        var plan = new GwPlan<DocumentationPart>();
        if (existing.FirstOrDefault(part => ApiGatewayOperations.LocationOf(part) == location) is not { } current)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.CreateDocumentationPart(restApiId, location, properties)));
        }
        else if (SameContent(current.Properties, properties))
        {
            plan.Returns(current);
        }
        else
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateDocumentationPart(restApiId, current.DocumentationPartId, properties)));
        }

        return plan;
    }

    /// <summary>The parts that may sit at <paramref name="location"/>: one listing narrowed by type and path.</summary>
    public static GwListing<DocumentationPart> Candidates(string restApiId, DocumentationLocation location) =>
        ApiGatewayOperations.GetDocumentationParts(restApiId, location.Type, location.Path);

    /// <summary>
    /// A version of this name is created (snapshotting the parts as they are now) when there is none, its
    /// description updated when it differs; with a stage, the stage then publishes it.
    /// </summary>
    public static GwPlan<DocumentationVersion> PlanVersion(string restApiId, string version, string? description, string? stageName, DocumentationVersion? existing, Stage? stage)
    {
        var plan = new GwPlan<DocumentationVersion>();
        if (existing is null)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.CreateDocumentationVersion(restApiId, version, description, stageName)));
            return plan;
        }

        if (description is not null && description != existing.Description)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateDocumentationVersion(restApiId, version, description)));
        }
        else
        {
            plan.Returns(existing);
        }

        if (stageName is not null && stage?.DocumentationVersion != version)
        {
            plan.Add(SetStageVersion(restApiId, stageName, version));
        }

        return plan;
    }

    /// <summary>The version of this name, or null when the API has none.</summary>
    public static Task<DocumentationVersion?> FindVersionAsync(ApiGatewayClient client, string restApiId, string version, CancellationToken ct) =>
        client.FindAsync(ApiGatewayOperations.GetDocumentationVersion(restApiId, version), ct);

    /// <summary>
    /// What Publish-GwDeployment -DocumentationVersion adds after the deployment: the stage publishes the version,
    /// which is created from the parts as they are now when the API has none of that name.
    /// </summary>
    public static async Task AddPublishStepsAsync(ApiGatewayClient client, GwPlan plan, string restApiId, string stageName, string version, CancellationToken ct)
    {
        var existing = await FindVersionAsync(client, restApiId, version, ct).ConfigureAwait(false);
        if (existing is null)
        {
            plan.Add(ApiGatewayOperations.CreateDocumentationVersion(restApiId, version, null, stageName));
        }
        else
        {
            plan.Add(SetStageVersion(restApiId, stageName, version));
        }
    }

    private static GwOperation<Stage> SetStageVersion(string restApiId, string stageName, string version) =>
        ApiGatewayOperations.UpdateStage(restApiId, stageName, [new PatchOperation("replace", "/documentationVersion", version)]);

    private static bool SameContent(string current, string wanted)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(current), JsonNode.Parse(wanted));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
