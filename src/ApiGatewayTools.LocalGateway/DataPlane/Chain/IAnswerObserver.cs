namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// A stage that also sees the answer of a request it passed on (e.g. the cache keeps the integration's
/// answer). It may return a changed answer; it runs before <see cref="GatewayResponses"/> shapes it.
/// </summary>
internal interface IAnswerObserver
{
    MethodResult Answered(InvokeContext context, MethodResult answer);
}
