namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwIntegration")]
[OutputType(typeof(Integration))]
public sealed class GetGwIntegrationCommand : GwResourceCmdlet
{
    /// <summary>The method's verb; every integrated method of the resource when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string? HttpMethod { get; set; }

    protected override void ProcessItem()
    {
        var verb = HttpMethod is null ? null : HttpVerb.Normalize(HttpMethod);
        var (connection, resource) = LocateTarget();
        if (verb is not null)
        {
            WriteObject(Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetIntegration(RestApiId, resource.ResourceId, verb), ct)) with { Path = resource.Path });
            return;
        }
        foreach (var v in resource.HttpMethods)
        {
            if (resource.ResourceMethods[v].Integration is { } integration)
            {
                WriteObject(integration with { Path = resource.Path });
            }
        }
    }
}
