namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// One step of the data plane. A stage either passes the request on (answers null) or ends it with a
/// result; a gateway-side refusal ends it with <see cref="MethodResult.GatewayError"/>, which
/// <see cref="GatewayResponses"/> turns into what the client sees. Stages are built once and shared by
/// every request, so they keep no per-request state; a check with nothing to wait for completes synchronously.
/// </summary>
internal interface IInvokeStage
{
    ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct);
}
