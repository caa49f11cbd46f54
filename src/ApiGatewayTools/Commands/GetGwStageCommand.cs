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

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        if (StageName is not null)
        {
            WriteObject(Await(ct => client.GetStageAsync(RestApiId, StageName, ct)));
            return;
        }
        var stages = Await(ct => client.GetStagesAsync(RestApiId, null, ct));
        WriteObject(stages.OrderBy(s => s.StageName, StringComparer.Ordinal), enumerateCollection: true);
    }
}
