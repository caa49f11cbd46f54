namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwIntegrationResponse")]
[OutputType(typeof(IntegrationResponse))]
public sealed class GetGwIntegrationResponseCommand : GwMethodCmdlet
{
    /// <summary>The status code; every integration response of the method's integration, by status code, when omitted.</summary>
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
            var response = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetIntegrationResponse(RestApiId, resource.ResourceId, verb, StatusCode), ct));
            WriteObject(response with { Path = resource.Path });
            return;
        }

        var responses = ReadMethod(connection, resource, verb).Integration?.IntegrationResponses.Values ?? [];
        WriteObject(responses.OrderBy(r => r.StatusCode, StringComparer.Ordinal).Select(r => r with { Path = resource.Path }), enumerateCollection: true);
    }
}
