using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// A definition read from a live API (its resources with embedded methods, its validators and authorizers, whose
/// ids become names, its models and its customised gateway responses), or from what a stage serves (GetExport of
/// the stage with API Gateway's extensions).
/// </summary>
public static class ApiDefinitionFromService
{
    /// <summary>The extensions a stage's export needs for a full definition: integrations and authorizers.</summary>
    public const ApiExportExtension StageExtensions = ApiExportExtension.ApiGateway;

    public static async Task<LiveApi> ReadLiveAsync(GwClient client, string restApiId, CancellationToken ct)
    {
        var api = await client.SendAsync(ApiGatewayOperations.GetRestApi(restApiId), ct).ConfigureAwait(false);
        var resources = await client.ListAsync(ApiGatewayOperations.GetResources(restApiId), ct).ToListAsync(ct).ConfigureAwait(false);
        var validators = await client.ListAsync(ApiGatewayOperations.GetRequestValidators(restApiId), ct).ToListAsync(ct).ConfigureAwait(false);
        var authorizers = await client.ListAsync(ApiGatewayOperations.GetAuthorizers(restApiId), ct).ToListAsync(ct).ConfigureAwait(false);
        var models = await client.ListAsync(ApiGatewayOperations.GetModels(restApiId), ct).ToListAsync(ct).ConfigureAwait(false);
        var gatewayResponses = await client.ListAsync(ApiGatewayOperations.GetGatewayResponses(restApiId), ct).ToListAsync(ct).ConfigureAwait(false);
        return new LiveApi(api, resources, validators, authorizers, Live(api, resources, validators, authorizers, models, gatewayResponses));
    }

    /// <summary>What a stage serves, or null when the stage does not exist.</summary>
    public static async Task<ApiDefinition?> FindStageAsync(GwClient client, string restApiId, string stageName, CancellationToken ct)
    {
        try
        {
            return await ReadStageAsync(client, restApiId, stageName, ct).ConfigureAwait(false);
        }
        catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>What the stage serves, read through its export.</summary>
    public static async Task<ApiDefinition> ReadStageAsync(GwClient client, string restApiId, string stageName, CancellationToken ct)
    {
        var export = await client.SendAsync(ApiGatewayOperations.GetExport(restApiId, stageName, ApiDocumentFormat.OpenApi3, StageExtensions, yaml: false), ct).ConfigureAwait(false);
        return ApiDefinitionFromDocument.Read(ApiDocument.Parse(export.Text, $"the export of stage {stageName} of REST API {restApiId}"));
    }

    /// <param name="models">Null when they were not read: then they are not compared.</param>
    /// <param name="gatewayResponses">All of them, as GetGatewayResponses lists them; only the customised ones are part of the definition. Null when they were not read.</param>
    public static ApiDefinition Live(RestApi api, IEnumerable<RestApiResource> resources, IEnumerable<RequestValidator> validators, IEnumerable<Authorizer> authorizers,
        IEnumerable<RestApiModel>? models = null, IEnumerable<GatewayResponse>? gatewayResponses = null)
    {
        var resourceList = resources.ToList();
        var validatorNames = validators.ToDictionary(v => v.RequestValidatorId, v => v.Name);
        var authorizerList = authorizers.ToList();
        var authorizerNames = authorizerList.ToDictionary(a => a.AuthorizerId, a => a.Name);
        var routes = resourceList.SelectMany(r => r.ResourceMethods.Values.Select(m => Route(r.Path, m, validatorNames, authorizerNames)));
        var settings = new ApiSettings
        {
            BinaryMediaTypes = api.BinaryMediaTypes,
            ApiKeySource = api.ApiKeySource ?? "HEADER",
            Policy = CanonicalJson.OfPolicy(api.Policy?.ToJson()),
            RequestValidators = validators.ToDictionary(v => v.Name, v => ApiDefinitionSettings.Validator(v.ValidateRequestBody, v.ValidateRequestParameters), StringComparer.Ordinal),
            Authorizers = authorizerList.ToDictionary(a => a.Name,
                a => ApiDefinitionSettings.Authorizer(a.Type, a.IdentitySource, a.AuthorizerUri ?? string.Join(",", a.ProviderArns)), StringComparer.Ordinal),
            Models = models is null ? null : ApiDefinitionSettings.Models(models.Select(m => (m.Name, Schema(m.Schema)))),
            GatewayResponses = gatewayResponses?.Where(g => !g.DefaultResponse).ToDictionary(g => g.ResponseType,
                g => ApiDefinitionSettings.GatewayResponse(g.StatusCode, g.ResponseParameters, g.ResponseTemplates), StringComparer.Ordinal),
        };
        return new ApiDefinition(routes, settings, resourceList.Select(r => r.Path));
    }

    /// <summary>A model's schema as JSON; a schema that is not JSON compares as its text.</summary>
    private static JsonNode? Schema(string schema)
    {
        try
        {
            return JsonNode.Parse(schema);
        }
        catch (JsonException)
        {
            return JsonValue.Create(schema);
        }
    }

    private static ApiRoute Route(string path, Method method, IReadOnlyDictionary<string, string> validators, IReadOnlyDictionary<string, string> authorizers)
    {
        var templateParameters = ResourcePathTemplate.ParameterNames(path).Select(n => "method.request.path." + n).ToHashSet(StringComparer.Ordinal);
        return new ApiRoute(new ApiRouteKey(path, method.HttpMethod))
        {
            AuthorizationType = method.AuthorizationType,
            Authorizer = method.AuthorizerId is { } authorizerId ? authorizers.GetValueOrDefault(authorizerId, authorizerId) : null,
            ApiKeyRequired = method.ApiKeyRequired,
            OperationName = method.OperationName,
            RequestValidator = method.RequestValidatorId is { } validatorId ? validators.GetValueOrDefault(validatorId, validatorId) : null,
            RequestParameters = method.RequestParameters.Where(p => !p.Key.StartsWith("method.request.path.", StringComparison.Ordinal) || !templateParameters.Contains(p.Key))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            RequestModels = method.RequestModels,
            AuthorizationScopes = method.AuthorizationScopes,
            MethodResponses = method.MethodResponses.ToDictionary(r => r.Key,
                r => new ApiMethodResponse(r.Value.ResponseParameters.Keys.Order(StringComparer.Ordinal).ToList(), r.Value.ResponseModels), StringComparer.Ordinal),
            Integration = method.Integration is { } integration ? Integration(integration) : null,
        };
    }

    private static ApiIntegration Integration(Integration integration) => ApiDefinitionFromDocument.Normalised(new ApiIntegration(integration.Type)
    {
        Uri = integration.Uri,
        HttpMethod = integration.IntegrationHttpMethod,
        Credentials = integration.Credentials,
        PassthroughBehavior = integration.PassthroughBehavior ?? ApiIntegration.DefaultPassthroughBehavior,
        ContentHandling = integration.ContentHandling,
        TimeoutInMillis = integration.TimeoutInMillis ?? ApiIntegration.DefaultTimeoutInMillis,
        RequestParameters = integration.RequestParameters,
        RequestTemplates = integration.RequestTemplates,
        CacheKeyParameters = integration.CacheKeyParameters,
        Responses = integration.IntegrationResponses.Values.ToDictionary(r => ApiIntegration.PatternKey(r.SelectionPattern),
            r => new ApiIntegrationResponse(r.StatusCode, r.ResponseParameters, r.ResponseTemplates, r.ContentHandling), StringComparer.Ordinal),
    });
}

/// <summary>A live API as read, with the ids its definition turned into names.</summary>
public sealed record LiveApi(RestApi Api, IReadOnlyList<RestApiResource> Resources, IReadOnlyList<RequestValidator> Validators,
    IReadOnlyList<Authorizer> Authorizers, ApiDefinition Definition);

/// <summary>The template variables of a resource path: "/pets/{petId}/{proxy+}" names petId and proxy.</summary>
internal static class ResourcePathTemplate
{
    public static IEnumerable<string> ParameterNames(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.StartsWith('{') && part.EndsWith('}'))
            .Select(part => part[1..^1].TrimEnd('+'));
}
