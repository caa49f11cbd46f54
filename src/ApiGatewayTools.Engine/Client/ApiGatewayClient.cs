namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// API Gateway REST API (v1) control plane over REST-JSON, signed with SigV4. Thread-safe; one connection pool
/// and one quota pacer per account and region are shared by every instance. Each method sends the operation
/// <see cref="ApiGatewayOperations"/> builds, so -WhatIf and the wire cannot disagree.
/// </summary>
public sealed class ApiGatewayClient : GwClient
{
    public ApiGatewayClient(GwConnection connection, IGwActivityListener? listener = null)
        : this(connection, listener, (RetryOptions?)null) { }

    /// <summary>A client that tries each call as <paramref name="retry"/> says (-MaxRetry, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE).</summary>
    public ApiGatewayClient(GwConnection connection, IGwActivityListener? listener, GwRetrySettings retry)
        : this(connection, listener, retry.ToOptions()) { }

    /// <summary>Lets tests choose attempts, delays and randomness.</summary>
    internal ApiGatewayClient(GwConnection connection, IGwActivityListener? listener, RetryOptions? retry)
        : base(connection, listener, retry) { }

    public Task<RestApi> CreateRestApiAsync(CreateRestApiRequest request, CancellationToken ct) => SendAsync(ApiGatewayOperations.CreateRestApi(request), ct);
    public IAsyncEnumerable<RestApi> GetRestApisAsync(CancellationToken ct) => ListAsync(ApiGatewayOperations.GetRestApis(), ct);
    public Task<RestApi> GetRestApiAsync(string restApiId, CancellationToken ct) => SendAsync(ApiGatewayOperations.GetRestApi(restApiId), ct);
    public Task DeleteRestApiAsync(string restApiId, CancellationToken ct) => SendAsync(ApiGatewayOperations.DeleteRestApi(restApiId), ct);

    public IAsyncEnumerable<RestApiResource> GetResourcesAsync(string restApiId, CancellationToken ct) => ListAsync(ApiGatewayOperations.GetResources(restApiId), ct);
    public Task<RestApiResource> GetResourceAsync(string restApiId, string resourceId, CancellationToken ct) => SendAsync(ApiGatewayOperations.GetResource(restApiId, resourceId), ct);
    public Task<RestApiResource> CreateResourceAsync(string restApiId, string parentId, string pathPart, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.CreateResource(restApiId, parentId, pathPart), ct);
    public Task DeleteResourceAsync(string restApiId, string resourceId, CancellationToken ct) => SendAsync(ApiGatewayOperations.DeleteResource(restApiId, resourceId), ct);

    public Task<Method> PutMethodAsync(PutMethodRequest request, CancellationToken ct) => SendAsync(ApiGatewayOperations.PutMethod(request), ct);
    public Task<Method> GetMethodAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.GetMethod(restApiId, resourceId, httpMethod), ct);
    public Task<Method> UpdateMethodAsync(string restApiId, string resourceId, string httpMethod, IReadOnlyList<PatchOperation> operations, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.UpdateMethod(restApiId, resourceId, httpMethod, operations), ct);
    public Task DeleteMethodAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.DeleteMethod(restApiId, resourceId, httpMethod), ct);
    public Task<TestInvokeResult> TestInvokeMethodAsync(TestInvokeMethodRequest request, CancellationToken ct) => SendAsync(ApiGatewayOperations.TestInvokeMethod(request), ct);
    public Task<MethodResponse> PutMethodResponseAsync(PutMethodResponseRequest request, CancellationToken ct) => SendAsync(ApiGatewayOperations.PutMethodResponse(request), ct);

    public Task<Integration> PutIntegrationAsync(PutIntegrationRequest request, CancellationToken ct) => SendAsync(ApiGatewayOperations.PutIntegration(request), ct);
    public Task<Integration> GetIntegrationAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.GetIntegration(restApiId, resourceId, httpMethod), ct);
    public Task DeleteIntegrationAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.DeleteIntegration(restApiId, resourceId, httpMethod), ct);
    public Task<IntegrationResponse> PutIntegrationResponseAsync(PutIntegrationResponseRequest request, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.PutIntegrationResponse(request), ct);

    public Task<Deployment> CreateDeploymentAsync(CreateDeploymentRequest request, CancellationToken ct) => SendAsync(ApiGatewayOperations.CreateDeployment(request), ct);
    public IAsyncEnumerable<Deployment> GetDeploymentsAsync(string restApiId, CancellationToken ct) => ListAsync(ApiGatewayOperations.GetDeployments(restApiId), ct);
    public Task<Deployment> GetDeploymentAsync(string restApiId, string deploymentId, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.GetDeployment(restApiId, deploymentId), ct);
    public Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, string? deploymentId, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.GetStages(restApiId, deploymentId), ct);
    public Task<Stage> GetStageAsync(string restApiId, string stageName, CancellationToken ct) => SendAsync(ApiGatewayOperations.GetStage(restApiId, stageName), ct);
    public Task<Stage> UpdateStageAsync(string restApiId, string stageName, IReadOnlyList<PatchOperation> operations, CancellationToken ct) =>
        SendAsync(ApiGatewayOperations.UpdateStage(restApiId, stageName, operations), ct);

    /// <summary>Where clients call a stage: AWS's execute-api URL, or the local gateway's form on a custom endpoint.</summary>
    public string GetInvokeUrl(string restApiId, string stageName) =>
        InvokeUrls.ForStage(Connection.ApiGatewayEndpoint, Connection.Region, restApiId, stageName);
}
