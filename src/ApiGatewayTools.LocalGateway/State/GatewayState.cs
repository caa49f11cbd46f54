using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// Everything the gateway knows. Handlers take <see cref="Sync"/> for the whole of an operation,
/// so each operation sees and leaves a consistent state; requests are otherwise served in parallel.
/// </summary>
internal sealed class GatewayState
{
    private long _sequence;

    public object Sync { get; } = new();
    public Dictionary<string, RestApiRecord> RestApis { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, LocalFunctionRecord> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>A creation counter: lists come back in creation order, which is stable across pages.</summary>
    public long NextSequence() => ++_sequence;

    public RestApiRecord RestApi(string restApiId) =>
        RestApis.TryGetValue(restApiId, out var api)
            ? api
            : throw GatewayError.NotFound($"Invalid API identifier specified {LocalGatewayServer.AccountId}:{restApiId}");

    public static ResourceRecord Resource(RestApiRecord api, string resourceId) =>
        api.Resources.TryGetValue(resourceId, out var resource)
            ? resource
            : throw GatewayError.NotFound("Invalid Resource identifier specified");

    public static MethodRecord Method(ResourceRecord resource, string httpMethod) =>
        resource.Methods.TryGetValue(httpMethod.ToUpperInvariant(), out var method)
            ? method
            : throw GatewayError.NotFound("Invalid Method identifier specified");

    public static IntegrationRecord Integration(MethodRecord method) =>
        method.Integration ?? throw GatewayError.NotFound("Invalid Integration identifier specified");

    public static DeploymentRecord Deployment(RestApiRecord api, string deploymentId) =>
        api.Deployments.TryGetValue(deploymentId, out var deployment)
            ? deployment
            : throw GatewayError.NotFound("Invalid Deployment identifier specified");

    public static StageRecord Stage(RestApiRecord api, string stageName) =>
        api.Stages.TryGetValue(stageName, out var stage)
            ? stage
            : throw GatewayError.NotFound("Invalid Stage identifier specified");
}
