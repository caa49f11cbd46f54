using ApiGatewayTools.LocalGateway.Templates;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>Runs a matched method through its integration; shared by invoke URLs and TestInvokeMethod.</summary>
internal sealed class MethodPipeline(HttpIntegration http, LambdaIntegration lambda)
{
    public async Task<MethodResult> RunAsync(Invocation invocation, CancellationToken ct)
    {
        LogRequest(invocation);
        MethodResult result;
        try
        {
            result = invocation.Integration.Type switch
            {
                "MOCK" => MockIntegration.Invoke(invocation),
                "HTTP" or "HTTP_PROXY" => await http.InvokeAsync(invocation, ct).ConfigureAwait(false),
                "AWS" or "AWS_PROXY" => await lambda.InvokeAsync(invocation, ct).ConfigureAwait(false),
                var type => Unsupported(invocation, $"integration type {type} is not served locally"),
            };
        }
        catch (MappingTemplateException e)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: Unable to transform request or response: {e.Message}");
            result = MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, $"mapping template error: {e.Message}");
        }
        return Completed(invocation, result);
    }

    /// <summary>
    /// A request the gateway refused before its integration (request validation, in TestInvokeMethod): logged
    /// as the method request, why it was refused, and the refusal's status. The integration is not called.
    /// </summary>
    public static MethodResult Refused(Invocation invocation, MethodResult refusal)
    {
        LogRequest(invocation);
        if (refusal.Failure is { } reason)
        {
            invocation.Log?.Add(reason);
        }
        return Completed(invocation, refusal);
    }

    private static MethodResult Completed(Invocation invocation, MethodResult result)
    {
        invocation.Log?.Add($"Method completed with status: {result.StatusCode}");
        return result;
    }

    private static MethodResult Unsupported(Invocation invocation, string reason)
    {
        invocation.Log?.Add($"Execution failed due to configuration error: {reason}");
        return MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, reason);
    }

    private static void LogRequest(Invocation invocation)
    {
        if (invocation.Log is not { } log)
        {
            return;
        }
        var request = invocation.Request;
        log.Add($"Starting execution for request: {invocation.RequestId}");
        log.Add($"HTTP Method: {request.HttpMethod}, Resource Path: {request.Path}");
        log.Add($"Method request path: {{{string.Join(", ", invocation.PathParameters.Select(pair => $"{pair.Key}={pair.Value}"))}}}");
        log.Add($"Method request query string: {{{string.Join(", ", request.Query.Select(pair => $"{pair.Key}={pair.Value}"))}}}");
        log.Add($"Method request headers: {{{string.Join(", ", request.Headers.AllKeys.Select(name => $"{name}={request.Headers[name]}"))}}}");
        log.Add($"Method request body before transformations: {IntegrationResponseMapping.Truncate(invocation.BodyText)}");
    }
}
