using ApiGatewayTools.LocalGateway.Auth;
using ApiGatewayTools.LocalGateway.DataPlane.Authorization;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// What the stage practices of the chain share with the gateway: the account's throttle, the clock, the cache,
/// the canary's draw, the methods' authorizers, and the API key check over the account's keys and usage plans.
/// </summary>
internal sealed record StagePracticeParts(ThrottleLimit AccountThrottle, TimeProvider Clock, ResponseCache Cache, Func<double> CanaryDraw, ApiKeyStage ApiKeys)
{
    /// <summary>Runs the methods' Lambda and Cognito authorizers.</summary>
    public required AuthorizerRunner Authorizers { get; init; }
}

/// <summary>
/// The data plane, in API Gateway's order: each stage passes the request on or ends it, and every ending
/// goes through <see cref="GatewayResponses"/>. Built once per gateway; running it allocates nothing of its own.
/// </summary>
internal sealed class InvokeChain
{
    private readonly IInvokeStage[] _stages;
    private readonly GatewayResponses _responses;

    public InvokeChain(IInvokeStage[] stages, GatewayResponses responses)
    {
        if (stages.Length == 0 || stages[^1] is not IntegrationStage)
        {
            throw new ArgumentException("The chain ends with the integration, which always answers.", nameof(stages));
        }
        _stages = stages;
        _responses = responses;
    }

    /// <summary>
    /// The stages every invoke URL goes through. Where each later practice goes:
    /// <list type="bullet">
    /// <item>authorizers (Lambda, Cognito): caller checks, after the resource policy and before the API key stage
    /// (an authorizer may supply the API key);</item>
    /// <item>request validation: <see cref="RequestValidation"/>, after the caller checks (throttling included) and before the cache;</item>
    /// <item>customised gateway responses: in <see cref="GatewayResponses"/>, which every refusal goes through.</item>
    /// </list>
    /// What happens after the answer (access log, metrics) is the <see cref="InvokeEndpoint"/>'s, which sees every request.
    /// </summary>
    public static InvokeChain Standard(DeployedStageLookup stages, MethodPipeline pipeline, GatewayResponses responses, StagePracticeParts practices, SigV4Authenticator signatures) =>
        new(
        [
            // Route to the deployed method: the stage, then its canary or base deployment, then the method in it.
            new RequestBodyLimit(),
            stages,
            new CanarySplit(practices.CanaryDraw),
            new RouteToMethod(),
            // Caller checks.
            new SignatureCheck(signatures),
            new ResourcePolicyCheck(),
            new AuthorizerCheck(practices.Authorizers, practices.Clock),
            practices.ApiKeys,
            new Throttling(practices.AccountThrottle, practices.Clock),
            // The method's request validator: required parameters, then the body against its model.
            new RequestValidation(),
            // The stage cache, then the integration with its request and response mapping.
            new ResponseCacheStage(practices.Cache),
            new IntegrationStage(pipeline),
        ],
        responses);

    /// <summary>
    /// What the client is answered: the first stage's result that ends the request, seen by the stages it
    /// passed that observe answers (latest first), as gateway responses shape it.
    /// </summary>
    public async ValueTask<MethodResult> RunAsync(InvokeContext context, CancellationToken ct)
    {
        for (var ran = 0; ran < _stages.Length; ran++)
        {
            if (await _stages[ran].RunAsync(context, ct).ConfigureAwait(false) is { } result)
            {
                for (var passed = ran - 1; passed >= 0; passed--)
                {
                    if (_stages[passed] is IAnswerObserver observer)
                    {
                        result = observer.Answered(context, result);
                    }
                }
                context.GatewayFailure = result.GatewayFailure;
                return _responses.Answer(result, context);
            }
        }
        throw new InvalidOperationException("The integration stage ended without an answer.");
    }
}
