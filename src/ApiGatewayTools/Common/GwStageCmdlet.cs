namespace ApiGatewayTools.Common;

/// <summary>
/// Base of the cmdlets that work on one stage: -StageName, declared once, binds from Publish-GwDeployment and
/// Get-GwStage output along with -RestApiId.
/// </summary>
public abstract class GwStageCmdlet : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    protected override object? TargetOfError => StageName;

    /// <summary>
    /// The stage as it is now; a stage that does not exist is API Gateway's NotFoundException. A stage of an API that
    /// -WhatIf only planned is not read: it is the new stage it would be, with API Gateway's defaults.
    /// </summary>
    protected Stage ReadStage(GwClient client) => PlannedId.IsPlanned(RestApiId)
        ? new Stage { Connection = client.Connection, RestApiId = RestApiId, StageName = StageName }
        : Await(ct => client.SendAsync(ApiGatewayOperations.GetStage(RestApiId, StageName), ct));
}
