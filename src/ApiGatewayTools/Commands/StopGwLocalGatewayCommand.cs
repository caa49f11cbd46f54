using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Models;

namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsLifecycle.Stop, "GwLocalGateway", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class StopGwLocalGatewayCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var running = LocalGatewaySession.Current;
        if (running is null)
        {
            WriteVerbose("No local gateway is running.");
            return;
        }
        if (!ShouldProcess(running.EndpointUrl.ToString(), "Stop local API Gateway"))
        {
            return;
        }

        try
        {
            LocalGatewaySession.StopCurrent();
        }
        catch (LocalGatewayStateException e)
        {
            // The gateway is stopped either way; what could not be saved is said, not lost quietly.
            WriteError(new ErrorRecord(e, "LocalGatewayStateNotSaved", ErrorCategory.WriteError, e.Path));
        }
    }
}
