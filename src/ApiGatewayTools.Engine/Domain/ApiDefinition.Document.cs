using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// A definition read from a document: OpenAPI's paths, parameters, bodies and responses (2.0 and 3.x shapes
/// alike) and API Gateway's x-amazon-apigateway-* extensions, normalised as <see cref="ApiDefinition"/> says.
/// </summary>
public static class ApiDefinitionFromDocument
{
    public static ApiDefinition Read(ApiDocument document)
    {
        var reader = new Reader(document);
        return new ApiDefinition(document.Operations().Select(o => reader.Route(o.Path, o.Key, o.Operation)), reader.Settings(),
            document.Root["paths"] is JsonObject paths ? paths.Select(p => p.Key) : null);
    }

    private sealed class Reader(ApiDocument document)
    {
        private readonly JsonObject _root = document.Root;
        private bool IsSwagger2 => _root["swagger"] is not null;
        private JsonObject? Schemas => (IsSwagger2 ? _root["definitions"] : _root["components"]?["schemas"]) as JsonObject;
        private JsonObject? SecuritySchemes => (IsSwagger2 ? _root["securityDefinitions"] : _root["components"]?["securitySchemes"]) as JsonObject;

        public ApiRoute Route(string path, string key, JsonObject operation)
        {
            var verb = key == "x-amazon-apigateway-any-method" ? "ANY" : key.ToUpperInvariant();
            var pathItem = (JsonObject)_root["paths"]![path]!;
            var parameters = Parameters(pathItem["parameters"]).Concat(Parameters(operation["parameters"])).ToList();
            var route = new ApiRoute(new ApiRouteKey(path, verb))
            {
                OperationName = Str(operation, "operationId"),
                RequestValidator = Str(operation, "x-amazon-apigateway-request-validator") ?? Str(_root, "x-amazon-apigateway-request-validator"),
                RequestParameters = parameters.Where(p => p.In is "query" or "header")
                    .ToDictionary(p => $"method.request.{(IsArray(p.Definition) ? "multivalue" : "")}{(p.In == "query" ? "querystring" : "header")}.{p.Name}",
                        p => p.Required, StringComparer.Ordinal),
                RequestModels = RequestModels(operation, parameters),
                // API Gateway's method responses are 3-digit status codes; OpenAPI's "default" response has no place there.
                MethodResponses = (operation["responses"] as JsonObject ?? []).Where(r => r.Key.Length == 3 && r.Key.All(char.IsAsciiDigit))
                    .ToDictionary(r => r.Key, r => MethodResponse(Deref(r.Value) as JsonObject ?? [], operation), StringComparer.Ordinal),
                Integration = operation["x-amazon-apigateway-integration"] is JsonObject integration ? Integration(integration) : null,
            };
            return WithSecurity(route, (operation["security"] ?? _root["security"]) as JsonArray);
        }

        private ApiRoute WithSecurity(ApiRoute route, JsonArray? requirements)
        {
            foreach (var requirement in (requirements ?? []).OfType<JsonObject>())
            {
                foreach (var (name, scopes) in requirement)
                {
                    var scheme = SecuritySchemes?[name] as JsonObject;
                    if (scheme?["x-amazon-apigateway-authorizer"] is JsonObject authorizer)
                    {
                        var cognito = string.Equals(Str(authorizer, "type"), "cognito_user_pools", StringComparison.OrdinalIgnoreCase);
                        route = route with
                        {
                            AuthorizationType = cognito ? "COGNITO_USER_POOLS" : "CUSTOM",
                            Authorizer = name,
                            AuthorizationScopes = (scopes as JsonArray ?? []).Select(s => s?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList(),
                        };
                    }
                    else if (string.Equals(Str(scheme, "x-amazon-apigateway-authtype"), "awsSigv4", StringComparison.OrdinalIgnoreCase))
                    {
                        route = route with { AuthorizationType = "AWS_IAM" };
                    }
                    else if (Str(scheme, "type") == "apiKey" && string.Equals(Str(scheme, "name"), "x-api-key", StringComparison.OrdinalIgnoreCase))
                    {
                        route = route with { ApiKeyRequired = true };
                    }
                }
            }

            return route;
        }

        private sealed record Parameter(string Name, string In, bool Required, JsonObject Definition);

        private IEnumerable<Parameter> Parameters(JsonNode? list) =>
            (list as JsonArray ?? []).Select(Deref).OfType<JsonObject>()
                .Select(p => new Parameter(Str(p, "name") ?? "", Str(p, "in") ?? "", p["required"]?.GetValueKind() == JsonValueKind.True, p));

        /// <summary>A parameter that takes several values ("type: array", in 2.0 on the parameter, in 3.x on its schema) is a multi-value one.</summary>
        private bool IsArray(JsonObject parameter) =>
            Str(IsSwagger2 ? parameter : Deref(parameter["schema"]), "type") == "array";

        private Dictionary<string, string> RequestModels(JsonObject operation, List<Parameter> parameters)
        {
            var models = new Dictionary<string, string>(StringComparer.Ordinal);
            if (IsSwagger2)
            {
                if (parameters.FirstOrDefault(p => p.In == "body") is { } body && ModelName(body.Definition["schema"]) is { } model)
                {
                    foreach (var contentType in MediaTypes(operation, "consumes"))
                    {
                        models[contentType] = model;
                    }
                }

                return models;
            }

            foreach (var (contentType, media) in Deref(operation["requestBody"])?["content"] as JsonObject ?? [])
            {
                if (ModelName(media?["schema"]) is { } model)
                {
                    models[contentType] = model;
                }
            }

            return models;
        }

        private ApiMethodResponse MethodResponse(JsonObject response, JsonObject operation)
        {
            var headers = (response["headers"] as JsonObject ?? []).Select(h => "method.response.header." + h.Key).Order(StringComparer.Ordinal).ToList();
            var models = new Dictionary<string, string>(StringComparer.Ordinal);
            if (IsSwagger2)
            {
                if (ModelName(response["schema"]) is { } model)
                {
                    foreach (var contentType in MediaTypes(operation, "produces"))
                    {
                        models[contentType] = model;
                    }
                }
            }
            else
            {
                foreach (var (contentType, media) in response["content"] as JsonObject ?? [])
                {
                    if (ModelName(media?["schema"]) is { } model)
                    {
                        models[contentType] = model;
                    }
                }
            }

            return new ApiMethodResponse(headers, models);
        }

        private IEnumerable<string> MediaTypes(JsonObject operation, string name) =>
            (operation[name] ?? _root[name]) is JsonArray list && list.Count > 0 ? list.Select(t => t?.GetValue<string>() ?? "") : ["application/json"];

        /// <summary>The model a schema names: the last label of its local $ref; an inline schema names none.</summary>
        private static string? ModelName(JsonNode? schema) =>
            schema?["$ref"]?.GetValue<string>() is { } reference ? CanonicalJson.ModelNameOf(reference) : null;

        private static ApiIntegration Integration(JsonObject integration)
        {
            var type = (Str(integration, "type") ?? "").ToUpperInvariant();
            return Normalised(new ApiIntegration(type)
            {
                Uri = Str(integration, "uri"),
                HttpMethod = Str(integration, "httpMethod"),
                Credentials = Str(integration, "credentials"),
                PassthroughBehavior = Str(integration, "passthroughBehavior")?.ToUpperInvariant() ?? ApiIntegration.DefaultPassthroughBehavior,
                ContentHandling = Str(integration, "contentHandling"),
                TimeoutInMillis = integration["timeoutInMillis"] is JsonValue timeout && timeout.TryGetValue<int>(out var ms) ? ms : ApiIntegration.DefaultTimeoutInMillis,
                RequestParameters = StringMap(integration["requestParameters"]),
                RequestTemplates = StringMap(integration["requestTemplates"]),
                CacheKeyParameters = (integration["cacheKeyParameters"] as JsonArray ?? []).Select(p => p?.GetValue<string>() ?? "").ToList(),
                Responses = (integration["responses"] as JsonObject ?? []).Where(r => r.Value is JsonObject).ToDictionary(
                    r => ApiIntegration.PatternKey(r.Key),
                    r => new ApiIntegrationResponse(Str(r.Value, "statusCode") ?? "", StringMap(r.Value!["responseParameters"]),
                        StringMap(r.Value!["responseTemplates"]), Str(r.Value, "contentHandling")), StringComparer.Ordinal),
            });
        }

        public ApiSettings Settings() => new()
        {
            BinaryMediaTypes = (_root["x-amazon-apigateway-binary-media-types"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "").ToList(),
            ApiKeySource = Str(_root, "x-amazon-apigateway-api-key-source")?.ToUpperInvariant() ?? "HEADER",
            Policy = _root["x-amazon-apigateway-policy"] is JsonObject policy ? CanonicalJson.OfPolicy(policy.ToJsonString()) : null,
            RequestValidators = (_root["x-amazon-apigateway-request-validators"] as JsonObject ?? []).ToDictionary(v => v.Key,
                v => ApiDefinitionSettings.Validator(v.Value?["validateRequestBody"]?.GetValueKind() == JsonValueKind.True,
                    v.Value?["validateRequestParameters"]?.GetValueKind() == JsonValueKind.True), StringComparer.Ordinal),
            Authorizers = (SecuritySchemes ?? []).Where(s => s.Value?["x-amazon-apigateway-authorizer"] is JsonObject).ToDictionary(s => s.Key, s =>
            {
                var authorizer = (JsonObject)s.Value!["x-amazon-apigateway-authorizer"]!;
                var type = (Str(authorizer, "type") ?? "token").ToUpperInvariant();
                var identitySource = Str(authorizer, "identitySource")
                    ?? (type is "TOKEN" or "COGNITO_USER_POOLS" && Str(s.Value, "name") is { } header ? "method.request.header." + header : null);
                var target = Str(authorizer, "authorizerUri")
                    ?? string.Join(",", (authorizer["providerARNs"] as JsonArray ?? []).Select(a => a?.GetValue<string>() ?? ""));
                return ApiDefinitionSettings.Authorizer(type, identitySource, target);
            }, StringComparer.Ordinal),
            Models = ApiDefinitionSettings.Models((Schemas ?? []).Select(m => (m.Key, m.Value))),
            GatewayResponses = (_root["x-amazon-apigateway-gateway-responses"] as JsonObject ?? []).ToDictionary(g => g.Key,
                g => ApiDefinitionSettings.GatewayResponse(StatusCode(g.Value?["statusCode"]), StringMap(g.Value?["responseParameters"]), StringMap(g.Value?["responseTemplates"])),
                StringComparer.Ordinal),
        };

        /// <summary>A gateway response's status as text: documents write it as a number or as a string.</summary>
        private static string? StatusCode(JsonNode? status) => status is JsonValue value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;

        private JsonNode? Deref(JsonNode? node) =>
            node?["$ref"]?.GetValue<string>() is { } reference ? document.Resolve(reference) : node;

        private static string? Str(JsonNode? obj, string name) =>
            obj is JsonObject o && o[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

        private static Dictionary<string, string> StringMap(JsonNode? node) =>
            (node as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p.Value?.ToJsonString() ?? "", StringComparer.Ordinal);
    }

    /// <summary>What every reader agrees on: MOCK has no backend, Lambda proxies are always POSTed.</summary>
    internal static ApiIntegration Normalised(ApiIntegration integration) => integration.Type switch
    {
        "MOCK" => integration with { Uri = null, HttpMethod = null },
        _ => integration with { HttpMethod = integration.HttpMethod?.ToUpperInvariant() },
    };
}

/// <summary>The one-line forms of settings that every reader writes the same way.</summary>
internal static class ApiDefinitionSettings
{
    public static string Validator(bool body, bool parameters) => $"body={(body ? "true" : "false")},parameters={(parameters ? "true" : "false")}";

    public static string Authorizer(string type, string? identitySource, string? target) => $"{type} {identitySource} {target}".TrimEnd();

    /// <summary>Name → canonical schema of the models that are not the ones AWS gives every new API.</summary>
    public static Dictionary<string, string> Models(IEnumerable<(string Name, JsonNode? Schema)> models) =>
        models.Select(m => (m.Name, Schema: CanonicalJson.OfModel(WithoutDialect(m.Schema))))
            .Where(m => DefaultModels.GetValueOrDefault(m.Name) != m.Schema)
            .ToDictionary(m => m.Name, m => m.Schema, StringComparer.Ordinal);

    /// <summary>A customised gateway response as one canonical line; empty maps are the same as none.</summary>
    public static string GatewayResponse(string? statusCode, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> templates)
    {
        var response = new JsonObject();
        if (statusCode is not null)
        {
            response["statusCode"] = statusCode;
        }

        if (parameters.Count > 0)
        {
            response["responseParameters"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }

        if (templates.Count > 0)
        {
            response["responseTemplates"] = new JsonObject(templates.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
        }

        return CanonicalJson.Of(response);
    }

    /// <summary>
    /// The models AWS gives every new API (Empty, Error) are implied, like any other default: a document that
    /// leaves them out and an export that lists them describe the same API.
    /// </summary>
    private static readonly Dictionary<string, string> DefaultModels = new(StringComparer.Ordinal)
    {
        ["Empty"] = "{\"title\":\"Empty Schema\",\"type\":\"object\"}",
        ["Error"] = "{\"properties\":{\"message\":{\"type\":\"string\"}},\"title\":\"Error Schema\",\"type\":\"object\"}",
    };

    /// <summary>API Gateway's models name their JSON Schema draft; OpenAPI's schemas do not. The draft is no difference.</summary>
    private static JsonNode? WithoutDialect(JsonNode? schema)
    {
        if (schema is not JsonObject obj || !obj.ContainsKey("$schema"))
        {
            return schema;
        }

        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("$schema");
        return copy;
    }
}

/// <summary>JSON with members in ordinal order and no whitespace: equal values, equal text.</summary>
internal static partial class CanonicalJson
{
    public static string Of(JsonNode? node) => Sorted(node, modelReferences: false)?.ToJsonString() ?? "null";

    /// <summary>
    /// A model's schema, its references to other models written by name alone: "#/definitions/Pet" (Swagger 2),
    /// "#/components/schemas/Pet" (OpenAPI 3) and API Gateway's model URLs all name the model Pet.
    /// </summary>
    public static string OfModel(JsonNode? schema) => Sorted(schema, modelReferences: true)?.ToJsonString() ?? "null";

    public static string? OfText(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return Of(JsonNode.Parse(json));
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>
    /// A resource policy, its own API's ARNs written as AWS lets a document write them ("execute-api:/*"): AWS
    /// expands that form to the API's full ARN when it stores the policy.
    /// </summary>
    public static string? OfPolicy(string? json) =>
        OfText(json) is { } canonical ? OwnApiArn().Replace(canonical, "execute-api:/") : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"arn:aws[a-z-]*:execute-api:[^:""]*:[^:""]*:[^/""]*/")]
    private static partial System.Text.RegularExpressions.Regex OwnApiArn();

    /// <summary>OpenAPI 3.1's "type: [number, 'null']" is 3.0's "type: number, nullable: true": the type it names besides null.</summary>
    private static string? NullableType(JsonObject schema) =>
        schema["type"] is JsonArray { Count: 2 } types && types.Select(t => t?.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null).ToList() is var names
            && names.Contains("null") && names.FirstOrDefault(n => n is not null and not "null") is { } other
            ? other
            : null;

    private static JsonObject WithNullable(JsonObject schema, string type)
    {
        var copy = (JsonObject)schema.DeepClone();
        copy["type"] = type;
        copy["nullable"] = true;
        return copy;
    }

    /// <summary>The last label of a reference to a model.</summary>
    public static string ModelNameOf(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    private static JsonNode? Sorted(JsonNode? node, bool modelReferences) => node switch
    {
        JsonObject obj when modelReferences && NullableType(obj) is { } single => Sorted(WithNullable(obj, single), modelReferences),
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key,
            modelReferences && p.Key == "$ref" && p.Value?.GetValueKind() == JsonValueKind.String
                ? JsonValue.Create("#/models/" + ModelNameOf(p.Value.GetValue<string>()))
                : Sorted(p.Value, modelReferences)))),
        JsonArray array => new JsonArray(array.Select(item => Sorted(item, modelReferences)).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
