namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwStage")]
[OutputType(typeof(Stage))]
public sealed class GetGwStageCommand : GwRestApiCmdlet
{
    /// <summary>One stage; all of them when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? StageName { get; set; }

    protected override object? TargetOfError => StageName ?? RestApiId;

    protected override void ProcessItem() => WriteFound(new GwLookup<Stage>
    {
        ById = name => ApiGatewayOperations.GetStage(RestApiId, name),
        All = (client, ct) => client.SendAsync(ApiGatewayOperations.GetStages(RestApiId, null), ct),
        Order = stages => stages.OrderBy(s => s.StageName, StringComparer.Ordinal),
    }, StageName);
}
