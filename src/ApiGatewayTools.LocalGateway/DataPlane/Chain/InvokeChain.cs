namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

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
    /// <item>resource policies, authorizers (Lambda, Cognito), API keys checked against usage plans, and
    /// throttling: caller checks, after the signature check and before the integration, in that order;</item>
    /// <item>request validation: after the caller checks;</item>
    /// <item>the stage cache lookup: just before the integration;</item>
    /// <item>customised gateway responses: in <see cref="GatewayResponses"/>, which every refusal goes through.</item>
    /// </list>
    /// </summary>
    public static InvokeChain Standard(DeployedStageLookup stages, MethodPipeline pipeline, GatewayResponses responses) =>
        new(
        [
            // Route to the deployed method.
            new RequestBodyLimit(),
            stages,
            new RouteToMethod(),
            // Caller checks.
            new SignaturePresenceCheck(),
            new ApiKeyPresenceCheck(),
            // The integration, with its request and response mapping.
            new IntegrationStage(pipeline),
        ],
        responses);

    /// <summary>What the client is answered: the first stage's result that ends the request, as gateway responses shape it.</summary>
    public async ValueTask<MethodResult> RunAsync(InvokeContext context, CancellationToken ct)
    {
        foreach (var stage in _stages)
        {
            if (await stage.RunAsync(context, ct).ConfigureAwait(false) is { } result)
            {
                return _responses.Answer(result);
            }
        }
        throw new InvalidOperationException("The integration stage ended without an answer.");
    }
}
