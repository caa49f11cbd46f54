using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Commands;

/// <summary>A local function's recent log, as `sam logs` shows a function's CloudWatch log.</summary>
[Cmdlet(VerbsCommon.Get, "GwLocalFunctionLog")]
[OutputType(typeof(LocalFunctionLogEvent))]
public sealed class GetGwLocalFunctionLogCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string FunctionName { get; set; } = "";

    /// <summary>Only the last N lines.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Tail { get; set; }

    /// <summary>Only the lines of one invocation (its Lambda request id, as the START line names it).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RequestId { get; set; }

    protected override void ProcessRecord()
    {
        if (LocalGatewaySession.Current is not { } server)
        {
            ThrowTerminatingError(ErrorRecords.Input("LocalGatewayNotRunning",
                "No local gateway is running in this session, so there are no local function logs. Start one with Start-GwLocalGateway.", FunctionName, ErrorCategory.InvalidOperation));
            return;
        }
        if (!server.Functions.Any(f => f.FunctionName == FunctionName))
        {
            WriteError(ErrorRecords.Input("FunctionNotFound",
                $"No local function is named '{FunctionName}'. Get-GwLocalGateway lists the registered functions.", FunctionName, ErrorCategory.ObjectNotFound));
            return;
        }
        IEnumerable<LocalFunctionLogEvent> events = server.FunctionLogs(FunctionName);
        if (RequestId is not null)
        {
            events = events.Where(e => e.RequestId == RequestId);
        }
        if (Tail is { } tail)
        {
            events = events.TakeLast(tail);
        }
        foreach (var logEvent in events)
        {
            WriteObject(logEvent);
        }
    }
}
