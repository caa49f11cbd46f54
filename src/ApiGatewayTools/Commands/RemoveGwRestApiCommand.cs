namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwRestApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwRestApiCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    /// <summary>Shown in the confirmation prompt when piped from Get-GwRestApi.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? Name { get; set; }

    protected override object? TargetOfError => RestApiId;

    protected override void ProcessItem() =>
        RemoveConfirmed(ResolveConnection(), Name is null ? RestApiId : $"{Name} ({RestApiId})", ApiGatewayOperations.DeleteRestApi(RestApiId));
}
