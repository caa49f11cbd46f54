using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ApiGatewayTools.LocalGateway.OpenApi;

/// <summary>How ImportRestApi and PutRestApi read a document: their query parameters.</summary>
internal sealed record ImportOptions(string BasePath, bool FailOnWarnings, bool IgnoreDocumentation, List<string>? EndpointTypes);

/// <summary>One method the document defines, with the authorizer and validator it names (resolved to ids when applied).</summary>
internal sealed record ImportedMethod(string Path, MethodRecord Method, string? AuthorizerName, string? ValidatorName);

/// <summary>Everything a document defines, read and checked in full before any of it touches an API.</summary>
internal sealed class ImportedApi
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Version { get; init; }
    public List<string> BinaryMediaTypes { get; } = [];
    public string? ApiKeySource { get; set; }
    public int? MinimumCompressionSize { get; set; }
    public string? Policy { get; set; }
    /// <summary>Every path the document names, methods or not, base path applied.</summary>
    public SortedSet<string> Paths { get; } = new(StringComparer.Ordinal);
    public List<ImportedMethod> Methods { get; } = [];
    public List<AuthorizerRecord> Authorizers { get; } = [];
    public List<RequestValidatorRecord> Validators { get; } = [];
    /// <summary>Model name to its draft 4 schema, whose references to other models name <see cref="OpenApiImport.PlaceholderApiId"/>.</summary>
    public SortedDictionary<string, string> Models { get; } = new(StringComparer.Ordinal);
    public List<GatewayResponseRecord> GatewayResponses { get; } = [];
    /// <summary>Null when the document has no documentation or the caller asked to ignore it.</summary>
    public List<(DocumentationLocation Location, string Properties)>? DocumentationParts { get; set; }
    public List<string> Warnings { get; } = [];
}

/// <summary>
/// Reads an OpenAPI 2.0, 3.0 or 3.1 document (JSON or YAML) with the OpenAPI library and turns it into what API
/// Gateway would make of it. Problems that stop the import are collected and refused together, each naming its place
/// in the document, as AWS's "Errors found during import" does; what API Gateway ignores becomes a warning.
/// </summary>
internal sealed class OpenApiImport
{
    /// <summary>A bound on the work one document may ask for: API Gateway's default of 300 resources per API, with room.</summary>
    public const int MaxOperations = 3000;

    /// <summary>The API id imported models refer to each other by until the API they land in is known.</summary>
    public const string PlaceholderApiId = "importedapi";

    private static readonly Dictionary<string, string> LocationPrefixes = new(StringComparer.Ordinal)
    {
        ["Path"] = "method.request.path.",
        ["Query"] = "method.request.querystring.",
        ["Header"] = "method.request.header.",
    };

    /// <summary>The library's own checks, less the one API Gateway does not make: a method may declare no responses.</summary>
    private static readonly ValidationRuleSet Rules = RulesWithoutRequiredResponses();

    private readonly List<string> _errors = [];
    private readonly OpenApiDocument _document;
    private readonly ImportOptions _options;
    private readonly ImportedApi _api;

    private OpenApiImport(OpenApiDocument document, ImportOptions options)
    {
        _document = document;
        _options = options;
        _api = new ImportedApi
        {
            Name = document.Info?.Title ?? "",
            Description = document.Info?.Description,
            Version = document.Info?.Version,
        };
    }

    public static ImportedApi Read(byte[] body, ImportOptions options)
    {
        if (body.Length == 0)
        {
            throw GatewayError.BadRequest("Invalid OpenAPI input: the request body is empty. Send an OpenAPI 2.0, 3.0 or 3.1 document in JSON or YAML.");
        }
        var settings = new OpenApiReaderSettings { RuleSet = Rules };
        settings.AddYamlReader();
        var format = LooksLikeJson(body) ? "json" : "yaml";
        ReadResult result;
        using (var stream = new MemoryStream(body))
        {
            result = OpenApiDocument.Load(stream, format, settings);
        }
        if (result.Document is null || result.Diagnostic?.Errors.Count > 0)
        {
            var problems = result.Diagnostic?.Errors.Select(error => error.ToString()).ToList() ?? [];
            throw ImportFailed("Errors", problems.Count > 0 ? problems : ["The document could not be read as OpenAPI."]);
        }
        var import = new OpenApiImport(result.Document, options);
        import.Translate(result.Diagnostic?.Warnings.Select(warning => warning.ToString()) ?? []);
        return import._api;
    }

    private static ValidationRuleSet RulesWithoutRequiredResponses()
    {
        var rules = new ValidationRuleSet(ValidationRuleSet.GetDefaultRuleSet());
        rules.Remove(nameof(OpenApiResponsesRules.ResponsesMustContainAtLeastOneResponse));
        return rules;
    }

    /// <summary>AWS's shape for a refused import: the kind of problem, then each on its own indented line.</summary>
    public static GatewayError ImportFailed(string kind, IEnumerable<string> problems) =>
        GatewayError.BadRequest($"{kind} found during import:\n\t{string.Join("\n\t", problems)}");

    private static bool LooksLikeJson(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('{');
    }

    private void Translate(IEnumerable<string> libraryWarnings)
    {
        foreach (var warning in libraryWarnings)
        {
            // A reference to nothing is a broken document for API Gateway, not a detail to pass over.
            if (warning.Contains("does not point to an existing", StringComparison.Ordinal))
            {
                _errors.Add(warning);
            }
            else
            {
                _api.Warnings.Add(warning);
            }
        }
        if (string.IsNullOrWhiteSpace(_api.Name))
        {
            _errors.Add("The API's name is missing: set info.title. [#/info/title]");
        }
        ReadApiExtensions();
        ReadModels();
        ReadGatewayResponses();
        ReadDocumentation();
        ReadSecuritySchemes();
        var basePath = BasePath();
        var operations = 0;
        foreach (var (path, item) in _document.Paths ?? [])
        {
            var fullPath = WithBasePath(basePath, path);
            if (!fullPath.StartsWith('/'))
            {
                _errors.Add($"Invalid path '{path}': a path starts with '/'. [#/paths/{Escape(path)}]");
                continue;
            }
            foreach (var part in fullPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                Check($"#/paths/{Escape(path)}", () => ResourceRoutes.ValidatePathPart(part));
            }
            _api.Paths.Add(fullPath);
            foreach (var (httpMethod, operation) in item.Operations ?? [])
            {
                if (++operations > MaxOperations)
                {
                    throw ImportFailed("Errors", [$"The document defines more than {MaxOperations} operations."]);
                }
                ReadOperation(fullPath, path, httpMethod.Method.ToUpperInvariant(), operation, item.Parameters);
            }
            if (item is IOpenApiExtensible extensible && Extension(extensible.Extensions, OpenApiExport.AnyMethodKey) is JsonObject any)
            {
                ReadAnyMethod(fullPath, path, any);
            }
        }
        if (_errors.Count > 0)
        {
            throw ImportFailed("Errors", _errors);
        }
        if (_options.FailOnWarnings && _api.Warnings.Count > 0)
        {
            throw ImportFailed("Warnings", _api.Warnings);
        }
    }

    /// <summary>The base path a document declares: Swagger's basePath or OpenAPI 3's basePath server variable, else the server URL's path.</summary>
    private string BasePath()
    {
        if (_options.BasePath == "ignore" || _document.Servers is not { Count: > 0 } servers)
        {
            return "";
        }
        var server = servers[0];
        var path = server.Variables is { } variables && variables.TryGetValue("basePath", out var variable)
            ? variable.Default ?? ""
            : PathOfUrl(server.Url);
        path = "/" + path.Trim('/');
        if (_options.BasePath == "split")
        {
            // Split: the first part names the stage, the rest comes before every path.
            var parts = path.Trim('/').Split('/', 2);
            path = parts.Length > 1 ? "/" + parts[1] : "/";
        }
        return path == "/" ? "" : path;
    }

    /// <summary>The path of a server URL, which may be relative ("/v1") or without a scheme ("//host/v1", as Swagger's host becomes).</summary>
    private static string PathOfUrl(string? url) =>
        !string.IsNullOrEmpty(url) && Uri.TryCreate(new Uri("https://host"), url, out var resolved) ? Uri.UnescapeDataString(resolved.AbsolutePath) : "";

    private static string WithBasePath(string basePath, string path) =>
        basePath.Length == 0 ? path : path == "/" ? basePath : basePath + path;

    private static string Escape(string path) => path.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private void ReadApiExtensions()
    {
        var extensions = _document.Extensions;
        if (Extension(extensions, OpenApiNames.BinaryMediaTypes) is JsonArray types)
        {
            _api.BinaryMediaTypes.AddRange(types.Select(type => type?.ToString() ?? "").Where(type => type.Length > 0));
        }
        if (Extension(extensions, OpenApiNames.ApiKeySource) is JsonValue source)
        {
            _api.ApiKeySource = source.ToString().ToUpperInvariant();
            if (_api.ApiKeySource is not ("HEADER" or "AUTHORIZER"))
            {
                _errors.Add($"Invalid API key source '{source}'. Valid options are HEADER, AUTHORIZER. [#/{OpenApiNames.ApiKeySource}]");
            }
        }
        if (Extension(extensions, OpenApiNames.MinimumCompressionSize) is JsonValue size)
        {
            if (Int(size) is { } bytes && bytes is >= 0 and <= 10485760)
            {
                _api.MinimumCompressionSize = bytes;
            }
            else
            {
                _errors.Add($"Invalid minimum compression size '{size}': must be between 0 and 10485760. [#/{OpenApiNames.MinimumCompressionSize}]");
            }
        }
        if (Extension(extensions, OpenApiNames.Policy) is { } policy)
        {
            _api.Policy = policy is JsonValue text && text.TryGetValue(out string? raw) ? raw : policy.ToJsonString();
        }
        if (Extension(extensions, OpenApiNames.RequestValidators) is JsonObject validators)
        {
            foreach (var (name, settings) in validators)
            {
                _api.Validators.Add(new RequestValidatorRecord
                {
                    Id = "",
                    Name = name,
                    ValidateRequestBody = Bool(settings?["validateRequestBody"]),
                    ValidateRequestParameters = Bool(settings?["validateRequestParameters"]),
                });
            }
        }
        if (Extension(extensions, OpenApiNames.EndpointConfiguration) is not null)
        {
            _api.Warnings.Add($"{OpenApiNames.EndpointConfiguration} is not supported by the local gateway and was ignored.");
        }
    }

    /// <summary>
    /// Schemas become models: each written by the library as an OpenAPI 3.0 schema (whatever the document's version),
    /// its references turned into model references, and compiled as draft 4 as CreateModel would.
    /// </summary>
    private void ReadModels()
    {
        foreach (var (name, schema) in _document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit))
            {
                _errors.Add($"Model name must be alphanumeric: {name} [{OpenApiSchemaRefs.ComponentSchemas}{name}]");
                continue;
            }
            using var text = new StringWriter();
            schema.SerializeAsV3(new OpenApiJsonWriter(text));
            var written = JsonNode.Parse(text.ToString()) as JsonObject ?? [];
            OpenApiSchemaRefs.Rewrite(written, OpenApiSchemaRefs.ComponentSchemas, ModelSchemas.ReferenceTo(PlaceholderApiId, ""));
            var model = new JsonObject { ["$schema"] = "http://json-schema.org/draft-04/schema#" };
            foreach (var (key, value) in written.ToList())
            {
                written.Remove(key);
                model[key] = value;
            }
            _api.Models[name] = model.ToJsonString();
        }
        var records = _api.Models.ToDictionary(pair => pair.Key,
            pair => new ModelRecord { Id = "", Name = pair.Key, Schema = pair.Value, ContentType = "application/json" }, StringComparer.Ordinal);
        foreach (var (name, schema) in _api.Models)
        {
            Check(OpenApiSchemaRefs.ComponentSchemas + name, () => ModelSchemas.Compile(PlaceholderApiId, records, schema));
        }
    }

    private void ReadGatewayResponses()
    {
        foreach (var (type, definition) in Extension(_document.Extensions, OpenApiNames.GatewayResponses) as JsonObject ?? [])
        {
            var where = $"#/{OpenApiNames.GatewayResponses}/{type}";
            if (GatewayResponseType.Find(type) is null)
            {
                _errors.Add($"Invalid gateway response type '{type}'. Valid options are {string.Join(", ", GatewayResponseType.All)} [{where}]");
                continue;
            }
            var response = new GatewayResponseRecord
            {
                ResponseType = type,
                StatusCode = Text(definition?["statusCode"]),
                ResponseParameters = StringMap(definition?["responseParameters"]),
                ResponseTemplates = StringMap(definition?["responseTemplates"]),
            };
            Check(where, () => GatewayResponseRoutes.Validate(response));
            _api.GatewayResponses.Add(response);
        }
    }

    /// <summary>Documentation parts, read as ImportDocumentationParts reads them; parts it cannot read are warnings.</summary>
    private void ReadDocumentation()
    {
        if (_options.IgnoreDocumentation || Extension(_document.Extensions, OpenApiNames.Documentation) is not { } documentation)
        {
            return;
        }
        using var wrapped = JsonDocument.Parse(new JsonObject { [OpenApiNames.Documentation] = documentation.DeepClone() }.ToJsonString());
        var (parts, warnings) = DocumentationRoutes.ReadDocument(wrapped.RootElement);
        _api.DocumentationParts = parts;
        _api.Warnings.AddRange(warnings);
    }

    /// <summary>Security schemes that carry x-amazon-apigateway-authorizer become the API's authorizers.</summary>
    private void ReadSecuritySchemes()
    {
        foreach (var (name, scheme) in _document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>())
        {
            if (scheme is not IOpenApiExtensible extensible || Extension(extensible.Extensions, OpenApiNames.Authorizer) is not JsonObject definition)
            {
                continue;
            }
            var type = Text(definition["type"])?.ToUpperInvariant() ?? "TOKEN";
            var authorizer = new AuthorizerRecord
            {
                Id = "",
                Name = name,
                Type = type,
                AuthorizerUri = Text(definition["authorizerUri"]),
                AuthorizerCredentials = Text(definition["authorizerCredentials"]),
                ProviderArns = (definition["providerARNs"] as JsonArray)?.Select(arn => arn?.ToString() ?? "").ToList() ?? [],
                AuthType = Text(Extension(extensible.Extensions, OpenApiNames.AuthType)),
                IdentitySource = Text(definition["identitySource"])
                    ?? (type is "TOKEN" or "COGNITO_USER_POOLS" && scheme.Name is { } header ? "method.request.header." + header : null),
                IdentityValidationExpression = Text(definition["identityValidationExpression"]),
            };
            if (Int(definition["authorizerResultTtlInSeconds"]) is { } seconds)
            {
                authorizer.ResultTtlInSeconds = seconds;
            }
            Check($"#/components/securitySchemes/{name}", () => AuthorizerRoutes.Validate(authorizer));
            _api.Authorizers.Add(authorizer);
        }
    }

    private void ReadOperation(string fullPath, string path, string httpMethod, OpenApiOperation operation, IList<IOpenApiParameter>? pathParameters)
    {
        var where = $"#/paths/{Escape(path)}/{httpMethod.ToLowerInvariant()}";
        var method = new MethodRecord { HttpMethod = httpMethod, OperationName = operation.OperationId };
        foreach (var parameter in (pathParameters ?? []).Concat(operation.Parameters ?? []))
        {
            if (parameter.Name is null || parameter.In is not { } location)
            {
                continue;
            }
            if (!LocationPrefixes.TryGetValue(location.ToString(), out var prefix))
            {
                _api.Warnings.Add($"Parameter '{parameter.Name}' in {location} of {httpMethod} {path} is not supported by API Gateway and was ignored.");
                continue;
            }
            if (parameter.Schema?.Type is { } type && type.HasFlag(JsonSchemaType.Array) && location != ParameterLocation.Path)
            {
                prefix = prefix.Replace("request.", "request.multivalue", StringComparison.Ordinal);
            }
            method.RequestParameters[prefix + parameter.Name] = parameter.Required;
        }
        foreach (var (contentType, media) in operation.RequestBody?.Content ?? new Dictionary<string, IOpenApiMediaType>())
        {
            if (ModelName(media.Schema) is { } model)
            {
                method.RequestModels[contentType] = model;
            }
        }
        foreach (var (statusCode, response) in operation.Responses ?? [])
        {
            if (!(statusCode.Length == 3 && statusCode[0] is >= '1' and <= '5' && statusCode.All(char.IsAsciiDigit)))
            {
                _api.Warnings.Add($"Response '{statusCode}' of {httpMethod} {path} is not a 3-digit status code and was ignored.");
                continue;
            }
            var methodResponse = new MethodResponseRecord { StatusCode = statusCode };
            foreach (var header in response.Headers?.Keys ?? [])
            {
                methodResponse.ResponseParameters["method.response.header." + header] = false;
            }
            foreach (var (contentType, media) in response.Content ?? new Dictionary<string, IOpenApiMediaType>())
            {
                if (ModelName(media.Schema) is { } model)
                {
                    methodResponse.ResponseModels[contentType] = model;
                }
            }
            method.MethodResponses[statusCode] = methodResponse;
        }
        string? authorizerName = null;
        foreach (var requirement in operation.Security ?? _document.Security ?? [])
        {
            foreach (var (scheme, scopes) in requirement)
            {
                var name = scheme.Reference?.Id ?? "";
                var target = scheme.Target;
                if (target is IOpenApiExtensible extensible && Text(Extension(extensible.Extensions, OpenApiNames.AuthType)) is { } authType
                    && authType.Equals("awsSigv4", StringComparison.OrdinalIgnoreCase))
                {
                    method.AuthorizationType = "AWS_IAM";
                }
                else if (_api.Authorizers.FirstOrDefault(a => a.Name == name) is { } authorizer)
                {
                    method.AuthorizationType = authorizer.Type == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
                    method.AuthorizationScopes = [.. scopes];
                    authorizerName = name;
                }
                else if (target is { Type: SecuritySchemeType.ApiKey, In: ParameterLocation.Header } key
                    && string.Equals(key.Name, "x-api-key", StringComparison.OrdinalIgnoreCase))
                {
                    method.ApiKeyRequired = true;
                }
                else
                {
                    _api.Warnings.Add($"Security scheme '{name}' of {httpMethod} {path} has no API Gateway equivalent and was ignored.");
                }
            }
        }
        if (Extension(operation.Extensions, OpenApiNames.Auth) is JsonObject auth && Text(auth["type"]) is { } authTypeName
            && authTypeName.Equals("AWS_IAM", StringComparison.OrdinalIgnoreCase))
        {
            method.AuthorizationType = "AWS_IAM";
        }
        var validatorName = Text(Extension(operation.Extensions, OpenApiNames.RequestValidator))
            ?? Text(Extension(_document.Extensions, OpenApiNames.RequestValidator));
        if (validatorName is not null && _api.Validators.All(v => v.Name != validatorName))
        {
            _errors.Add($"Request validator '{validatorName}' of {httpMethod} {path} is not defined in {OpenApiNames.RequestValidators}. [{where}]");
        }
        if (Extension(operation.Extensions, OpenApiNames.Integration) is JsonObject integration)
        {
            method.Integration = ReadIntegration(integration, $"{where}/{OpenApiNames.Integration}");
        }
        Check(where, () => MethodRoutes.ValidateDefinition(method));
        _api.Methods.Add(new ImportedMethod(fullPath, method, authorizerName, validatorName));
    }

    /// <summary>The ANY method, which OpenAPI has no verb for; it is read from the extension's own JSON.</summary>
    private void ReadAnyMethod(string fullPath, string path, JsonObject any)
    {
        var operation = new OpenApiOperation { OperationId = Text(any["operationId"]), Responses = [] };
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        foreach (var name in new[] { OpenApiNames.Integration, OpenApiNames.RequestValidator, OpenApiNames.Auth })
        {
            if (any[name] is { } node)
            {
                operation.Extensions[name] = new JsonNodeExtension(node.DeepClone());
            }
        }
        foreach (var (statusCode, _) in any["responses"] as JsonObject ?? [])
        {
            operation.Responses[statusCode] = new OpenApiResponse { Description = "" };
        }
        if (any["security"] is not null || any["parameters"] is not null)
        {
            _api.Warnings.Add($"Parameters and security of the ANY method of {path} are read only from its integration's request parameters.");
        }
        ReadOperation(fullPath, path, "ANY", operation, null);
    }

    private IntegrationRecord ReadIntegration(JsonObject definition, string where)
    {
        var integration = new IntegrationRecord
        {
            Type = Text(definition["type"])?.ToUpperInvariant() ?? "",
            HttpMethod = Text(definition["httpMethod"])?.ToUpperInvariant(),
            Uri = Text(definition["uri"]),
            Credentials = Text(definition["credentials"]),
            ConnectionType = Text(definition["connectionType"])?.ToUpperInvariant() ?? "INTERNET",
            ConnectionId = Text(definition["connectionId"]),
            RequestParameters = StringMap(definition["requestParameters"]),
            RequestTemplates = StringMap(definition["requestTemplates"]),
            PassthroughBehavior = Text(definition["passthroughBehavior"])?.ToUpperInvariant() ?? "WHEN_NO_MATCH",
            ContentHandling = Text(definition["contentHandling"]),
            TimeoutInMillis = Int(definition["timeoutInMillis"]) ?? 29000,
            // Empty until applied: by default an integration caches in its resource's own namespace, its id.
            CacheNamespace = Text(definition["cacheNamespace"]) ?? "",
            CacheKeyParameters = (definition["cacheKeyParameters"] as JsonArray)?.Select(p => p?.ToString() ?? "").ToList() ?? [],
        };
        foreach (var (pattern, response) in definition["responses"] as JsonObject ?? [])
        {
            if (response is not JsonObject entry || Text(entry["statusCode"]) is not { } statusCode)
            {
                _errors.Add($"Integration response '{pattern}' has no statusCode. [{where}/responses]");
                continue;
            }
            integration.IntegrationResponses[statusCode] = new IntegrationResponseRecord
            {
                StatusCode = statusCode,
                SelectionPattern = pattern == "default" ? null : pattern,
                ResponseParameters = StringMap(entry["responseParameters"]),
                ResponseTemplates = StringMap(entry["responseTemplates"]),
                ContentHandling = Text(entry["contentHandling"]),
            };
        }
        Check(where, () => IntegrationRoutes.Validate(integration));
        return integration;
    }

    /// <summary>The model a schema names: a $ref to a component. An inline schema names no model, so the method has none for that type.</summary>
    private static string? ModelName(IOpenApiSchema? schema) => (schema as OpenApiSchemaReference)?.Reference?.Id;

    private void Check(string where, Action validate)
    {
        try
        {
            validate();
        }
        catch (GatewayError error)
        {
            _errors.Add($"{error.Message} [{where}]");
        }
    }

    private static JsonNode? Extension(IDictionary<string, IOpenApiExtension>? extensions, string name) =>
        extensions is not null && extensions.TryGetValue(name, out var extension) && extension is JsonNodeExtension node ? node.Node : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? value.ToString()
            : null;

    /// <summary>A whole number however the document's reader typed it (JSON number, YAML scalar, quoted text).</summary>
    private static int? Int(JsonNode? node) =>
        int.TryParse(Text(node), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Bool(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True
        || Text(node) is { } text && text.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node as JsonObject ?? [])
        {
            map[key] = Text(value) ?? value?.ToJsonString() ?? "";
        }
        return map;
    }
}
