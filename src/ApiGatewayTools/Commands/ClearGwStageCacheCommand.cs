namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Clear, "GwStageCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class ClearGwStageCacheCommand : GwStageCmdlet
{
    /// <summary>
    /// A stage without a cache cluster has no cached answers to flush: that is already what the caller asks for, so
    /// it is a warning and nothing is sent.
    /// </summary>
    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        var stage = ReadStage(client);
        if (!stage.CacheClusterEnabled)
        {
            WriteWarning($"Stage {StageName} of REST API {RestApiId} has no cache cluster, so there is nothing to flush; nothing was sent. " +
                $"Set-GwStage -CacheClusterEnabled $true gives it one.");
            return;
        }

        var operation = ApiGatewayOperations.FlushStageCache(RestApiId, StageName);
        if (ShouldProcess($"cache of stage {StageName} of REST API {RestApiId}", operation.ToString()))
        {
            Await(ct => client.SendAsync(operation, ct));
        }
    }
}
