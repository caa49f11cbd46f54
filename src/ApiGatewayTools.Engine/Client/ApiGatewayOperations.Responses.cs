using System.Text.Json;

namespace ApiGatewayTools.Engine.Client;

// Method and integration responses beyond their Put (in ApiGatewayOperations.cs): GetMethodResponse,
// UpdateMethodResponse, DeleteMethodResponse, GetIntegrationResponse, UpdateIntegrationResponse, DeleteIntegrationResponse.
public static partial class ApiGatewayOperations
{
    public static GwOperation<MethodResponse> GetMethodResponse(string restApiId, string resourceId, string httpMethod, string statusCode) =>
        Build("GetMethodResponse", HttpMethod.Get, MethodResponsePath(restApiId, resourceId, httpMethod, statusCode), MethodResponseReader(restApiId, resourceId, httpMethod));

    public static GwOperation<MethodResponse> UpdateMethodResponse(string restApiId, string resourceId, string httpMethod, string statusCode,
        IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateMethodResponse", HttpMethod.Patch, MethodResponsePath(restApiId, resourceId, httpMethod, statusCode),
            MethodResponseReader(restApiId, resourceId, httpMethod), PatchBody(operations));

    public static GwOperation DeleteMethodResponse(string restApiId, string resourceId, string httpMethod, string statusCode) =>
        Build("DeleteMethodResponse", HttpMethod.Delete, MethodResponsePath(restApiId, resourceId, httpMethod, statusCode));

    public static GwOperation<IntegrationResponse> GetIntegrationResponse(string restApiId, string resourceId, string httpMethod, string statusCode) =>
        Build("GetIntegrationResponse", HttpMethod.Get, IntegrationResponsePath(restApiId, resourceId, httpMethod, statusCode),
            IntegrationResponseReader(restApiId, resourceId, httpMethod));

    public static GwOperation<IntegrationResponse> UpdateIntegrationResponse(string restApiId, string resourceId, string httpMethod, string statusCode,
        IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateIntegrationResponse", HttpMethod.Patch, IntegrationResponsePath(restApiId, resourceId, httpMethod, statusCode),
            IntegrationResponseReader(restApiId, resourceId, httpMethod), PatchBody(operations));

    public static GwOperation DeleteIntegrationResponse(string restApiId, string resourceId, string httpMethod, string statusCode) =>
        Build("DeleteIntegrationResponse", HttpMethod.Delete, IntegrationResponsePath(restApiId, resourceId, httpMethod, statusCode));

    private static string MethodResponsePath(string restApiId, string resourceId, string httpMethod, string statusCode) =>
        MethodPath(restApiId, resourceId, httpMethod) + RestPath.Of("responses", statusCode);

    private static string IntegrationResponsePath(string restApiId, string resourceId, string httpMethod, string statusCode) =>
        IntegrationPath(restApiId, resourceId, httpMethod) + RestPath.Of("responses", statusCode);

    private static Func<JsonElement, GwConnection, MethodResponse> MethodResponseReader(string restApiId, string resourceId, string httpMethod) =>
        (json, connection) => ResponseMapper.MethodResponse(json, restApiId, resourceId, httpMethod, connection);

    private static Func<JsonElement, GwConnection, IntegrationResponse> IntegrationResponseReader(string restApiId, string resourceId, string httpMethod) =>
        (json, connection) => ResponseMapper.IntegrationResponse(json, restApiId, resourceId, httpMethod, connection);
}
