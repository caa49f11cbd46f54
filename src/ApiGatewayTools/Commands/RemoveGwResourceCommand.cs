namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwResource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwResourceCommand : GwResourceCmdlet
{
    protected override void ProcessItem()
    {
        var (connection, resource) = LocateTarget();
        if (resource.Path == "/")
        {
            throw new GwValidationException("CannotRemoveRootResource", "Path", "The root resource '/' cannot be removed; remove the API with Remove-GwRestApi instead.");
        }

        var below = Tree(connection, RestApiId).Descendants(resource).Count;
        var what = below == 0 ? resource.Path : $"{resource.Path} and the {below} resource(s) below it";
        if (RemoveConfirmed(connection, $"{what} in REST API {RestApiId}", ApiGatewayOperations.DeleteResource(RestApiId, resource.ResourceId)))
        {
            Tree(connection, RestApiId).RemoveSubtree(resource);
        }
    }
}
