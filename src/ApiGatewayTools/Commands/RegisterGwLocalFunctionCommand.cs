using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Models;

namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsLifecycle.Register, "GwLocalFunction", SupportsShouldProcess = true)]
[OutputType(typeof(LocalFunction))]
public sealed class RegisterGwLocalFunctionCommand : PSCmdlet
{
    /// <summary>The function's name (1-64 letters, digits, '-' or '_'), as Lambda names it.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string FunctionName { get; set; } = "";

    /// <summary>The handler: param($Event, $Context); the last object it writes to the pipeline is the function's result.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    [Parameter]
    public string? Description { get; set; }

    /// <summary>Seconds one invocation may run before it fails with Lambda's "Task timed out" (Lambda's range 1-900, default 3).</summary>
    [Parameter]
    [ValidateRange(1, 900)]
    public int Timeout { get; set; } = (int)LocalFunctionDefinition.DefaultTimeout.TotalSeconds;

    /// <summary>The memory size the context reports, in MB (Lambda's range 128-10240, default 128).</summary>
    [Parameter]
    [ValidateRange(128, 10240)]
    public int MemorySize { get; set; } = LocalFunctionDefinition.DefaultMemorySize;

    protected override void ProcessRecord()
    {
        var server = LocalGatewaySession.Current;
        if (server is null)
        {
            ThrowTerminatingError(ErrorRecords.Input("LocalGatewayNotRunning",
                "No local gateway is running in this session. Start one with Start-GwLocalGateway, then register the function.", FunctionName, ErrorCategory.InvalidOperation));
            return;
        }
        if (!ShouldProcess($"{FunctionName} on {server.EndpointUrl}", "Register local Lambda function"))
        {
            return;
        }

        LocalFunctionInfo info;
        try
        {
            info = server.RegisterFunction(new LocalFunctionDefinition
            {
                FunctionName = FunctionName,
                Description = Description,
                Timeout = TimeSpan.FromSeconds(Timeout),
                MemorySize = MemorySize,
                Handler = LocalGatewaySession.FunctionHost.CreateHandler(ScriptBlock),
            });
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "InvalidFunctionName", ErrorCategory.InvalidArgument, FunctionName));
            return;
        }
        WriteObject(new LocalFunction(info));
    }
}
