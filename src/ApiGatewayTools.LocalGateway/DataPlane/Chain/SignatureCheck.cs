using ApiGatewayTools.LocalGateway.Auth;
using ApiGatewayTools.LocalGateway.DataPlane.Policies;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// An AWS_IAM method needs a SigV4 signature (an Authorization header or a presigned query) for the
/// request as sent. With strict keys configured it must verify against them, with AWS's refusals; otherwise
/// its presence is enough, so any client's throw-away signing works. A signed caller is the local account's principal, which the
/// resource policy then sees instead of anonymous.
/// </summary>
internal sealed class SignatureCheck(SigV4Authenticator signatures) : IInvokeStage
{
    /// <summary>Who signed: the local gateway has one account, and strict mode one key, so every signer is its root principal.</summary>
    public static readonly PolicyCaller LocalAccount =
        new(LocalGatewayServer.AccountId, $"arn:aws:iam::{LocalGatewayServer.AccountId}:root");

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        if (context.Method.AuthorizationType != "AWS_IAM")
        {
            return default;
        }
        if (Refusal(context) is { } refused)
        {
            return new(refused);
        }
        context.Caller = LocalAccount;
        return default;
    }

    private MethodResult? Refusal(InvokeContext context)
    {
        var sent = context.Http.Request;
        var missing = MethodResult.GatewayError(GatewayFailure.MissingAuthenticationToken, "an AWS_IAM method was called without a signature");
        if (!signatures.VerifiesKeys)
        {
            return sent.Headers["Authorization"] is null && !context.Request.Query.Any(pair => pair.Key == "X-Amz-Signature") ? missing : null;
        }
        try
        {
            signatures.Authenticate(new GatewayRequest(sent.HttpMethod, sent.RawUrl ?? "/", sent.Headers, context.Body));
            return null;
        }
        catch (GatewayError refused)
        {
            return refused.Code == GatewayFailure.MissingAuthenticationToken.ErrorType
                ? missing
                : MethodResult.GatewayError(GatewayFailure.SignatureRefused(refused.Code, refused.Message), $"an AWS_IAM method's signature was refused: {refused.Code}");
        }
    }
}
