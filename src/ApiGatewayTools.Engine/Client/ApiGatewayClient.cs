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
    public ApiGatewayClient(GwConnection connection, IGwActivityListener? listener = null)
    {
        Connection = connection;
        Listener = listener;
    }

    public GwConnection Connection { get; }
    internal IGwActivityListener? Listener { get; }

    public Task<RestApi> CreateRestApiAsync(CreateRestApiRequest request, CancellationToken ct) => throw new NotImplementedException();
    public IAsyncEnumerable<RestApi> GetRestApisAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task<RestApi> GetRestApiAsync(string restApiId, CancellationToken ct) => throw new NotImplementedException();
    public Task DeleteRestApiAsync(string restApiId, CancellationToken ct) => throw new NotImplementedException();

    public IAsyncEnumerable<RestApiResource> GetResourcesAsync(string restApiId, CancellationToken ct) => throw new NotImplementedException();
    public Task<RestApiResource> GetResourceAsync(string restApiId, string resourceId, CancellationToken ct) => throw new NotImplementedException();
    public Task<RestApiResource> CreateResourceAsync(string restApiId, string parentId, string pathPart, CancellationToken ct) => throw new NotImplementedException();
    public Task DeleteResourceAsync(string restApiId, string resourceId, CancellationToken ct) => throw new NotImplementedException();

    public Task<Method> PutMethodAsync(PutMethodRequest request, CancellationToken ct) => throw new NotImplementedException();
    public Task<Method> GetMethodAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) => throw new NotImplementedException();
    public Task DeleteMethodAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) => throw new NotImplementedException();
    public Task<MethodResponse> PutMethodResponseAsync(PutMethodResponseRequest request, CancellationToken ct) => throw new NotImplementedException();

    public Task<Integration> PutIntegrationAsync(PutIntegrationRequest request, CancellationToken ct) => throw new NotImplementedException();
    public Task<Integration> GetIntegrationAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) => throw new NotImplementedException();
    public Task DeleteIntegrationAsync(string restApiId, string resourceId, string httpMethod, CancellationToken ct) => throw new NotImplementedException();
    public Task<IntegrationResponse> PutIntegrationResponseAsync(PutIntegrationResponseRequest request, CancellationToken ct) => throw new NotImplementedException();

    public Task<Deployment> CreateDeploymentAsync(CreateDeploymentRequest request, CancellationToken ct) => throw new NotImplementedException();
    public IAsyncEnumerable<Deployment> GetDeploymentsAsync(string restApiId, CancellationToken ct) => throw new NotImplementedException();
    public Task<Deployment> GetDeploymentAsync(string restApiId, string deploymentId, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>GetStages (not paginated by AWS); deploymentId filters when given.</summary>
    public Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, string? deploymentId, CancellationToken ct) => throw new NotImplementedException();
    public Task<Stage> GetStageAsync(string restApiId, string stageName, CancellationToken ct) => throw new NotImplementedException();
    public Task<Stage> UpdateStageAsync(string restApiId, string stageName, IReadOnlyList<PatchOperation> operations, CancellationToken ct) => throw new NotImplementedException();
}

/// <summary>Builds the request of each mutating API Gateway operation without sending it.</summary>
public static class ApiGatewayOperations
{
    public static GwOperation CreateRestApi(CreateRestApiRequest request) => throw new NotImplementedException();
    public static GwOperation DeleteRestApi(string restApiId) => throw new NotImplementedException();
    public static GwOperation CreateResource(string restApiId, string parentId, string pathPart) => throw new NotImplementedException();
    public static GwOperation DeleteResource(string restApiId, string resourceId) => throw new NotImplementedException();
    public static GwOperation PutMethod(PutMethodRequest request) => throw new NotImplementedException();
    public static GwOperation DeleteMethod(string restApiId, string resourceId, string httpMethod) => throw new NotImplementedException();
    public static GwOperation PutMethodResponse(PutMethodResponseRequest request) => throw new NotImplementedException();
    public static GwOperation PutIntegration(PutIntegrationRequest request) => throw new NotImplementedException();
    public static GwOperation DeleteIntegration(string restApiId, string resourceId, string httpMethod) => throw new NotImplementedException();
    public static GwOperation PutIntegrationResponse(PutIntegrationResponseRequest request) => throw new NotImplementedException();
    public static GwOperation CreateDeployment(CreateDeploymentRequest request) => throw new NotImplementedException();
    public static GwOperation UpdateStage(string restApiId, string stageName, IReadOnlyList<PatchOperation> operations) => throw new NotImplementedException();
}
