using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Models;

namespace ApiGatewayTools.Commands;

/// <summary>
/// Hosts a user pool on the running local gateway, in place of Amazon Cognito: its ProviderArn goes to
/// New-GwAuthorizer -Type COGNITO_USER_POOLS, and New-GwLocalToken signs ID and access tokens for it.
/// </summary>
[Cmdlet(VerbsCommon.New, "GwLocalUserPool", SupportsShouldProcess = true)]
[OutputType(typeof(LocalUserPoolInfo))]
public sealed class NewGwLocalUserPoolCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>How many app clients the pool has (1 to 10); tokens name one as aud (ID) or client_id (access).</summary>
    [Parameter]
    [ValidateRange(1, 10)]
    public int ClientCount { get; set; } = 1;

    protected override void ProcessRecord()
    {
        if (LocalGatewaySession.Current is not { } server)
        {
            ThrowTerminatingError(ErrorRecords.Input("LocalGatewayNotRunning",
                "No local gateway is running in this session. Start one with Start-GwLocalGateway, then create the user pool.", Name, ErrorCategory.InvalidOperation));
            return;
        }
        if (!ShouldProcess($"{Name} on {server.EndpointUrl}", "Create local user pool"))
        {
            return;
        }
        WriteObject(new LocalUserPoolInfo(server.CreateUserPool(Name, ClientCount), server.EndpointUrl));
    }
}
