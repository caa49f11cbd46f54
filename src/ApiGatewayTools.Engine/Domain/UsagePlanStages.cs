namespace ApiGatewayTools.Engine.Domain;

/// <summary>A usage plan may only name stages that exist: each is read before anything is sent.</summary>
public static class UsagePlanStages
{
    public const string StageNotDeployedErrorId = "UsagePlanStageNotDeployed";

    /// <summary>Reads each stage; one that does not exist (or whose API does not) is bad input, named with what to do.</summary>
    public static async Task EnsureDeployedAsync(GwClient client, IEnumerable<UsagePlanApiStage> stages, CancellationToken ct)
    {
        foreach (var stage in stages)
        {
            try
            {
                await client.SendAsync(ApiGatewayOperations.GetStage(stage.RestApiId, stage.StageName), ct).ConfigureAwait(false);
            }
            catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound)
            {
                throw new GwValidationException(StageNotDeployedErrorId, "ApiStage",
                    $"REST API {stage.RestApiId} has no deployed stage '{stage.StageName}': deploy it first " +
                    $"(Publish-GwDeployment -RestApiId {stage.RestApiId} -StageName {stage.StageName}), then put it in a usage plan.");
            }
        }
    }
}
