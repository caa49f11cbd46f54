namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwMethodResponse")]
[OutputType(typeof(MethodResponse))]
public sealed class GetGwMethodResponseCommand : GwStatusCodeResponseCmdlet
{
    protected override void ProcessItem() => WriteResponses(
        (resourceId, verb, statusCode) => ApiGatewayOperations.GetMethodResponse(RestApiId, resourceId, verb, statusCode),
        method => method.MethodResponses.Values,
        response => response.StatusCode,
        (response, path) => response with { Path = path });
}
