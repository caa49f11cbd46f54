namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// A method that requires an API key needs an x-api-key header. Any value passes: API keys and usage
/// plans are not modelled yet, and checking the key against them belongs here when they are.
/// </summary>
internal sealed class ApiKeyPresenceCheck : IInvokeStage
{
    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        if (context.Method.ApiKeyRequired && string.IsNullOrEmpty(context.Request.Headers["x-api-key"]))
        {
            return new(MethodResult.GatewayError(GatewayFailure.Forbidden, "the method requires an API key and the request has no x-api-key header"));
        }
        return default;
    }
}
