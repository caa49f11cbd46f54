using System.Globalization;
using System.Text.Json.Nodes;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.DataPlane.Policies;
using ApiGatewayTools.LocalGateway.State;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ApiGatewayTools.LocalGateway.OpenApi;

/// <summary>Which x-amazon-apigateway-* extensions an export carries (GetExport's extensions parameter).</summary>
[Flags]
internal enum ExportExtensions
{
    None = 0,
    Integrations = 1,
    Authorizers = 2,
    /// <summary>Every API Gateway extension: integrations, authorizers, validators, policy and the API's settings.</summary>
    ApiGateway = Integrations | Authorizers | 4,
}

/// <summary>
/// What a stage's deployment froze, written as the OpenAPI 3.0 or Swagger 2.0 document GetExport answers, in the
/// shape API Gateway's exports have: one path per resource with methods, parameters and responses per method, models
/// as schemas that the methods reference, and the x-amazon-apigateway-* extensions the caller asked for.
/// The two formats differ only where the specifications do (servers or host/basePath, components or definitions,
/// requestBody or a body parameter, content or schema).
/// </summary>
internal sealed class OpenApiExport(ExportedApi api, bool swagger, ExportExtensions extensions)
{
    public const string AnyMethodKey = "x-amazon-apigateway-any-method";
    public const string ApiKeySchemeName = "api_key";
    public const string SigV4SchemeName = "sigv4";

    private readonly Dictionary<string, JsonObject> _securitySchemes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _usedModels = new(StringComparer.Ordinal);

    private string SchemaRefPrefix => swagger ? "#/definitions/" : "#/components/schemas/";
    private bool Has(ExportExtensions extension) => (extensions & extension) == extension;

    public JsonObject Build()
    {
        var snapshot = api.Snapshot;
        var document = new JsonObject();
        if (swagger)
        {
            document["swagger"] = "2.0";
        }
        else
        {
            document["openapi"] = "3.0.1";
        }
        var info = new JsonObject { ["title"] = api.Name };
        AddIfSet(info, "description", api.Description);
        info["version"] = api.Version ?? api.DeployedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        document["info"] = info;
        var host = $"{snapshot.RestApiId}.execute-api.{LocalGatewayServer.Region}.amazonaws.com";
        if (swagger)
        {
            document["host"] = host;
            document["basePath"] = "/" + api.StageName;
            document["schemes"] = new JsonArray("https");
        }
        else
        {
            document["servers"] = new JsonArray(new JsonObject
            {
                ["url"] = $"https://{host}/{{basePath}}",
                ["variables"] = new JsonObject { ["basePath"] = new JsonObject { ["default"] = api.StageName } },
            });
        }
        document["paths"] = Paths();
        WriteDefinitions(document);
        WriteApiExtensions(document);
        return document;
    }

    private JsonObject Paths()
    {
        var snapshot = api.Snapshot;
        var paths = new JsonObject();
        foreach (var resource in snapshot.Resources.Values.Where(r => r.Methods.Count > 0).OrderBy(r => snapshot.Paths[r.Id], StringComparer.Ordinal))
        {
            var item = new JsonObject();
            foreach (var method in resource.Methods.Values)
            {
                item[method.HttpMethod == "ANY" ? AnyMethodKey : method.HttpMethod.ToLowerInvariant()] = Operation(method);
            }
            paths[snapshot.Paths[resource.Id]] = item;
        }
        return paths;
    }

    private JsonObject Operation(MethodRecord method)
    {
        var operation = new JsonObject();
        AddIfSet(operation, "operationId", method.OperationName);
        if (swagger)
        {
            var consumes = method.RequestModels.Keys.Order(StringComparer.Ordinal).ToList();
            var produces = method.MethodResponses.Values.SelectMany(r => r.ResponseModels.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            if (consumes.Count > 0)
            {
                operation["consumes"] = new JsonArray([.. consumes.Select(c => (JsonNode)c)]);
            }
            if (produces.Count > 0)
            {
                operation["produces"] = new JsonArray([.. produces.Select(c => (JsonNode)c)]);
            }
        }
        var parameters = new JsonArray();
        foreach (var (name, required) in method.RequestParameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (Parameter(name, required) is { } parameter)
            {
                parameters.Add(parameter);
            }
        }
        if (swagger && method.RequestModels.Count > 0)
        {
            var model = method.RequestModels.OrderBy(p => p.Key, StringComparer.Ordinal).First().Value;
            parameters.Add(new JsonObject { ["in"] = "body", ["name"] = model, ["required"] = true, ["schema"] = ModelRef(model) });
        }
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        if (!swagger && method.RequestModels.Count > 0)
        {
            operation["requestBody"] = new JsonObject { ["content"] = Content(method.RequestModels), ["required"] = true };
        }
        operation["responses"] = Responses(method);
        if (Security(method) is { } security)
        {
            operation["security"] = security;
        }
        if (Has(ExportExtensions.ApiGateway) && method.RequestValidatorId is { } validatorId
            && api.Snapshot.RequestValidators.TryGetValue(validatorId, out var validator) && validator.Name is { } validatorName)
        {
            operation[OpenApiNames.RequestValidator] = validatorName;
        }
        if (Has(ExportExtensions.Integrations) && method.Integration is { } integration)
        {
            operation[OpenApiNames.Integration] = Integration(integration);
        }
        return operation;
    }

    /// <summary>A method request parameter as an OpenAPI parameter; multi-value ones are arrays of strings.</summary>
    private JsonObject? Parameter(string name, bool required)
    {
        var parts = name.Split('.', 4);
        if (parts.Length < 4)
        {
            return null;
        }
        var (location, multiValue) = parts[2] switch
        {
            "path" => ("path", false),
            "querystring" => ("query", false),
            "multivaluequerystring" => ("query", true),
            "header" => ("header", false),
            "multivalueheader" => ("header", true),
            _ => ("", false),
        };
        if (location.Length == 0)
        {
            return null;
        }
        var parameter = new JsonObject { ["name"] = parts[3], ["in"] = location, ["required"] = location == "path" || required };
        var type = multiValue
            ? new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }
            : new JsonObject { ["type"] = "string" };
        if (swagger)
        {
            foreach (var (key, value) in type)
            {
                parameter[key] = value?.DeepClone();
            }
        }
        else
        {
            parameter["schema"] = type;
        }
        return parameter;
    }

    private JsonObject Responses(MethodRecord method)
    {
        var responses = new JsonObject();
        foreach (var response in method.MethodResponses.Values)
        {
            var written = new JsonObject { ["description"] = $"{response.StatusCode} response" };
            if (response.ResponseParameters.Count > 0)
            {
                var headers = new JsonObject();
                foreach (var name in response.ResponseParameters.Keys.Order(StringComparer.Ordinal))
                {
                    var header = name["method.response.header.".Length..];
                    headers[header] = swagger ? new JsonObject { ["type"] = "string" } : new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } };
                }
                written["headers"] = headers;
            }
            if (response.ResponseModels.Count > 0)
            {
                if (swagger)
                {
                    written["schema"] = ModelRef(response.ResponseModels.OrderBy(p => p.Key, StringComparer.Ordinal).First().Value);
                }
                else
                {
                    written["content"] = Content(response.ResponseModels);
                }
            }
            responses[response.StatusCode] = written;
        }
        return responses;
    }

    private JsonObject Content(IReadOnlyDictionary<string, string> models)
    {
        var content = new JsonObject();
        foreach (var (contentType, model) in models.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            content[contentType] = new JsonObject { ["schema"] = ModelRef(model) };
        }
        return content;
    }

    private JsonObject ModelRef(string model)
    {
        _usedModels.Add(model);
        return new JsonObject { ["$ref"] = SchemaRefPrefix + model };
    }

    /// <summary>The method's security requirement: its authorizer or SigV4, and the API key when one is required.</summary>
    private JsonArray? Security(MethodRecord method)
    {
        var requirement = new JsonObject();
        switch (method.AuthorizationType)
        {
            case "AWS_IAM":
                _securitySchemes[SigV4SchemeName] = SecurityScheme("Authorization", "awsSigv4", null);
                requirement[SigV4SchemeName] = new JsonArray();
                break;
            case "CUSTOM" or "COGNITO_USER_POOLS" when method.AuthorizerId is { } id && api.Snapshot.Authorizers.TryGetValue(id, out var authorizer):
                _securitySchemes[authorizer.Name] = AuthorizerScheme(authorizer);
                requirement[authorizer.Name] = new JsonArray([.. method.AuthorizationScopes.Select(scope => (JsonNode)scope)]);
                break;
        }
        if (method.ApiKeyRequired)
        {
            _securitySchemes[ApiKeySchemeName] = SecurityScheme("x-api-key", null, null);
            requirement[ApiKeySchemeName] = new JsonArray();
        }
        return requirement.Count == 0 ? null : new JsonArray(requirement);
    }

    private JsonObject AuthorizerScheme(AuthorizerRecord authorizer)
    {
        var header = authorizer.Type == "REQUEST"
            ? "Unused"
            : authorizer.IdentitySources.FirstOrDefault()?.Replace("method.request.header.", "", StringComparison.Ordinal) ?? "Authorization";
        JsonObject? extension = null;
        if (Has(ExportExtensions.Authorizers))
        {
            extension = new JsonObject { ["type"] = authorizer.Type.ToLowerInvariant() };
            if (authorizer.ProviderArns.Count > 0)
            {
                extension["providerARNs"] = new JsonArray([.. authorizer.ProviderArns.Select(arn => (JsonNode)arn)]);
            }
            AddIfSet(extension, "authorizerUri", authorizer.AuthorizerUri);
            AddIfSet(extension, "authorizerCredentials", authorizer.AuthorizerCredentials);
            if (authorizer.Type != "TOKEN")
            {
                AddIfSet(extension, "identitySource", authorizer.IdentitySource);
            }
            AddIfSet(extension, "identityValidationExpression", authorizer.IdentityValidationExpression);
            extension["authorizerResultTtlInSeconds"] = authorizer.ResultTtlInSeconds;
        }
        return SecurityScheme(header, authorizer.AuthType ?? (authorizer.IsLambda ? "custom" : "cognito_user_pools"), extension);
    }

    private JsonObject SecurityScheme(string header, string? authType, JsonObject? authorizer)
    {
        var scheme = new JsonObject { ["type"] = "apiKey", ["name"] = header, ["in"] = "header" };
        if (authType is not null && Has(ExportExtensions.Authorizers))
        {
            scheme[OpenApiNames.AuthType] = authType;
        }
        if (authorizer is not null)
        {
            scheme[OpenApiNames.Authorizer] = authorizer;
        }
        return scheme;
    }

    private static JsonObject Integration(IntegrationRecord integration)
    {
        var written = new JsonObject { ["type"] = integration.Type.ToLowerInvariant() };
        AddIfSet(written, "httpMethod", integration.Type == "MOCK" ? null : integration.HttpMethod);
        AddIfSet(written, "uri", integration.Uri);
        AddIfSet(written, "credentials", integration.Credentials);
        if (integration.ConnectionType != "INTERNET")
        {
            written["connectionType"] = integration.ConnectionType;
        }
        AddIfSet(written, "connectionId", integration.ConnectionId);
        AddMap(written, "requestParameters", integration.RequestParameters);
        AddMap(written, "requestTemplates", integration.RequestTemplates);
        written["passthroughBehavior"] = integration.PassthroughBehavior.ToLowerInvariant();
        AddIfSet(written, "contentHandling", integration.ContentHandling);
        if (integration.TimeoutInMillis != 29000)
        {
            written["timeoutInMillis"] = integration.TimeoutInMillis;
        }
        if (integration.CacheKeyParameters.Count > 0)
        {
            written["cacheNamespace"] = integration.CacheNamespace;
            written["cacheKeyParameters"] = new JsonArray([.. integration.CacheKeyParameters.Select(p => (JsonNode)p)]);
        }
        if (integration.IntegrationResponses.Count > 0)
        {
            var responses = new JsonObject();
            foreach (var response in integration.IntegrationResponses.Values.OrderBy(r => r.SelectionPattern ?? "default", StringComparer.Ordinal))
            {
                var entry = new JsonObject { ["statusCode"] = response.StatusCode };
                AddMap(entry, "responseParameters", response.ResponseParameters);
                AddMap(entry, "responseTemplates", response.ResponseTemplates);
                AddIfSet(entry, "contentHandling", response.ContentHandling);
                responses[string.IsNullOrEmpty(response.SelectionPattern) ? "default" : response.SelectionPattern] = entry;
            }
            written["responses"] = responses;
        }
        return written;
    }

    private void WriteDefinitions(JsonObject document)
    {
        // Every model the deployment froze, used or not, so that an imported export has the same models.
        var schemas = new JsonObject();
        foreach (var model in api.Snapshot.Models.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            schemas[model.Name] = Schema(model);
        }
        foreach (var missing in _usedModels.Where(name => !api.Snapshot.Models.ContainsKey(name)))
        {
            schemas[missing] = new JsonObject { ["type"] = "object" };
        }
        var securitySchemes = new JsonObject();
        foreach (var (name, scheme) in _securitySchemes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            securitySchemes[name] = scheme;
        }
        if (swagger)
        {
            if (securitySchemes.Count > 0)
            {
                document["securityDefinitions"] = securitySchemes;
            }
            if (schemas.Count > 0)
            {
                document["definitions"] = schemas;
            }
            return;
        }
        var components = new JsonObject();
        if (schemas.Count > 0)
        {
            components["schemas"] = schemas;
        }
        if (securitySchemes.Count > 0)
        {
            components["securitySchemes"] = securitySchemes;
        }
        if (components.Count > 0)
        {
            document["components"] = components;
        }
    }

    /// <summary>
    /// A model's schema as a document schema: references to the API's models point into the document, and it is
    /// written by the OpenAPI library for the document's version, as imported schemas are read, so that a schema
    /// exported, imported and exported again reads the same whatever order its author wrote it in.
    /// </summary>
    private JsonNode Schema(ModelRecord model)
    {
        if (ParseObject(model.Schema) is not { } root)
        {
            return new JsonObject { ["type"] = "object" };
        }
        root.Remove("$schema");
        OpenApiSchemaRefs.Rewrite(root, ModelSchemas.ReferenceTo(api.Snapshot.RestApiId, ""), OpenApiSchemaRefs.ComponentSchemas);
        var schema = OpenApiModelFactory.Parse<OpenApiSchema>(root.ToJsonString(), OpenApiSpecVersion.OpenApi3_0, new OpenApiDocument(),
            out var diagnostic, "json", new OpenApiReaderSettings());
        if (schema is null || diagnostic.Errors.Count > 0)
        {
            return root;
        }
        using var text = new StringWriter();
        var writer = new OpenApiJsonWriter(text);
        if (swagger)
        {
            schema.SerializeAsV2(writer);
        }
        else
        {
            schema.SerializeAsV3(writer);
        }
        return JsonNode.Parse(text.ToString()) ?? root;
    }

    private static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void WriteApiExtensions(JsonObject document)
    {
        if (!Has(ExportExtensions.ApiGateway))
        {
            return;
        }
        var snapshot = api.Snapshot;
        var validators = new JsonObject();
        foreach (var validator in snapshot.RequestValidators.Values.Where(v => v.Name is not null).OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            validators[validator.Name!] = new JsonObject
            {
                ["validateRequestBody"] = validator.ValidateRequestBody,
                ["validateRequestParameters"] = validator.ValidateRequestParameters,
            };
        }
        if (validators.Count > 0)
        {
            document[OpenApiNames.RequestValidators] = validators;
        }
        if (snapshot.ApiKeySource != "HEADER")
        {
            document[OpenApiNames.ApiKeySource] = snapshot.ApiKeySource;
        }
        if (snapshot.BinaryMediaTypes.Count > 0)
        {
            document[OpenApiNames.BinaryMediaTypes] = new JsonArray([.. snapshot.BinaryMediaTypes.Select(type => (JsonNode)type)]);
        }
        if (snapshot.MinimumCompressionSize is { } size)
        {
            document[OpenApiNames.MinimumCompressionSize] = size;
        }
        if (snapshot.PolicyDocument is { } policy)
        {
            document[OpenApiNames.Policy] = JsonNode.Parse(StoredPolicy.Json(policy));
        }
        var gatewayResponses = new JsonObject();
        foreach (var response in snapshot.GatewayResponses.Values.OrderBy(r => r.ResponseType, StringComparer.Ordinal))
        {
            var written = new JsonObject();
            AddIfSet(written, "statusCode", response.StatusCode);
            AddMap(written, "responseParameters", response.ResponseParameters);
            AddMap(written, "responseTemplates", response.ResponseTemplates);
            gatewayResponses[response.ResponseType] = written;
        }
        if (gatewayResponses.Count > 0)
        {
            document[OpenApiNames.GatewayResponses] = gatewayResponses;
        }
        if (api.Documentation is { Parts.Count: > 0 } documentation)
        {
            document[OpenApiNames.Documentation] = Documentation(documentation);
        }
    }

    /// <summary>The documentation version the stage is tied to, with its parts, as ImportDocumentationParts reads them back.</summary>
    private static JsonObject Documentation(DocumentationVersionRecord documentation)
    {
        var parts = new JsonArray();
        foreach (var part in documentation.Parts.OrderBy(p => p.Location.Type, StringComparer.Ordinal)
            .ThenBy(p => p.Location.Path, StringComparer.Ordinal).ThenBy(p => p.Location.Method, StringComparer.Ordinal)
            .ThenBy(p => p.Location.StatusCode, StringComparer.Ordinal).ThenBy(p => p.Location.Name, StringComparer.Ordinal))
        {
            var location = new JsonObject { ["type"] = part.Location.Type };
            AddIfSet(location, "path", part.Location.Path);
            AddIfSet(location, "method", part.Location.Method);
            AddIfSet(location, "statusCode", part.Location.StatusCode);
            AddIfSet(location, "name", part.Location.Name);
            parts.Add(new JsonObject { ["location"] = location, ["properties"] = JsonNode.Parse(part.Properties) });
        }
        return new JsonObject { ["version"] = documentation.Version, ["documentationParts"] = parts };
    }

    private static void AddIfSet(JsonObject target, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[name] = value;
        }
    }

    private static void AddMap(JsonObject target, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }
        var written = new JsonObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            written[key] = value;
        }
        target[name] = written;
    }
}

/// <summary>What GetExport reads, taken under the state lock: the stage's deployment and documentation, and the API's own description.</summary>
internal sealed record ExportedApi(
    string Name,
    string? Description,
    string? Version,
    string StageName,
    DateTimeOffset DeployedAt,
    DeploymentSnapshot Snapshot,
    DocumentationVersionRecord? Documentation);
