using System.Text;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.Lambda;

/// <summary>
/// Lambda's Invoke operation for local functions: synchronous (RequestResponse), asynchronous (Event) and
/// DryRun, with the function error and the log tail in the headers Lambda uses.
/// </summary>
internal sealed class LambdaInvokeRoutes(GatewayState state, FunctionInvoker invoker) : IRouteArea
{
    /// <summary>Lambda returns at most the last 4 KB of the invocation's log in X-Amz-Log-Result.</summary>
    private const int LogTailBytes = 4096;
    /// <summary>Longer than any function timeout (900 s at most), so the function's own timeout always ends a call.</summary>
    private static readonly TimeSpan CallerTimeout = TimeSpan.FromSeconds(901);

    public void Register(Router router) =>
        router.Map("POST", "/2015-03-31/functions/{function_name}/invocations", "Invoke", InvokeAsync);

    private async Task<GatewayResponse> InvokeAsync(GatewayRequest request, CancellationToken ct)
    {
        var reference = FunctionReference.Parse(request.Route("function_name"), request.QueryValue("Qualifier"));
        var invocationType = request.Headers["X-Amz-Invocation-Type"] ?? "RequestResponse";
        if (invocationType is not ("RequestResponse" or "Event" or "DryRun"))
        {
            throw GatewayError.LambdaInvalidParameter(
                $"1 validation error detected: Value '{invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
        ResolvedFunction function;
        lock (state.Sync)
        {
            function = reference.Resolve(state);
        }
        var payload = request.Body.Length == 0 ? "{}" : Encoding.UTF8.GetString(request.Body);
        if (request.Body.Length > Functions.RuntimeWorkerPool.MaxRequestBytes)
        {
            throw new GatewayError(413, "RequestEntityTooLargeException",
                $"Request must be smaller than {Functions.RuntimeWorkerPool.MaxRequestBytes} bytes for the InvokeFunction operation", ErrorBodyStyle.Lambda);
        }
        try
        {
            using var _ = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            throw new GatewayError(400, "InvalidRequestContentException", $"Could not parse request body into json: {e.Message}", ErrorBodyStyle.Lambda);
        }
        var requestId = Guid.NewGuid().ToString();
        switch (invocationType)
        {
            case "DryRun":
                return GatewayResponse.Empty(204);
            case "Event":
                // Queued as Lambda queues it: the caller gets 202 at once; the function runs on its own.
                _ = Task.Run(() => invoker.InvokeAsync(reference, function, payload, requestId, CallerTimeout, CancellationToken.None));
                return GatewayResponse.Raw(202, [], null);
        }
        var outcome = await invoker.InvokeAsync(reference, function, payload, requestId, CallerTimeout, ct).ConfigureAwait(false);
        if (outcome.Refused is { } refused)
        {
            throw new GatewayError(refused.StatusCode, refused.ErrorType, refused.Message, ErrorBodyStyle.Lambda);
        }
        var result = outcome.Result!;
        var response = GatewayResponse.Raw(200, Encoding.UTF8.GetBytes(result.Payload), "application/json")
            .WithHeader("X-Amz-Executed-Version", function.Version);
        if (result.FunctionError is { } functionError)
        {
            response.WithHeader("X-Amz-Function-Error", functionError);
        }
        if (string.Equals(request.Headers["X-Amz-Log-Type"], "Tail", StringComparison.OrdinalIgnoreCase))
        {
            response.WithHeader("X-Amz-Log-Result", LogTail(outcome.Logs ?? []));
        }
        return response;
    }

    private static string LogTail(IReadOnlyList<string> lines)
    {
        var text = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        return Convert.ToBase64String(text.Length <= LogTailBytes ? text : text[^LogTailBytes..]);
    }
}
