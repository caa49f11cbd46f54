using System.Net;
using ApiGatewayTools.LocalGateway.DataPlane.Policies;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// The deployed API's resource policy, decided for this caller (anonymous unless an AWS_IAM signature named
/// one), this method's ARN and the connection's address (aws:SourceIp is the client's own address; an
/// X-Forwarded-For header the client sends is not trusted). An explicit deny refuses every caller. Otherwise,
/// as API Gateway combines the policy with the method's authorization: a method without any needs the
/// policy's Allow; an AWS_IAM caller of the API's own account is allowed by its IAM identity; a Lambda or
/// Cognito authorizer decides later, with this decision in <see cref="InvokeContext.ResourcePolicy"/>.
/// </summary>
internal sealed class ResourcePolicyCheck : IInvokeStage
{
    private const string InvokeAction = "execute-api:Invoke";

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        if (context.Stage.Snapshot.ResourcePolicy is not { } policy)
        {
            return default;
        }
        var request = context.Request;
        var resource = MethodArn(context.Stage, request);
        var decision = policy.Evaluate(new PolicyRequest(InvokeAction, resource, context.Caller, SourceAddress(context)));
        context.ResourcePolicy = decision;
        var refused = decision switch
        {
            PolicyDecision.ExplicitDeny => " with an explicit deny",
            PolicyDecision.ImplicitDeny when context.Method.AuthorizationType == "NONE" => "",
            _ => null,
        };
        return refused is null
            ? default
            : new(MethodResult.GatewayError(
                GatewayFailure.AccessDenied($"User: {context.Caller.DisplayName} is not authorized to perform: {InvokeAction} on resource: {resource}{refused}"),
                $"the API's resource policy denies {context.Caller.DisplayName}{refused}"));
    }

    /// <summary>arn:aws:execute-api:region:account:api-id/stage/VERB/path, the request's own path (not the resource's template).</summary>
    public static string MethodArn(State.DeployedStage stage, InvocationRequest request) =>
        $"arn:aws:execute-api:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:{stage.RestApiId}/{stage.StageName}/{request.HttpMethod}/{request.Path.TrimStart('/')}";

    private static IPAddress? SourceAddress(InvokeContext context) => context.Http.Request.RemoteEndPoint?.Address;
}
