namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// An AWS_IAM method needs a SigV4 signature: an Authorization header or a presigned query. Locally its
/// presence is enough; it is not verified.
/// </summary>
internal sealed class SignaturePresenceCheck : IInvokeStage
{
    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var request = context.Request;
        if (context.Method.AuthorizationType == "AWS_IAM"
            && request.Headers["Authorization"] is null
            && !request.Query.Any(pair => pair.Key == "X-Amz-Signature"))
        {
            return new(MethodResult.GatewayError(GatewayFailure.MissingAuthenticationToken, "an AWS_IAM method was called without a signature"));
        }
        return default;
    }
}
