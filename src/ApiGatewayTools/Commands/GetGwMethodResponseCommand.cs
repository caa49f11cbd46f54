namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwMethodResponse")]
[OutputType(typeof(MethodResponse))]
public sealed class GetGwMethodResponseCommand : GwMethodCmdlet
{
    /// <summary>The status code; every method response of the method, by status code, when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? StatusCode { get; set; }

    protected override object? TargetOfError => StatusCode ?? base.TargetOfError;

    protected override void ProcessItem()
    {
        if (StatusCode is not null)
        {
            ResponseRules.StatusCode(StatusCode);
        }
        var (connection, resource, verb) = Target();
        if (StatusCode is not null)
        {
            // Asked for by status code, so that a missing one is AWS's NotFoundException.
            var response = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetMethodResponse(RestApiId, resource.ResourceId, verb, StatusCode), ct));
            WriteObject(response with { Path = resource.Path });
            return;
        }

        var method = ReadMethod(connection, resource, verb);
        WriteObject(method.MethodResponses.Values.OrderBy(r => r.StatusCode, StringComparer.Ordinal).Select(r => r with { Path = resource.Path }), enumerateCollection: true);
    }
}
