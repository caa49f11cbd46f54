namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwIntegration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveGwIntegrationCommand : GwMethodCmdlet
{
    protected override void ProcessItem()
    {
        var (connection, resource, verb) = Target();
        var operation = ApiGatewayOperations.DeleteIntegration(RestApiId, resource.ResourceId, verb);
        if (!ShouldProcess($"integration of {verb} {resource.Path} in REST API {RestApiId}", operation.ToString()))
            return;
        Await(ct => Gateway(connection).SendAsync(operation, ct));
    }
}
