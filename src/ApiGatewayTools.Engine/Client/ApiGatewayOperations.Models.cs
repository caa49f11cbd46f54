using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Client;

/// <summary>What a model is: its name (how methods and a re-run find it), schema, content type and description.</summary>
public sealed record ModelSettings(string Name, string Schema, string ContentType = ModelSettings.DefaultContentType, string? Description = null)
{
    public const string DefaultContentType = "application/json";
    public const string ContentTypeChangeErrorId = "ModelContentTypeDiffers";

    /// <summary>The name is alphanumeric and the schema is JSON Schema draft 4 (references to the API's models allowed), before anything is sent.</summary>
    public ModelSettings Validate(string restApiId)
    {
        ModelSchemaCheck.ValidName(Name);
        ModelSchemaCheck.Validate(restApiId, Schema);
        return this;
    }

    /// <summary>
    /// Re-running a script converges: a model of this name is created when there is none, its schema and description
    /// updated when they differ, and answered as it is (an empty plan) when they do not. A different content type
    /// cannot be patched: the error says how to change it.
    /// </summary>
    public GwPlan<RestApiModel> Plan(string restApiId, IEnumerable<RestApiModel> existing)
    {
        var plan = new GwPlan<RestApiModel>();
        if (existing.FirstOrDefault(m => string.Equals(m.Name, Name, StringComparison.Ordinal)) is not { } current)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.CreateModel(restApiId, this)));
            return plan;
        }
        if (!string.Equals(current.ContentType, ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new GwValidationException(ContentTypeChangeErrorId, "ContentType",
                $"Model {Name} of REST API {restApiId} is for {current.ContentType}, not {ContentType}, and API Gateway cannot change a model's content type. "
                + $"Remove it first (Remove-GwModel -RestApiId {restApiId} -Name {Name}) or choose another -Name.");
        }
        var patch = Differences(current);
        if (patch.Count == 0)
        {
            plan.Returns(current);
        }
        else
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateModel(restApiId, Name, patch)));
        }
        return plan;
    }

    /// <summary>The UpdateModel patch that gives <paramref name="current"/> this schema and description (a null description is left alone).</summary>
    public IReadOnlyList<PatchOperation> Differences(RestApiModel current)
    {
        var patch = new List<PatchOperation>();
        if (!SameJson(current.Schema, Schema))
        {
            patch.Add(new("replace", "/schema", Schema));
        }
        if (Description is not null && (current.Description ?? "") != Description)
        {
            patch.Add(new("replace", "/description", Description));
        }
        return patch;
    }

    /// <summary>Two schemas are the same when they are the same JSON, whatever their spacing.</summary>
    private static bool SameJson(string left, string right)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right));
        }
        catch (JsonException)
        {
            return string.Equals(left, right, StringComparison.Ordinal);
        }
    }
}

// Models: CreateModel, GetModels, GetModel, UpdateModel, DeleteModel.
public static partial class ApiGatewayOperations
{
    public static GwOperation<RestApiModel> CreateModel(string restApiId, ModelSettings settings)
    {
        var body = new JsonObject
        {
            ["name"] = settings.Name,
            ["schema"] = settings.Schema,
            ["contentType"] = settings.ContentType,
        }.Put("description", settings.Description);
        // Model names are unique in an API, so the model of this name is the one a lost attempt made.
        return Build("CreateModel", HttpMethod.Post, ModelsPath(restApiId), ModelReader(restApiId), body)
            .ReconciledBy((client, _, ct) => client.FindAsync(GetModel(restApiId, settings.Name), ct));
    }

    public static GwListing<RestApiModel> GetModels(string restApiId) =>
        Listing("GetModels", ModelsPath(restApiId), null, ModelReader(restApiId));

    public static GwOperation<RestApiModel> GetModel(string restApiId, string modelName) =>
        Build("GetModel", HttpMethod.Get, ModelPath(restApiId, modelName), ModelReader(restApiId));

    public static GwOperation<RestApiModel> UpdateModel(string restApiId, string modelName, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateModel", HttpMethod.Patch, ModelPath(restApiId, modelName), ModelReader(restApiId), PatchBody(operations));

    public static GwOperation DeleteModel(string restApiId, string modelName) =>
        Build("DeleteModel", HttpMethod.Delete, ModelPath(restApiId, modelName));

    private static string ModelsPath(string restApiId) => RestPath.Of("restapis", restApiId, "models");

    private static string ModelPath(string restApiId, string modelName) => ModelsPath(restApiId) + RestPath.Of(modelName);

    /// <summary>AWS's Model shape: id, name, description, schema, contentType.</summary>
    private static Func<JsonElement, GwConnection, RestApiModel> ModelReader(string restApiId) =>
        (json, connection) => new RestApiModel
        {
            Connection = connection,
            RestApiId = restApiId,
            ModelId = json.Str("id") ?? "",
            Name = json.Str("name") ?? "",
            Description = json.Str("description"),
            ContentType = json.Str("contentType") ?? "",
            Schema = json.Str("schema") ?? "",
        };
}
