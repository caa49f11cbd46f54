namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwMethod")]
[OutputType(typeof(Method))]
public sealed class GetGwMethodCommand : GwResourceCmdlet
{
    /// <summary>The verb; every method of the resource (or of the whole API) when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(HttpMethodCompleter))]
    public string? HttpMethod { get; set; }

    protected override void ProcessItem()
    {
        var verb = HttpMethod is null ? null : HttpVerb.Normalize(HttpMethod);
        ParsedPath();
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var resources = ResourceId is null && Path is null
            ? Tree(connection, RestApiId).Resources.ToList()
            : [LocateResource(connection)];
        foreach (var resource in resources)
        {
            // A named verb is asked for, so that a missing method is AWS's NotFoundException; the rest came embedded in the listing.
            if (verb is not null)
            {
                WriteObject(Await(ct => client.SendAsync(ApiGatewayOperations.GetMethod(RestApiId, resource.ResourceId, verb), ct)) with { Path = resource.Path });
            }
            else
            {
                WriteObject(resource.HttpMethods.Select(v => resource.ResourceMethods[v]), enumerateCollection: true);
            }
        }
    }
}
