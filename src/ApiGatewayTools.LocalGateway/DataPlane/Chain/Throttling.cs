using ApiGatewayTools.LocalGateway.DataPlane.Practices;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// API Gateway's throttling, after the other caller checks: the method's own throttle (its method settings,
/// else the stage's default method throttle, which every method of the stage has a bucket of its own for),
/// then the account's. An empty bucket is the THROTTLED gateway response, 429 Too Many Requests.
/// </summary>
internal sealed class Throttling(ThrottleLimit account, TimeProvider clock) : IInvokeStage
{
    private readonly TokenBucket _account = new(account, clock);
    private readonly TokenBuckets<(string RestApiId, string StageName, string ResourcePath, string HttpMethod)> _methods = new(clock);

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var stage = context.Stage;
        var resourcePath = context.Match.ResourcePath;
        var httpMethod = context.Method.HttpMethod;
        if (StagePractices.For(stage).Method(resourcePath, httpMethod).Throttle is { } limit
            && !_methods.TryTake((stage.RestApiId, stage.StageName, resourcePath, httpMethod), limit))
        {
            return new(MethodResult.GatewayError(GatewayFailure.Throttled,
                $"{httpMethod} {resourcePath} is over its throttle of {limit.RatePerSecond} requests per second (burst {limit.Burst})"));
        }
        if (!_account.TryTake())
        {
            return new(MethodResult.GatewayError(GatewayFailure.Throttled,
                $"the account is over its throttle of {_account.RatePerSecond} requests per second (burst {_account.Burst})"));
        }
        return default;
    }
}
