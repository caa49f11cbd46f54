using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;
using NJsonSchema;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// CreateModel, GetModels, GetModel (with ?flatten=true), UpdateModel, DeleteModel and GetModelTemplate.
/// Models live in their API's store under their name; a new API starts with AWS's two, Empty and Error.
/// Schemas are read as JSON Schema draft 4 by <see cref="ModelSchemas"/>, so a schema AWS refuses is refused here.
/// </summary>
internal sealed partial class ModelRoutes(GatewayState state) : IRouteArea
{
    private const string Collection = "/restapis/{restapi_id}/models";
    private const string DefaultContentType = "application/json";
    private const string EmptySchemaMessage = "Model schema must have at least 1 property or array items defined";

    public void Register(Router router)
    {
        router.MapCollection("Model", Collection, "model_name", Create, List, Get, Update, Delete);
        router.Map("GET", Collection + "/{model_name}/default_template", "GetModelTemplate", GetTemplate);
    }

    /// <summary>The two models API Gateway gives every new REST API, with its schemas and descriptions as it writes them.</summary>
    public static void AddDefaults(RestApiRecord api)
    {
        api.Models.Add(new ModelRecord
        {
            Id = api.Models.NewId(IdGenerator.NewResourceId),
            Name = "Empty",
            Description = "This is a default empty schema model",
            Schema = "{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Empty Schema\",\n  \"type\" : \"object\"\n}",
            ContentType = DefaultContentType,
        });
        api.Models.Add(new ModelRecord
        {
            Id = api.Models.NewId(IdGenerator.NewResourceId),
            Name = "Error",
            Description = "This is a default error schema model",
            Schema = "{\n  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Error Schema\",\n  \"type\" : \"object\",\n"
                + "  \"properties\" : {\n    \"message\" : { \"type\" : \"string\" }\n  }\n}",
            ContentType = DefaultContentType,
        });
    }

    /// <summary>What PutMethod, UpdateMethod and PutMethodResponse check: every model a method names exists in its API.</summary>
    public static void EnsureExist(RestApiRecord api, IEnumerable<string> modelNames)
    {
        foreach (var name in modelNames)
        {
            if (!api.Models.ContainsKey(name))
            {
                throw GatewayError.BadRequest($"Invalid model identifier specified: {name}");
            }
        }
    }

    private GatewayResponse Create(GatewayRequest request)
    {
        var body = request.Json;
        var name = JsonRead.String(body, "name");
        if (string.IsNullOrEmpty(name))
        {
            throw GatewayError.BadRequest("Model name must be non-empty");
        }
        if (!AlphanumericName().IsMatch(name))
        {
            throw GatewayError.BadRequest($"Model name must be alphanumeric: {name}");
        }
        var schema = RequireSchema(JsonRead.String(body, "schema"));
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            if (api.Models.ContainsKey(name))
            {
                throw GatewayError.Conflict("Model name already exists for this REST API");
            }
            ModelSchemas.Compile(api.Id, api.Models, schema);
            var model = api.Models.Add(new ModelRecord
            {
                Id = api.Models.NewId(IdGenerator.NewResourceId),
                Name = name,
                Description = JsonRead.String(body, "description") is { Length: > 0 } description ? description : null,
                Schema = schema,
                ContentType = JsonRead.String(body, "contentType") ?? DefaultContentType,
            });
            return GatewayResponse.Json(201, w => Write(w, model, model.Schema));
        }
    }

    private GatewayResponse List(GatewayRequest request)
    {
        lock (state.Sync)
        {
            // AWS lists models by name, not in the order they were made.
            var models = state.RestApis.Get(request.Route("restapi_id")).Models.Values
                .OrderBy(model => model.Name, StringComparer.Ordinal).ToList();
            return Paging.Page(request, models, (w, model) => Write(w, model, model.Schema));
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        var flatten = string.Equals(request.QueryValue("flatten"), "true", StringComparison.OrdinalIgnoreCase);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var model = api.Models.Get(request.Route("model_name"));
            // Flattened: the references to other models are resolved into the schema's own definitions.
            var schema = flatten ? ModelSchemas.Compile(api.Id, api.Models, model.Schema).ToJson() : model.Schema;
            return GatewayResponse.Json(200, w => Write(w, model, schema));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var model = PatchOperation.ApplyAll(operations, api.Models.Get(request.Route("model_name")) with { }, Apply,
                updated => ModelSchemas.Compile(api.Id, api.Models, updated.Schema));
            api.Models.Replace(model);
            return GatewayResponse.Json(200, w => Write(w, model, model.Schema));
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var model = api.Models.Get(request.Route("model_name"));
            if (FirstUse(api, model.Name) is { } use)
            {
                throw GatewayError.Conflict($"Cannot delete model '{model.Name}', is referenced in {use}");
            }
            api.Models.Remove(model.Name);
            return GatewayResponse.Empty(202);
        }
    }

    private GatewayResponse GetTemplate(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var model = api.Models.Get(request.Route("model_name"));
            var template = MappingTemplateFor(ModelSchemas.Compile(api.Id, api.Models, model.Schema));
            return GatewayResponse.Json(200, w => w.WriteString("value", template));
        }
    }

    /// <summary>Where the API uses the model, as AWS names it ("method request: /pets/POST"); null when nowhere.</summary>
    private static string? FirstUse(RestApiRecord api, string modelName)
    {
        var resources = api.Resources.Values.ToDictionary(resource => resource.Id, StringComparer.Ordinal);
        foreach (var resource in resources.Values)
        {
            foreach (var method in resource.Methods.Values)
            {
                var where = $"{ResourceTree.PathOf(resources, resource)}/{method.HttpMethod}";
                if (method.RequestModels.ContainsValue(modelName))
                {
                    return $"method request: {where}";
                }
                if (method.MethodResponses.Values.Any(response => response.ResponseModels.ContainsValue(modelName)))
                {
                    return $"method response: {where}";
                }
            }
        }
        return null;
    }

    private static string RequireSchema(string? schema) =>
        string.IsNullOrWhiteSpace(schema) ? throw GatewayError.BadRequest(EmptySchemaMessage) : schema;

    private static void Apply(ModelRecord model, PatchOperation operation)
    {
        if (operation.Op != "replace")
        {
            throw GatewayError.BadRequest($"Invalid patch path  '{operation.Path}' specified for op '{operation.Op}'. Please choose supported operations");
        }
        switch (operation.Path)
        {
            case "/schema":
                model.Schema = RequireSchema(operation.Value);
                break;
            case "/description":
                model.Description = string.IsNullOrEmpty(operation.Value) ? null : operation.Value;
                break;
            default:
                throw GatewayError.BadRequest($"Invalid patch path  '{operation.Path}' specified for op 'replace'. Must be one of: [/description, /schema]");
        }
    }

    /// <summary>A mapping template that passes each property of the model's object through, as AWS's generated template does.</summary>
    private static string MappingTemplateFor(JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        var text = new StringBuilder("#set($inputRoot = $input.path('$'))\n");
        if (actual.ActualProperties.Count == 0)
        {
            return text.Append("{ }").ToString();
        }
        text.Append("{\n");
        var properties = actual.ActualProperties.ToList();
        for (var i = 0; i < properties.Count; i++)
        {
            var (name, property) = (properties[i].Key, properties[i].Value.ActualSchema);
            var value = property.Type.HasFlag(JsonObjectType.String) ? $"\"$inputRoot.{name}\"" : $"$inputRoot.{name}";
            text.Append($"  \"{name}\" : {value}").Append(i < properties.Count - 1 ? ",\n" : "\n");
        }
        return text.Append('}').ToString();
    }

    private static void Write(Utf8JsonWriter writer, ModelRecord model, string schema)
    {
        writer.WriteString("id", model.Id);
        writer.WriteString("name", model.Name);
        writer.OptionalString("description", model.Description);
        writer.WriteString("schema", schema);
        writer.WriteString("contentType", model.ContentType);
    }

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex AlphanumericName();
}
