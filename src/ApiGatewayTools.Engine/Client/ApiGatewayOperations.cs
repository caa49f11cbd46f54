using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// Every API Gateway operation the module sends, each built here and only here: request and how its answer is read.
/// A kind added later brings its operations in a part of its own (ApiGatewayOperations.&lt;Kind&gt;.cs) on these builders.
/// </summary>
public static partial class ApiGatewayOperations
{
    /// <summary>AWS's largest page size for list operations.</summary>
    internal const int PageSize = 500;

    /// <remarks>
    /// With <see cref="CreateRestApiRequest.AllowDuplicateName"/> the description carries a marker of this call
    /// (<see cref="CallMarker"/>), as a deployment's does: a lost create is found by it among APIs of the same name.
    /// </remarks>
    public static GwOperation<RestApi> CreateRestApi(CreateRestApiRequest request)
    {
        var marker = request.AllowDuplicateName ? CallMarker.New() : null;
        JsonObject Body(string? description) => new JsonObject { ["name"] = request.Name }
            .Put("description", description)
            .Put("endpointConfiguration", new JsonObject { ["types"] = new JsonArray(request.EndpointType) })
            .Put("apiKeySource", request.ApiKeySource)
            .Put("binaryMediaTypes", Json.ToJson(request.BinaryMediaTypes))
            .Put("tags", Json.ToJson(request.Tags));
        if (marker is not null)
        {
            return Build("CreateRestApi", HttpMethod.Post, RestPath.Of("restapis"), ResponseMapper.RestApi,
                    Body(CallMarker.Append(request.Description, marker)), shownBody: Body(request.Description))
                .ReconciledBy((client, _, ct) => client.FindAsync(GetRestApis(), api => api.MadeByCall == marker, ct));
        }

        return Build("CreateRestApi", HttpMethod.Post, RestPath.Of("restapis"), ResponseMapper.RestApi, Body(request.Description))
            .ReconciledBy(async (client, _, ct) =>
            {
                // Names are unique unless the caller asked otherwise: exactly one API with the name and the intended
                // settings is the one the lost attempt made; none, or several, and nothing can be told.
                var sameName = new List<RestApi>();
                await foreach (var api in client.ListAsync(GetRestApis(), ct).ConfigureAwait(false))
                {
                    if (api.Name == request.Name)
                    {
                        sameName.Add(api);
                    }
                }

                return sameName is [var only] && only.Description == request.Description && only.EndpointType == request.EndpointType ? only : null;
            });
    }

    public static GwListing<RestApi> GetRestApis() => Listing("GetRestApis", RestPath.Of("restapis"), null, ResponseMapper.RestApi);

    public static GwOperation<RestApi> GetRestApi(string restApiId) =>
        Build("GetRestApi", HttpMethod.Get, RestPath.Of("restapis", restApiId), ResponseMapper.RestApi);

    public static GwOperation<RestApi> UpdateRestApi(string restApiId, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateRestApi", HttpMethod.Patch, RestPath.Of("restapis", restApiId), ResponseMapper.RestApi, PatchBody(operations));

    /// <summary>UpdateRestApi of an API that an earlier step of the same plan creates.</summary>
    public static GwOperation<RestApi> UpdateRestApi(GwStepReference restApi, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateRestApi", HttpMethod.Patch, RestPath.Of("restapis") + "/" + restApi.Hole, ResponseMapper.RestApi, PatchBody(operations), references: [restApi]);

    public static GwOperation DeleteRestApi(string restApiId) =>
        Build("DeleteRestApi", HttpMethod.Delete, RestPath.Of("restapis", restApiId));

    /// <summary>Asks for embedded methods, so every resource arrives with its methods, integrations and responses in one listing.</summary>
    public static GwListing<RestApiResource> GetResources(string restApiId) =>
        Listing("GetResources", RestPath.Of("restapis", restApiId, "resources"), EmbedMethods,
            (json, connection) => ResponseMapper.Resource(json, restApiId, connection));

    public static GwOperation<RestApiResource> GetResource(string restApiId, string resourceId) =>
        Build("GetResource", HttpMethod.Get, RestPath.Of("restapis", restApiId, "resources", resourceId),
            (json, connection) => ResponseMapper.Resource(json, restApiId, connection), query: EmbedMethods);

    public static GwOperation<RestApiResource> CreateResource(string restApiId, string parentId, string pathPart) =>
        Build("CreateResource", HttpMethod.Post, RestPath.Of("restapis", restApiId, "resources", parentId),
            (json, connection) => ResponseMapper.Resource(json, restApiId, connection), new JsonObject { ["pathPart"] = pathPart })
            .ReconciledBy(FindResource(restApiId, pathPart));

    /// <summary>CreateResource under a parent that an earlier step of the same plan creates.</summary>
    public static GwOperation<RestApiResource> CreateResource(string restApiId, GwStepReference parent, string pathPart) =>
        Build("CreateResource", HttpMethod.Post, RestPath.Of("restapis", restApiId, "resources") + "/" + parent.Hole,
            (json, connection) => ResponseMapper.Resource(json, restApiId, connection), new JsonObject { ["pathPart"] = pathPart }, references: [parent])
            .ReconciledBy(FindResource(restApiId, pathPart));

    /// <summary>A lost CreateResource made the child with this path part under the parent the sent path names (its last label).</summary>
    private static Func<GwClient, GwOperation, CancellationToken, Task<RestApiResource?>> FindResource(string restApiId, string pathPart) =>
        (client, sent, ct) =>
        {
            var parentId = Uri.UnescapeDataString(sent.Path[(sent.Path.LastIndexOf('/') + 1)..]);
            return client.FindAsync(GetResources(restApiId), r => r.ParentId == parentId && r.PathPart == pathPart, ct);
        };

    public static GwOperation DeleteResource(string restApiId, string resourceId) =>
        Build("DeleteResource", HttpMethod.Delete, RestPath.Of("restapis", restApiId, "resources", resourceId));

    public static GwOperation<Method> PutMethod(PutMethodRequest request)
    {
        var body = new JsonObject { ["authorizationType"] = request.AuthorizationType }
            .Put("authorizerId", request.AuthorizerId)
            .Put("apiKeyRequired", request.ApiKeyRequired)
            .Put("operationName", request.OperationName)
            .Put("authorizationScopes", request.AuthorizationScopes is { Count: > 0 } scopes ? Json.ToJson(scopes) : null)
            .Put("requestParameters", Json.ToJson(request.RequestParameters))
            .Put("requestValidatorId", request.RequestValidatorId)
            .Put("requestModels", request.RequestModels is { Count: > 0 } models ? Json.ToJson(models) : null);
        // PutMethod refuses a method that exists (409), so a repeat of a lost one would fail: the method there with
        // the intended settings is the answer.
        return Build("PutMethod", HttpMethod.Put, MethodPath(request),
            MethodReader(request.RestApiId, request.ResourceId, request.HttpMethod), body)
            .ReconciledBy(async (client, _, ct) =>
                await client.FindAsync(GetMethod(request.RestApiId, request.ResourceId, request.HttpMethod), ct).ConfigureAwait(false) is { } method
                && method.AuthorizationType == request.AuthorizationType && method.AuthorizerId == request.AuthorizerId
                && method.ApiKeyRequired == request.ApiKeyRequired
                && (request.RequestParameters ?? new Dictionary<string, bool>()).All(p => method.RequestParameters.TryGetValue(p.Key, out var required) && required == p.Value)
                    ? method
                    : null);
    }

    public static GwOperation<Method> GetMethod(string restApiId, string resourceId, string httpMethod) =>
        Build("GetMethod", HttpMethod.Get, MethodPath(restApiId, resourceId, httpMethod), MethodReader(restApiId, resourceId, httpMethod));

    public static GwOperation<Method> UpdateMethod(string restApiId, string resourceId, string httpMethod, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateMethod", HttpMethod.Patch, MethodPath(restApiId, resourceId, httpMethod), MethodReader(restApiId, resourceId, httpMethod), PatchBody(operations));

    public static GwOperation DeleteMethod(string restApiId, string resourceId, string httpMethod) =>
        Build("DeleteMethod", HttpMethod.Delete, MethodPath(restApiId, resourceId, httpMethod));

    /// <summary>TestInvokeMethod: runs the method's current, undeployed definition and reports what happened.</summary>
    public static GwOperation<TestInvokeResult> TestInvokeMethod(TestInvokeMethodRequest request)
    {
        var body = new JsonObject()
            .Put("pathWithQueryString", request.PathWithQueryString)
            .Put("body", request.Body)
            .Put("headers", Json.ToJson(request.Headers))
            .Put("stageVariables", Json.ToJson(request.StageVariables));
        return Build("TestInvokeMethod", HttpMethod.Post, MethodPath(request),
            (json, connection) => ResponseMapper.TestInvoke(json, request, connection), body);
    }

    public static GwOperation<MethodResponse> PutMethodResponse(PutMethodResponseRequest request)
    {
        var body = new JsonObject()
            .Put("responseParameters", Json.ToJson(request.ResponseParameters))
            .Put("responseModels", Json.ToJson(request.ResponseModels));
        // A repeat of a lost PutMethodResponse may be refused as a conflict: the response a lost attempt put is found on the method.
        return Build("PutMethodResponse", HttpMethod.Put,
            MethodPath(request) + RestPath.Of("responses", request.StatusCode),
            (json, connection) => ResponseMapper.MethodResponse(json, request.RestApiId, request.ResourceId, request.HttpMethod, connection), body)
            .ReconciledBy(async (client, _, ct) =>
                (await client.FindAsync(GetMethod(request.RestApiId, request.ResourceId, request.HttpMethod), ct).ConfigureAwait(false))?.MethodResponses
                    .GetValueOrDefault(request.StatusCode));
    }

    /// <summary>The backend's verb travels as "httpMethod" in the body (AWS's integrationHttpMethod).</summary>
    public static GwOperation<Integration> PutIntegration(PutIntegrationRequest request)
    {
        var body = new JsonObject { ["type"] = request.Type }
            .Put("httpMethod", request.IntegrationHttpMethod)
            .Put("uri", request.Uri)
            .Put("credentials", request.Credentials)
            .Put("passthroughBehavior", request.PassthroughBehavior)
            .Put("contentHandling", request.ContentHandling)
            .Put("timeoutInMillis", request.TimeoutInMillis)
            .Put("requestParameters", Json.ToJson(request.RequestParameters))
            .Put("requestTemplates", Json.ToJson(request.RequestTemplates))
            .Put("cacheKeyParameters", Json.ToJson(request.CacheKeyParameters));
        return Build("PutIntegration", HttpMethod.Put, IntegrationPath(request),
            IntegrationReader(request.RestApiId, request.ResourceId, request.HttpMethod), body);
    }

    public static GwOperation<Integration> GetIntegration(string restApiId, string resourceId, string httpMethod) =>
        Build("GetIntegration", HttpMethod.Get, IntegrationPath(restApiId, resourceId, httpMethod), IntegrationReader(restApiId, resourceId, httpMethod));

    public static GwOperation DeleteIntegration(string restApiId, string resourceId, string httpMethod) =>
        Build("DeleteIntegration", HttpMethod.Delete, IntegrationPath(restApiId, resourceId, httpMethod));

    public static GwOperation<IntegrationResponse> PutIntegrationResponse(PutIntegrationResponseRequest request)
    {
        var body = new JsonObject()
            .Put("selectionPattern", request.SelectionPattern)
            .Put("responseParameters", Json.ToJson(request.ResponseParameters))
            .Put("responseTemplates", Json.ToJson(request.ResponseTemplates))
            .Put("contentHandling", request.ContentHandling);
        return Build("PutIntegrationResponse", HttpMethod.Put,
            IntegrationPath(request) + RestPath.Of("responses", request.StatusCode),
            (json, connection) => ResponseMapper.IntegrationResponse(json, request.RestApiId, request.ResourceId, request.HttpMethod, connection), body);
    }

    private static readonly IReadOnlyDictionary<string, string> EmbedMethods = new Dictionary<string, string> { ["embed"] = "methods" };

    private static Func<JsonElement, GwConnection, Method> MethodReader(string restApiId, string resourceId, string httpMethod) =>
        (json, connection) => ResponseMapper.Method(json, restApiId, resourceId, httpMethod, connection);

    private static Func<JsonElement, GwConnection, Integration> IntegrationReader(string restApiId, string resourceId, string httpMethod) =>
        (json, connection) => ResponseMapper.Integration(json, restApiId, resourceId, httpMethod, connection);

    /// <remarks>
    /// Update operations have no reconcile and are retried as they are after a lost answer. That is harmless for a
    /// patch of "replace" operations (names, descriptions, stage and method settings, throttles, variables: what
    /// UpdateRestApi, UpdateStage, UpdateMethod and the other Set cmdlets mostly send), which sets the same values
    /// again. It is not for a patch that adds or removes list members (binaryMediaTypes, apiStages, providerARNs,
    /// authorizationScopes) or copies from canarySettings (Complete-GwCanary): a repeat may be refused because the
    /// lost attempt already did it, and that refusal is reported as the error.
    /// </remarks>
    private static JsonObject PatchBody(IReadOnlyList<PatchOperation> operations) => new()
    {
        ["patchOperations"] = new JsonArray(operations.Select(op => (JsonNode?)new JsonObject { ["op"] = op.Op, ["path"] = op.Path }
            .Put("value", op.Value)
            .Put("from", op.From)).ToArray()),
    };

    private static string MethodPath(string restApiId, string resourceId, string httpMethod) =>
        RestPath.Of("restapis", restApiId, "resources", resourceId, "methods", httpMethod);

    private static string MethodPath(MethodRequest request) => MethodPath(request.RestApiId, request.ResourceId, request.HttpMethod);

    private static string IntegrationPath(MethodRequest request) => MethodPath(request) + "/integration";

    private static string IntegrationPath(string restApiId, string resourceId, string httpMethod) =>
        MethodPath(restApiId, resourceId, httpMethod) + "/integration";

    /// <summary>API Gateway's listings: up to <see cref="PageSize"/> items under "item", the next page at "position".</summary>
    private static GwListing<T> Listing<T>(string name, string path, IReadOnlyDictionary<string, string>? query, Func<JsonElement, GwConnection, T> readItem) =>
        new(position =>
        {
            var pageQuery = new Dictionary<string, string>(query ?? new Dictionary<string, string>()) { ["limit"] = PageSize.ToString(CultureInfo.InvariantCulture) };
            if (position is not null)
            {
                pageQuery["position"] = position;
            }

            return Build<GwPage<T>>(name, HttpMethod.Get, path,
                (page, connection) => new GwPage<T>(page.Items().Select(item => readItem(item, connection)).ToList(), page.Str("position")), query: pageQuery);
        });

    private static GwOperation Build(string name, HttpMethod method, string path) => new(ServiceNames.ApiGateway, name, method, path);

    private static GwOperation<T> Build<T>(string name, HttpMethod method, string path, Func<JsonElement, GwConnection, T> read, JsonObject? body = null,
        IReadOnlyDictionary<string, string>? query = null, IReadOnlyList<GwStepReference>? references = null, JsonObject? shownBody = null) =>
        new(ServiceNames.ApiGateway, name, method, path, read, body is null ? null : Json.Write(body), query, references, shownBody is null ? null : Json.Write(shownBody));
}
