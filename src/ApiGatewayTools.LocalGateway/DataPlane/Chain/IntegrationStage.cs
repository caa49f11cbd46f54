using System.Diagnostics;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// Runs the method's integration with its request and response mapping (the <see cref="MethodPipeline"/>
/// TestInvokeMethod shares). It always answers: it is the end of the chain.
/// </summary>
internal sealed class IntegrationStage(MethodPipeline pipeline) : IInvokeStage
{
    public async ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var stage = context.Stage;
        var match = context.Match;
        var method = context.Method;
        var integration = method.Integration!;
        context.IntegrationType = integration.Type;
        var invocation = new Invocation
        {
            Request = context.Request,
            RestApiId = stage.RestApiId,
            StageName = stage.StageName,
            StageVariables = stage.Variables,
            BinaryMediaTypes = stage.Snapshot.BinaryMediaTypes,
            Resource = match.Resource,
            ResourcePath = match.ResourcePath,
            PathParameters = match.PathParameters,
            Method = method,
            Integration = integration,
            RequestId = context.RequestId,
            RequestTime = DateTimeOffset.UtcNow,
            Cancellation = context.ClientGone,
            Authorizer = context.Authorizer,
        };
        var started = Stopwatch.GetTimestamp();
        var result = await pipeline.RunAsync(invocation, ct).ConfigureAwait(false);
        context.FunctionLogs = invocation.FunctionLogs;
        context.IntegrationLatency = Stopwatch.GetElapsedTime(started);
        return result;
    }
}
