namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// Where a gateway-side failure becomes what the client sees: the status, headers and body of API
/// Gateway's default gateway response for it. Every answer of the invoke chain and of TestInvokeMethod
/// passes through here, so customised gateway responses (per API and response type) belong here too.
/// </summary>
internal sealed class GatewayResponses
{
    public MethodResult Answer(MethodResult result) =>
        result.GatewayFailure is { } failure
            ? new MethodResult(failure.StatusCode,
                [new("Content-Type", "application/json"), new("x-amzn-ErrorType", failure.ErrorType)],
                failure.Body,
                result.Failure)
            : result;
}
