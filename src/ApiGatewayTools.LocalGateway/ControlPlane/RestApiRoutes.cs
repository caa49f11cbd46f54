using ApiGatewayTools.LocalGateway.DataPlane.Policies;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>CreateRestApi, GetRestApis, GetRestApi, UpdateRestApi, DeleteRestApi; ImportRestApi and PutRestApi through <see cref="OpenApi.ImportRoutes"/>.</summary>
internal sealed class RestApiRoutes(GatewayState state) : IRouteArea
{
    private readonly OpenApi.ImportRoutes _import = new(state);

    // ImportRestApi (POST /restapis?mode=import) shares CreateRestApi's path: the router tells them apart by the query.
    private static readonly string[] EndpointTypes = ["EDGE", "REGIONAL", "PRIVATE"];
    private static readonly string[] ApiKeySources = ["HEADER", "AUTHORIZER"];

    public void Register(Router router)
    {
        router.MapCollection("RestApi", "/restapis", "restapi_id", Create, List, Get, Update, Delete);
        _import.Register(router);
    }

    private GatewayResponse Create(GatewayRequest request)
    {
        var body = request.Json;
        var name = JsonRead.String(body, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GatewayError.BadRequest("Invalid REST API name specified: the name must not be empty.");
        }
        var endpointTypes = JsonRead.Object(body, "endpointConfiguration") is { } endpoint
            ? JsonRead.StringList(endpoint, "types")
            : null;
        ValidateEndpointTypes(endpointTypes);
        var apiKeySource = JsonRead.String(body, "apiKeySource") ?? "HEADER";
        ValidateApiKeySource(apiKeySource);
        var minimumCompressionSize = JsonRead.Int(body, "minimumCompressionSize");
        ValidateCompressionSize(minimumCompressionSize);

        lock (state.Sync)
        {
            var root = new ResourceRecord { Id = IdGenerator.NewRootResourceId() };
            var id = state.RestApis.NewId(IdGenerator.NewRestApiId);
            var api = new RestApiRecord
            {
                Id = id,
                Name = name,
                Description = JsonRead.String(body, "description"),
                Version = JsonRead.String(body, "version"),
                CreatedDate = DateTimeOffset.UtcNow,
                BinaryMediaTypes = JsonRead.StringList(body, "binaryMediaTypes") ?? [],
                MinimumCompressionSize = minimumCompressionSize,
                ApiKeySource = apiKeySource,
                EndpointTypes = endpointTypes is { Count: > 0 } ? endpointTypes : ["EDGE"],
                Policy = StoredResourcePolicy(JsonRead.String(body, "policy"), id),
                DisableExecuteApiEndpoint = JsonRead.Bool(body, "disableExecuteApiEndpoint") ?? false,
                Tags = JsonRead.StringMap(body, "tags") ?? new(StringComparer.Ordinal),
                RootResourceId = root.Id,
            };
            api.Resources.Add(root);
            ModelRoutes.AddDefaults(api);
            state.RestApis.Add(api);
            return GatewayResponse.Json(201, w => ControlPlaneJson.RestApi(w, api));
        }
    }

    private GatewayResponse List(GatewayRequest request)
    {
        lock (state.Sync)
        {
            return state.RestApis.Page(request, ControlPlaneJson.RestApi);
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            return GatewayResponse.Json(200, w => ControlPlaneJson.RestApi(w, api));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var api = state.RestApis.Replace(PatchOperation.ApplyAll(operations, state.RestApis.Get(request.Route("restapi_id")) with { }, Apply));
            return GatewayResponse.Json(200, w => ControlPlaneJson.RestApi(w, api));
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            state.RestApis.Remove(api.Id);
            return GatewayResponse.Empty(202);
        }
    }

    /// <summary>The policy as the API keeps and returns it; a malformed document is AWS's 400.</summary>
    internal static string? StoredResourcePolicy(string? submitted, string restApiId)
    {
        try
        {
            return StoredPolicy.Store(submitted, restApiId, LocalGatewayServer.Region, LocalGatewayServer.AccountId);
        }
        catch (MalformedPolicyException)
        {
            throw GatewayError.BadRequest("Invalid policy document. Please check the policy syntax and ensure that Principals are valid.");
        }
    }

    private static void Apply(RestApiRecord api, PatchOperation operation)
    {
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "name" when operation.Op == "replace":
                api.Name = string.IsNullOrWhiteSpace(operation.Value)
                    ? throw GatewayError.BadRequest("Invalid REST API name specified: the name must not be empty.")
                    : operation.Value;
                break;
            case "description" when operation.SetsOrClears:
                api.Description = operation.OptionalValue;
                break;
            case "version" when operation.SetsOrClears:
                api.Version = operation.OptionalValue;
                break;
            case "policy" when operation.SetsOrClears:
                api.Policy = StoredResourcePolicy(operation.OptionalValue, api.Id);
                break;
            case "apiKeySource" when operation.Op == "replace":
                ValidateApiKeySource(operation.RequiredValue);
                api.ApiKeySource = operation.RequiredValue;
                break;
            case "disableExecuteApiEndpoint" when operation.Op == "replace":
                api.DisableExecuteApiEndpoint = operation.BoolValue;
                break;
            // Compression is turned off by replacing the size with an empty value, or by removing it.
            case "minimumCompressionSize" when operation.Op == "remove":
                api.MinimumCompressionSize = null;
                break;
            case "minimumCompressionSize" when operation.Op == "replace":
                api.MinimumCompressionSize = string.IsNullOrEmpty(operation.Value) ? null : operation.IntValue;
                ValidateCompressionSize(api.MinimumCompressionSize);
                break;
            case "binaryMediaTypes" when segments.Count == 2 && operation.Op == "add":
                if (!api.BinaryMediaTypes.Contains(segments[1]))
                {
                    api.BinaryMediaTypes.Add(segments[1]);
                }
                break;
            case "binaryMediaTypes" when segments.Count == 2 && operation.Op == "remove":
                api.BinaryMediaTypes.Remove(segments[1]);
                break;
            case "endpointConfiguration" when segments.Count == 3 && segments[1] == "types" && operation.Op == "replace":
                ValidateEndpointTypes([operation.RequiredValue]);
                api.EndpointTypes = [operation.RequiredValue];
                break;
            default:
                throw operation.Unsupported();
        }
    }

    internal static void ValidateEndpointTypes(List<string>? types)
    {
        if (types is null)
        {
            return;
        }
        if (types.Count > 1 || types.Any(type => !EndpointTypes.Contains(type)))
        {
            throw GatewayError.BadRequest($"Invalid endpoint configuration types: [{string.Join(", ", types)}]. Exactly one of {string.Join(", ", EndpointTypes)} is allowed.");
        }
    }

    private static void ValidateApiKeySource(string apiKeySource)
    {
        if (!ApiKeySources.Contains(apiKeySource))
        {
            throw GatewayError.BadRequest($"Invalid API Key source specified: {apiKeySource}. Must be one of {string.Join(", ", ApiKeySources)}.");
        }
    }

    private static void ValidateCompressionSize(int? size)
    {
        if (size is < 0 or > 10485760)
        {
            throw GatewayError.BadRequest("Invalid minimum compression size, must be between 0 and 10485760");
        }
    }
}
