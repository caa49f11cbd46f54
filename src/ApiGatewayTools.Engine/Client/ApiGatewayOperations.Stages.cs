using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Client;

// Stages: CreateStage, GetStages, GetStage, UpdateStage, DeleteStage, FlushStageCache.
public static partial class ApiGatewayOperations
{
    /// <summary>CreateStage: a new stage serving an existing deployment.</summary>
    public static GwOperation<Stage> CreateStage(string restApiId, string stageName, string deploymentId) =>
        Build("CreateStage", HttpMethod.Post, StagesPath(restApiId), StageReader(restApiId),
            new JsonObject().Put("stageName", stageName).Put("deploymentId", deploymentId))
            .ReconciledBy(async (client, _, ct) =>
                await client.FindAsync(GetStage(restApiId, stageName), ct).ConfigureAwait(false) is { } stage && stage.DeploymentId == deploymentId ? stage : null);

    /// <summary>GetStages (not paginated by AWS); <paramref name="deploymentId"/> filters when given.</summary>
    public static GwOperation<IReadOnlyList<Stage>> GetStages(string restApiId, string? deploymentId)
    {
        var query = deploymentId is null ? null : new Dictionary<string, string> { ["deploymentId"] = deploymentId };
        return Build<IReadOnlyList<Stage>>("GetStages", HttpMethod.Get, StagesPath(restApiId),
            (page, connection) => page.Items().Select(json => ResponseMapper.Stage(json, restApiId, connection)).ToList(), query: query);
    }

    public static GwOperation<Stage> GetStage(string restApiId, string stageName) =>
        Build("GetStage", HttpMethod.Get, StagePath(restApiId, stageName), StageReader(restApiId));

    public static GwOperation<Stage> UpdateStage(string restApiId, string stageName, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateStage", HttpMethod.Patch, StagePath(restApiId, stageName), StageReader(restApiId), PatchBody(operations));

    /// <summary>DeleteStage: the stage's invoke URL stops answering; its deployment stays.</summary>
    public static GwOperation DeleteStage(string restApiId, string stageName) =>
        Build("DeleteStage", HttpMethod.Delete, StagePath(restApiId, stageName));

    /// <summary>FlushStageCache: empties the stage's cache cluster (DELETE …/cache/data).</summary>
    public static GwOperation FlushStageCache(string restApiId, string stageName) =>
        Build("FlushStageCache", HttpMethod.Delete, StagePath(restApiId, stageName) + RestPath.Of("cache", "data"));

    private static string StagesPath(string restApiId) => RestPath.Of("restapis", restApiId, "stages");

    private static string StagePath(string restApiId, string stageName) => StagesPath(restApiId) + RestPath.Of(stageName);

    private static Func<JsonElement, GwConnection, Stage> StageReader(string restApiId) =>
        (json, connection) => ResponseMapper.Stage(json, restApiId, connection);
}
