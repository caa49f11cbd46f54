using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Client;

/// <summary>Deployments: the snapshots of an API that stages serve, and the canary a stage may try one out with.</summary>
public static partial class ApiGatewayOperations
{
    /// <summary>With <see cref="CreateDeploymentRequest.Canary"/>, the new deployment becomes the stage's canary instead of what it serves.</summary>
    /// <remarks>
    /// The description carries a marker of this call (<see cref="CallMarker"/>), so a deployment whose answer was lost
    /// is found by it rather than made twice; the engine strips it wherever it shows a description.
    /// </remarks>
    public static GwOperation<Deployment> CreateDeployment(CreateDeploymentRequest request)
    {
        var marker = CallMarker.New();
        JsonObject Body(string? description) => new JsonObject()
            .Put("stageName", request.StageName)
            .Put("stageDescription", request.StageDescription)
            .Put("description", description)
            .Put("variables", Json.ToJson(request.Variables))
            .Put("canarySettings", request.Canary is { } canary
                ? new JsonObject { ["percentTraffic"] = canary.PercentTraffic }
                    .Put("stageVariableOverrides", Json.ToJson(canary.StageVariableOverrides))
                    .Put("useStageCache", canary.UseStageCache)
                : null);
        return Build("CreateDeployment", HttpMethod.Post, DeploymentsPath(request.RestApiId),
            (json, connection) => ResponseMapper.Deployment(json, request.RestApiId, connection), Body(CallMarker.Append(request.Description, marker)),
            shownBody: Body(request.Description))
            .ReconciledBy((client, _, ct) => client.FindAsync(GetDeployments(request.RestApiId), d => d.MadeByCall == marker, ct));
    }

    public static GwListing<Deployment> GetDeployments(string restApiId) =>
        Listing("GetDeployments", DeploymentsPath(restApiId), null,
            (json, connection) => ResponseMapper.Deployment(json, restApiId, connection));

    public static GwOperation<Deployment> GetDeployment(string restApiId, string deploymentId) =>
        Build("GetDeployment", HttpMethod.Get, DeploymentsPath(restApiId) + RestPath.Of(deploymentId),
            (json, connection) => ResponseMapper.Deployment(json, restApiId, connection));

    /// <summary>API Gateway refuses to delete a deployment that a stage still serves.</summary>
    public static GwOperation DeleteDeployment(string restApiId, string deploymentId) =>
        Build("DeleteDeployment", HttpMethod.Delete, DeploymentsPath(restApiId) + RestPath.Of(deploymentId));

    private static string DeploymentsPath(string restApiId) => RestPath.Of("restapis", restApiId, "deployments");
}
