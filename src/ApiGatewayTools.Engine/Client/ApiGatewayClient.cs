using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ApiGatewayTools.Engine.Internal;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// API Gateway REST API (v1) control plane over REST-JSON, signed with SigV4. Thread-safe; one
/// connection pool and one quota pacer per account and region are shared by every instance.
/// Every mutating operation has a matching builder in <see cref="ApiGatewayOperations"/> so that
/// -WhatIf can show exactly what would be sent.
/// </summary>
public sealed class ApiGatewayClient
{
    /// <summary>AWS's largest page size for list operations.</summary>
    internal const int PageSize = 500;

    private readonly GwTransport _transport;

    public ApiGatewayClient(GwConnection connection, IGwActivityListener? listener = null)
        : this(connection, listener, null) { }

    /// <summary>Lets tests choose attempts, delays and randomness.</summary>
    internal ApiGatewayClient(GwConnection connection, IGwActivityListener? listener, RetryOptions? retry)
    {
        Connection = connection;
        _transport = new GwTransport(connection, listener, retry);
    }

    public GwConnection Connection { get; }

    public async Task<RestApi> CreateRestApiAsync(CreateRestApiRequest request, CancellationToken ct) =>
        ResponseMapper.RestApi(await SendAsync(ApiGatewayOperations.CreateRestApi(request), ct).ConfigureAwait(false), Connection);

    public IAsyncEnumerable<RestApi> GetRestApisAsync(CancellationToken ct) =>
        PagesAsync("GetRestApis", RestPath.Of("restapis"), null, json => ResponseMapper.RestApi(json, Connection), ct);

    public async Task<RestApi> GetRestApiAsync(string restApiId, CancellationToken ct) =>
        ResponseMapper.RestApi(await GetAsync("GetRestApi", RestPath.Of("restapis", restApiId), ct).ConfigureAwait(false), Connection);

    public Task DeleteRestApiAsync(string restApiId, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.DeleteRestApi(restApiId), ct);

    /// <summary>Asks for embedded methods so that <see cref="RestApiResource.HttpMethods"/> is filled.</summary>
    public IAsyncEnumerable<RestApiResource> GetResourcesAsync(string restApiId, CancellationToken ct) =>
        PagesAsync("GetResources", RestPath.Of("restapis", restApiId, "resources"), new() { ["embed"] = "methods" },
            json => ResponseMapper.Resource(json, restApiId, Connection), ct);

    public async Task<RestApiResource> GetResourceAsync(string restApiId, string resourceId, CancellationToken ct)
    {
        var operation = new GwOperation(ServiceNames.ApiGateway, "GetResource", HttpMethod.Get,
            RestPath.Of("restapis", restApiId, "resources", resourceId), null, new Dictionary<string, string> { ["embed"] = "methods" });
        return ResponseMapper.Resource(await SendAsync(operation, ct).ConfigureAwait(false), restApiId, Connection);
    }

    public async Task<RestApiResource> CreateResourceAsync(string restApiId, string parentId, string pathPart, CancellationToken ct) =>
        ResponseMapper.Resource(await SendAsync(ApiGatewayOperations.CreateResource(restApiId, parentId, pathPart), ct).ConfigureAwait(false), restApiId, Connection);

    public Task DeleteResourceAsync(string restApiId, string resourceId, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.DeleteResource(restApiId, resourceId), ct);

    public async Task<Method> PutMethodAsync(PutMethodRequest request, CancellationToken ct) =>
        ResponseMapper.Method(await SendAsync(ApiGatewayOperations.PutMethod(request), ct).ConfigureAwait(false),
            request.RestApiId, request.ResourceId, request.HttpMethod, Connection);

    public async Task<Method> GetMethodAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) =>
        ResponseMapper.Method(await GetAsync("GetMethod", ApiGatewayOperations.MethodPath(restApiId, resourceId, httpMethod), ct).ConfigureAwait(false),
            restApiId, resourceId, httpMethod, Connection);

    public async Task<Method> UpdateMethodAsync(string restApiId, string resourceId, string httpMethod, IReadOnlyList<PatchOperation> operations, CancellationToken ct) =>
        ResponseMapper.Method(await SendAsync(ApiGatewayOperations.UpdateMethod(restApiId, resourceId, httpMethod, operations), ct).ConfigureAwait(false),
            restApiId, resourceId, httpMethod, Connection);

    /// <summary>TestInvokeMethod: runs the method's current, undeployed definition and reports what happened.</summary>
    public async Task<TestInvokeResult> TestInvokeMethodAsync(TestInvokeMethodRequest request, CancellationToken ct)
    {
        var body = new JsonObject()
            .Put("pathWithQueryString", request.PathWithQueryString)
            .Put("body", request.Body)
            .Put("headers", Json.ToJson(request.Headers))
            .Put("stageVariables", Json.ToJson(request.StageVariables));
        var operation = new GwOperation(ServiceNames.ApiGateway, "TestInvokeMethod", HttpMethod.Post,
            ApiGatewayOperations.MethodPath(request.RestApiId, request.ResourceId, request.HttpMethod), Json.Write(body));
        return ResponseMapper.TestInvoke(await SendAsync(operation, ct).ConfigureAwait(false), request, Connection);
    }

    public Task DeleteMethodAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.DeleteMethod(restApiId, resourceId, httpMethod), ct);

    public async Task<MethodResponse> PutMethodResponseAsync(PutMethodResponseRequest request, CancellationToken ct) =>
        ResponseMapper.MethodResponse(await SendAsync(ApiGatewayOperations.PutMethodResponse(request), ct).ConfigureAwait(false),
            request.RestApiId, request.ResourceId, request.HttpMethod, Connection);

    public async Task<Integration> PutIntegrationAsync(PutIntegrationRequest request, CancellationToken ct) =>
        ResponseMapper.Integration(await SendAsync(ApiGatewayOperations.PutIntegration(request), ct).ConfigureAwait(false),
            request.RestApiId, request.ResourceId, request.HttpMethod, Connection);

    public async Task<Integration> GetIntegrationAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) =>
        ResponseMapper.Integration(await GetAsync("GetIntegration", ApiGatewayOperations.IntegrationPath(restApiId, resourceId, httpMethod), ct).ConfigureAwait(false),
            restApiId, resourceId, httpMethod, Connection);

    public Task DeleteIntegrationAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.DeleteIntegration(restApiId, resourceId, httpMethod), ct);

    public async Task<IntegrationResponse> PutIntegrationResponseAsync(PutIntegrationResponseRequest request, CancellationToken ct) =>
        ResponseMapper.IntegrationResponse(await SendAsync(ApiGatewayOperations.PutIntegrationResponse(request), ct).ConfigureAwait(false),
            request.RestApiId, request.ResourceId, request.HttpMethod, Connection);

    public async Task<Deployment> CreateDeploymentAsync(CreateDeploymentRequest request, CancellationToken ct) =>
        ResponseMapper.Deployment(await SendAsync(ApiGatewayOperations.CreateDeployment(request), ct).ConfigureAwait(false), request.RestApiId, Connection);

    public IAsyncEnumerable<Deployment> GetDeploymentsAsync(string restApiId, CancellationToken ct) =>
        PagesAsync("GetDeployments", RestPath.Of("restapis", restApiId, "deployments"), null, json => ResponseMapper.Deployment(json, restApiId, Connection), ct);

    public async Task<Deployment> GetDeploymentAsync(string restApiId, string deploymentId, CancellationToken ct) =>
        ResponseMapper.Deployment(await GetAsync("GetDeployment", RestPath.Of("restapis", restApiId, "deployments", deploymentId), ct).ConfigureAwait(false), restApiId, Connection);

    /// <summary>GetStages (not paginated by AWS); deploymentId filters when given.</summary>
    public async Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, string? deploymentId, CancellationToken ct)
    {
        var query = new Dictionary<string, string>();
        if (deploymentId is not null)
            query["deploymentId"] = deploymentId;
        var operation = new GwOperation(ServiceNames.ApiGateway, "GetStages", HttpMethod.Get, RestPath.Of("restapis", restApiId, "stages"), null, query);
        var page = await SendAsync(operation, ct).ConfigureAwait(false);
        return page.Items().Select(json => ResponseMapper.Stage(json, restApiId, Connection)).ToList();
    }

    public async Task<Stage> GetStageAsync(string restApiId, string stageName, CancellationToken ct) =>
        ResponseMapper.Stage(await GetAsync("GetStage", RestPath.Of("restapis", restApiId, "stages", stageName), ct).ConfigureAwait(false), restApiId, Connection);

    public async Task<Stage> UpdateStageAsync(string restApiId, string stageName, IReadOnlyList<PatchOperation> operations, CancellationToken ct) =>
        ResponseMapper.Stage(await SendAsync(ApiGatewayOperations.UpdateStage(restApiId, stageName, operations), ct).ConfigureAwait(false), restApiId, Connection);

    /// <summary>Where clients call a stage: AWS's execute-api URL, or the local gateway's form on a custom endpoint.</summary>
    public string GetInvokeUrl(string restApiId, string stageName) =>
        InvokeUrls.ForStage(Connection.ApiGatewayEndpoint, Connection.Region, restApiId, stageName);

    private Task<System.Text.Json.JsonElement> GetAsync(string name, string path, CancellationToken ct) =>
        SendAsync(new GwOperation(ServiceNames.ApiGateway, name, HttpMethod.Get, path), ct);

    private async Task<System.Text.Json.JsonElement> SendAsync(GwOperation operation, CancellationToken ct) =>
        Json.Parse(await _transport.SendAsync(operation, ct).ConfigureAwait(false));

    /// <summary>Every item of a listing, page by page.</summary>
    private async IAsyncEnumerable<T> PagesAsync<T>(string name, string path, Dictionary<string, string>? query,
        Func<System.Text.Json.JsonElement, T> map, [EnumeratorCancellation] CancellationToken ct)
    {
        var pages = Paging.PagesAsync((position, token) =>
        {
            var pageQuery = new Dictionary<string, string>(query ?? []) { ["limit"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (position is not null)
                pageQuery["position"] = position;
            return SendAsync(new GwOperation(ServiceNames.ApiGateway, name, HttpMethod.Get, path, null, pageQuery), token);
        }, "position", ct);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            foreach (var item in page.Items())
                yield return map(item);
        }
    }
}

/// <summary>Builds the request of each mutating API Gateway operation without sending it.</summary>
public static class ApiGatewayOperations
{
    public static GwOperation CreateRestApi(CreateRestApiRequest request)
    {
        var body = new JsonObject { ["name"] = request.Name }
            .Put("description", request.Description)
            .Put("endpointConfiguration", new JsonObject { ["types"] = new JsonArray(request.EndpointType) })
            .Put("apiKeySource", request.ApiKeySource)
            .Put("binaryMediaTypes", Json.ToJson(request.BinaryMediaTypes))
            .Put("tags", Json.ToJson(request.Tags));
        return Build("CreateRestApi", HttpMethod.Post, RestPath.Of("restapis"), body);
    }

    public static GwOperation DeleteRestApi(string restApiId) =>
        Build("DeleteRestApi", HttpMethod.Delete, RestPath.Of("restapis", restApiId));

    public static GwOperation CreateResource(string restApiId, string parentId, string pathPart) =>
        Build("CreateResource", HttpMethod.Post, RestPath.Of("restapis", restApiId, "resources", parentId), new JsonObject { ["pathPart"] = pathPart });

    public static GwOperation DeleteResource(string restApiId, string resourceId) =>
        Build("DeleteResource", HttpMethod.Delete, RestPath.Of("restapis", restApiId, "resources", resourceId));

    public static GwOperation PutMethod(PutMethodRequest request)
    {
        var body = new JsonObject { ["authorizationType"] = request.AuthorizationType }
            .Put("authorizerId", request.AuthorizerId)
            .Put("apiKeyRequired", request.ApiKeyRequired)
            .Put("operationName", request.OperationName)
            .Put("requestParameters", Json.ToJson(request.RequestParameters));
        return Build("PutMethod", HttpMethod.Put, MethodPath(request.RestApiId, request.ResourceId, request.HttpMethod), body);
    }

    public static GwOperation DeleteMethod(string restApiId, string resourceId, string httpMethod) =>
        Build("DeleteMethod", HttpMethod.Delete, MethodPath(restApiId, resourceId, httpMethod));

    public static GwOperation PutMethodResponse(PutMethodResponseRequest request)
    {
        var body = new JsonObject()
            .Put("responseParameters", Json.ToJson(request.ResponseParameters))
            .Put("responseModels", Json.ToJson(request.ResponseModels));
        return Build("PutMethodResponse", HttpMethod.Put,
            MethodPath(request.RestApiId, request.ResourceId, request.HttpMethod) + RestPath.Of("responses", request.StatusCode), body);
    }

    /// <summary>The backend's verb travels as "httpMethod" in the body (AWS's integrationHttpMethod).</summary>
    public static GwOperation PutIntegration(PutIntegrationRequest request)
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
        return Build("PutIntegration", HttpMethod.Put, IntegrationPath(request.RestApiId, request.ResourceId, request.HttpMethod), body);
    }

    public static GwOperation DeleteIntegration(string restApiId, string resourceId, string httpMethod) =>
        Build("DeleteIntegration", HttpMethod.Delete, IntegrationPath(restApiId, resourceId, httpMethod));

    public static GwOperation PutIntegrationResponse(PutIntegrationResponseRequest request)
    {
        var body = new JsonObject()
            .Put("selectionPattern", request.SelectionPattern)
            .Put("responseParameters", Json.ToJson(request.ResponseParameters))
            .Put("responseTemplates", Json.ToJson(request.ResponseTemplates));
        return Build("PutIntegrationResponse", HttpMethod.Put,
            IntegrationPath(request.RestApiId, request.ResourceId, request.HttpMethod) + RestPath.Of("responses", request.StatusCode), body);
    }

    public static GwOperation CreateDeployment(CreateDeploymentRequest request)
    {
        var body = new JsonObject()
            .Put("stageName", request.StageName)
            .Put("stageDescription", request.StageDescription)
            .Put("description", request.Description)
            .Put("variables", Json.ToJson(request.Variables));
        return Build("CreateDeployment", HttpMethod.Post, RestPath.Of("restapis", request.RestApiId, "deployments"), body);
    }

    public static GwOperation UpdateStage(string restApiId, string stageName, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateStage", HttpMethod.Patch, RestPath.Of("restapis", restApiId, "stages", stageName), PatchBody(operations));

    public static GwOperation UpdateMethod(string restApiId, string resourceId, string httpMethod, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateMethod", HttpMethod.Patch, MethodPath(restApiId, resourceId, httpMethod), PatchBody(operations));

    private static JsonObject PatchBody(IReadOnlyList<PatchOperation> operations) => new()
    {
        ["patchOperations"] = new JsonArray(operations.Select(op => (JsonNode?)new JsonObject { ["op"] = op.Op, ["path"] = op.Path }
            .Put("value", op.Value)
            .Put("from", op.From)).ToArray()),
    };

    internal static string MethodPath(string restApiId, string resourceId, string httpMethod) =>
        RestPath.Of("restapis", restApiId, "resources", resourceId, "methods", httpMethod);

    internal static string IntegrationPath(string restApiId, string resourceId, string httpMethod) =>
        MethodPath(restApiId, resourceId, httpMethod) + "/integration";

    private static GwOperation Build(string name, HttpMethod method, string path, JsonObject? body = null) =>
        new(ServiceNames.ApiGateway, name, method, path, body is null ? null : Json.Write(body));
}
