namespace ApiGatewayTools.Commands;

/// <summary>Resets a gateway response type to API Gateway's default; callers see it after the next deployment.</summary>
[Cmdlet(VerbsCommon.Remove, "GwGatewayResponse", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwGatewayResponseCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(GatewayResponseTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string ResponseType { get; set; } = "";

    protected override object? TargetOfError => ResponseType;

    /// <summary>The type is read first: one that already answers the default has nothing to remove, so a re-run sends nothing.</summary>
    protected override void ProcessItem()
    {
        var type = new GatewayResponseSettings(ResponseType, null, new Dictionary<string, string>(), new Dictionary<string, string>()).Validate().ResponseType;
        var connection = ResolveConnection();
        var current = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetGatewayResponse(RestApiId, type), ct));
        if (current.DefaultResponse)
        {
            WriteVerbose($"Gateway response {type} of REST API {RestApiId} already answers API Gateway's default; nothing to remove.");
            return;
        }
        RemoveConfirmed(connection, $"gateway response {type} of REST API {RestApiId} (back to API Gateway's default)",
            ApiGatewayOperations.DeleteGatewayResponse(RestApiId, type));
    }
}
