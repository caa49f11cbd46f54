namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwIntegrationResponse")]
[OutputType(typeof(IntegrationResponse))]
public sealed class GetGwIntegrationResponseCommand : GwStatusCodeResponseCmdlet
{
    protected override void ProcessItem() => WriteResponses(
        (resourceId, verb, statusCode) => ApiGatewayOperations.GetIntegrationResponse(RestApiId, resourceId, verb, statusCode),
        method => method.Integration?.IntegrationResponses.Values ?? [],
        response => response.StatusCode,
        (response, path) => response with { Path = path });
}
