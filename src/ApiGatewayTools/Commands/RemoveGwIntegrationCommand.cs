namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwIntegration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveGwIntegrationCommand : GwMethodCmdlet
{
    protected override void ProcessItem()
    {
        var (connection, resource, verb) = Target();
        RemoveConfirmed(connection, $"integration of {verb} {resource.Path} in REST API {RestApiId}",
            ApiGatewayOperations.DeleteIntegration(RestApiId, resource.ResourceId, verb));
    }
}
