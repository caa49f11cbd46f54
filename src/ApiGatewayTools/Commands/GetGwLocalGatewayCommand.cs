using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Models;

namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwLocalGateway")]
[OutputType(typeof(LocalGatewayInfo))]
public sealed class GetGwLocalGatewayCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (LocalGatewaySession.Current is { } running)
        {
            WriteObject(new LocalGatewayInfo(running));
        }
    }
}
