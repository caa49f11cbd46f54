using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>Reads the request body, refusing one over API Gateway's 10 MB payload limit before anything else is looked at.</summary>
internal sealed class RequestBodyLimit : IInvokeStage
{
    public async ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        if (await BodyReader.ReadAsync(context.Http, ct).ConfigureAwait(false) is not { } body)
        {
            return MethodResult.GatewayError(GatewayFailure.RequestTooLarge, $"request body larger than {BodyReader.MaxBodyBytes} bytes");
        }
        context.Body = body;
        return null;
    }
}
