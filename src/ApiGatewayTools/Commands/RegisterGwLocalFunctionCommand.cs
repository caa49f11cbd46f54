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

    /// <summary>The handler: param($Event, $Context); its output is the function's result.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    [Parameter]
    public string? Description { get; set; }

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
