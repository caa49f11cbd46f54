using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// Matches the request path against the deployed resources and picks the method for the verb (else the
/// resource's ANY method). No match, or no method with an integration, is API Gateway's "Missing
/// Authentication Token", whatever the caller sent.
/// </summary>
internal sealed class RouteToMethod : IInvokeStage
{
    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var request = MethodRequest(context);
        context.Request = request;
        if (DeployedRoutes.For(context.Stage.Snapshot).Match(request.PathSegments) is not { } match)
        {
            return new(MethodResult.GatewayError(GatewayFailure.MissingAuthenticationToken, $"no resource matches {request.Path}"));
        }
        context.Match = match;
        if (FindMethod(match.Resource, request.HttpMethod) is not { Integration: not null } method)
        {
            return new(MethodResult.GatewayError(GatewayFailure.MissingAuthenticationToken,
                $"resource {match.ResourcePath} has no {request.HttpMethod} method"));
        }
        context.Method = method;
        return default;
    }

    /// <summary>The exact verb's method, else the resource's ANY method (TestInvokeMethod chooses the same way).</summary>
    internal static MethodRecord? FindMethod(ResourceRecord resource, string httpMethod) =>
        resource.Methods.TryGetValue(httpMethod, out var method) ? method
        : resource.Methods.TryGetValue("ANY", out var any) ? any
        : null;

    private static InvocationRequest MethodRequest(InvokeContext context)
    {
        var listenerRequest = context.Http.Request;
        var target = context.Target;
        return new InvocationRequest
        {
            HttpMethod = listenerRequest.HttpMethod.ToUpperInvariant(),
            Path = target.RawPath == "/" ? "/" : Uri.UnescapeDataString(target.RawPath),
            PathSegments = InvocationRequest.SplitPath(target.RawPath),
            RawQuery = target.RawQuery,
            Query = InvocationRequest.ParseQuery(target.RawQuery),
            Headers = listenerRequest.Headers,
            Body = context.Body,
            SourceIp = listenerRequest.RemoteEndPoint?.Address.ToString() ?? "127.0.0.1",
            Protocol = $"HTTP/{listenerRequest.ProtocolVersion.Major}.{listenerRequest.ProtocolVersion.Minor}",
        };
    }
}
