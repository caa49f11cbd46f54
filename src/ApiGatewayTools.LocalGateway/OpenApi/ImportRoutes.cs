using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.OpenApi;

/// <summary>
/// ImportRestApi (POST /restapis?mode=import, beside <see cref="RestApiRoutes"/>' CreateRestApi) and PutRestApi
/// (PUT /restapis/{id}?mode=merge|overwrite). The whole document is read and checked first, and the tree it
/// would make is checked against API Gateway's sibling rules; only then is anything created, so a refused import
/// leaves no trace. Overwrite replaces the API's definition and keeps its id, stages and deployments; merge adds
/// what the document defines and replaces the methods, authorizers and validators it names again.
/// </summary>
internal sealed class ImportRoutes(GatewayState state) : IRouteArea
{
    private static readonly string[] BasePathModes = ["ignore", "prepend", "split"];

    public void Register(Router router)
    {
        router.Map("POST", "/restapis?mode=import", "ImportRestApi", Import);
        router.Map("PUT", "/restapis/{restapi_id}", "PutRestApi", Put);
    }

    /// <summary>Whether the request's body is an OpenAPI document rather than an API Gateway JSON request (whose limits do not apply).</summary>
    public static bool CarriesDocument(string operation) => operation is "PutRestApi" or "ImportRestApi";

    private GatewayResponse Import(GatewayRequest request)
    {
        var options = ReadOptions(request);
        var imported = OpenApiImport.Read(request.Body, options);
        lock (state.Sync)
        {
            var root = new ResourceRecord { Id = IdGenerator.NewRootResourceId() };
            var id = state.RestApis.NewId(IdGenerator.NewRestApiId);
            var api = new RestApiRecord
            {
                Id = id,
                Name = imported.Name,
                CreatedDate = DateTimeOffset.UtcNow,
                EndpointTypes = options.EndpointTypes is { Count: > 0 } types ? types : ["EDGE"],
                RootResourceId = root.Id,
            };
            api.Resources.Add(root);
            ModelRoutes.AddDefaults(api);
            Apply(api, imported, overwrite: true);
            state.RestApis.Add(api);
            return Answer(201, api, imported);
        }
    }

    private GatewayResponse Put(GatewayRequest request)
    {
        var mode = request.QueryValue("mode") ?? "merge";
        if (mode is not ("merge" or "overwrite"))
        {
            throw GatewayError.BadRequest($"Invalid mode specified: {mode}. Valid options are merge, overwrite");
        }
        var options = ReadOptions(request);
        var imported = OpenApiImport.Read(request.Body, options);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            Apply(api, imported, overwrite: mode == "overwrite");
            if (options.EndpointTypes is { Count: > 0 } types)
            {
                api.EndpointTypes = types;
            }
            return Answer(200, api, imported);
        }
    }

    private static GatewayResponse Answer(int status, RestApiRecord api, ImportedApi imported) => GatewayResponse.Json(status, w =>
    {
        ControlPlaneJson.RestApi(w, api);
        if (imported.Warnings.Count > 0)
        {
            w.WriteStringArray("warnings", imported.Warnings);
        }
    });

    private static ImportOptions ReadOptions(GatewayRequest request)
    {
        var basePath = (request.QueryValue("basepath") ?? "ignore").ToLowerInvariant();
        if (!BasePathModes.Contains(basePath))
        {
            throw GatewayError.BadRequest($"Invalid basepath specified: {basePath}. Valid options are {string.Join(", ", BasePathModes)}");
        }
        var failOnWarnings = request.QueryValue("failonwarnings") is { } fail && fail.Equals("true", StringComparison.OrdinalIgnoreCase);
        var ignore = request.QueryValue("ignore");
        var endpointTypes = request.QueryValue("endpointConfigurationTypes") is { Length: > 0 } types
            ? types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToUpperInvariant()).ToList()
            : null;
        RestApiRoutes.ValidateEndpointTypes(endpointTypes);
        return new ImportOptions(basePath, failOnWarnings, ignore == "documentation", endpointTypes);
    }

    /// <summary>Makes the API what the document says; checks first, so that nothing below can fail half-way.</summary>
    private static void Apply(RestApiRecord api, ImportedApi imported, bool overwrite)
    {
        var policy = imported.Policy is null ? null : RestApiRoutes.StoredResourcePolicy(imported.Policy, api.Id);
        EnsureTreeFits(api, imported, overwrite);
        if (overwrite)
        {
            foreach (var resource in api.Resources.Values.Where(r => r.ParentId is not null))
            {
                api.Resources.Remove(resource.Id);
            }
            api.Resources[api.RootResourceId].Methods.Clear();
            foreach (var authorizer in api.Authorizers.Values)
            {
                api.Authorizers.Remove(authorizer.Id);
            }
            foreach (var validator in api.RequestValidators.Values)
            {
                api.RequestValidators.Remove(validator.Id);
            }
            foreach (var model in api.Models.Values)
            {
                api.Models.Remove(model.Name);
            }
            ModelRoutes.AddDefaults(api);
            foreach (var response in api.GatewayResponses.Values)
            {
                api.GatewayResponses.Remove(response.ResponseType);
            }
            if (imported.DocumentationParts is not null)
            {
                foreach (var part in api.DocumentationParts.Values)
                {
                    api.DocumentationParts.Remove(part.Id);
                }
            }
            api.Name = imported.Name;
            api.Description = imported.Description;
            api.Version = imported.Version;
            api.BinaryMediaTypes = [.. imported.BinaryMediaTypes];
            api.ApiKeySource = imported.ApiKeySource ?? "HEADER";
            api.MinimumCompressionSize = imported.MinimumCompressionSize;
            api.Policy = policy;
        }
        else
        {
            api.BinaryMediaTypes = [.. api.BinaryMediaTypes.Union(imported.BinaryMediaTypes)];
            api.ApiKeySource = imported.ApiKeySource ?? api.ApiKeySource;
            api.MinimumCompressionSize = imported.MinimumCompressionSize ?? api.MinimumCompressionSize;
            api.Policy = policy ?? api.Policy;
        }
        var authorizerIds = imported.Authorizers.ToDictionary(a => a.Name, a => Upsert(api.Authorizers, a, existing => existing.Name == a.Name,
            id => a with { Id = id }), StringComparer.Ordinal);
        var validatorIds = imported.Validators.ToDictionary(v => v.Name!, v => Upsert(api.RequestValidators, v, existing => existing.Name == v.Name,
            id => v with { Id = id }), StringComparer.Ordinal);
        foreach (var (name, schema) in imported.Models)
        {
            var withReferences = schema.Replace(ModelSchemas.ReferenceTo(OpenApiImport.PlaceholderApiId, ""), ModelSchemas.ReferenceTo(api.Id, ""), StringComparison.Ordinal);
            api.Models.Replace(api.Models.TryGetValue(name, out var existing)
                ? existing with { Schema = withReferences }
                : new ModelRecord { Id = api.Models.NewId(IdGenerator.NewResourceId), Name = name, Schema = withReferences, ContentType = "application/json" });
        }
        foreach (var response in imported.GatewayResponses)
        {
            api.GatewayResponses.Replace(response with { });
        }
        if (imported.DocumentationParts is { } parts)
        {
            DocumentationRoutes.Merge(api.DocumentationParts, parts);
        }
        foreach (var path in imported.Paths)
        {
            ResourceAt(api, path);
        }
        foreach (var definition in imported.Methods)
        {
            var resource = ResourceAt(api, definition.Path);
            var method = definition.Method with { };
            method.AuthorizerId = definition.AuthorizerName is { } authorizer ? authorizerIds[authorizer] : null;
            method.RequestValidatorId = definition.ValidatorName is { } validator ? validatorIds[validator] : null;
            if (method.Integration is { CacheNamespace.Length: 0 } integration)
            {
                integration.CacheNamespace = resource.Id;
            }
            resource.Methods[method.HttpMethod] = method;
        }
    }

    /// <summary>An object of the same name keeps its id and is replaced; a new one gets a fresh id.</summary>
    private static string Upsert<T>(Store<T> store, T item, Func<T, bool> sameName, Func<string, T> withId)
        where T : class
    {
        var id = store.Values.FirstOrDefault(sameName) is { } existing ? IdOf(existing) : store.NewId(IdGenerator.NewResourceId);
        store.Replace(withId(id));
        return id;

        static string IdOf(T existing) => existing switch
        {
            AuthorizerRecord authorizer => authorizer.Id,
            RequestValidatorRecord validator => validator.Id,
            _ => throw new InvalidOperationException($"No id for {typeof(T).Name}"),
        };
    }

    /// <summary>The resource at a path, creating any missing parents: imports build the tree that their paths need.</summary>
    private static ResourceRecord ResourceAt(RestApiRecord api, string path)
    {
        var current = api.Resources[api.RootResourceId];
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var parentId = current.Id;
            current = api.Resources.Values.FirstOrDefault(r => r.ParentId == parentId && r.PathPart == part)
                ?? api.Resources.Add(new ResourceRecord { Id = api.Resources.NewId(IdGenerator.NewResourceId), ParentId = parentId, PathPart = part });
        }
        return current;
    }

    /// <summary>
    /// The sibling rules CreateResource enforces, over the whole tree the import would leave: at most one variable
    /// part under a parent, nothing under a greedy one.
    /// </summary>
    private static void EnsureTreeFits(RestApiRecord api, ImportedApi imported, bool overwrite)
    {
        var paths = new SortedSet<string>(imported.Paths, StringComparer.Ordinal);
        if (!overwrite)
        {
            paths.UnionWith(api.Resources.Values.Select(r => ResourceTree.PathOf(api.Resources, r)));
        }
        var variableChild = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in paths)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                var parent = "/" + string.Join('/', parts.Take(i));
                var part = parts[i];
                if (i < parts.Length - 1 && part.StartsWith('{') && part.EndsWith("+}"))
                {
                    problems.Add($"Cannot create a child of a resource with a greedy path variable: {path}");
                }
                if (part.StartsWith('{') && part.EndsWith('}'))
                {
                    if (variableChild.TryGetValue(parent, out var other) && other != part)
                    {
                        problems.Add($"Conflicting path parameters under '{parent}': {other} and {part} -- only one variable path part is allowed");
                    }
                    variableChild[parent] = part;
                }
            }
        }
        if (problems.Count > 0)
        {
            throw OpenApiImport.ImportFailed("Errors", problems.Distinct());
        }
    }
}
