namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveGwMethodCommand : GwResourceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string HttpMethod { get; set; } = "";

    protected override void ProcessItem()
    {
        var verb = HttpVerb.Normalize(HttpMethod);
        var (connection, resource) = LocateTarget();
        if (RemoveConfirmed(connection, $"{verb} {resource.Path} (and its integration) in REST API {RestApiId}",
                ApiGatewayOperations.DeleteMethod(RestApiId, resource.ResourceId, verb)))
        {
            Remember(connection, resource.WithoutMethod(verb));
        }
    }
}
