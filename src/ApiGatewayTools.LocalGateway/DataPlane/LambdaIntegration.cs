using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Functions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Lambda;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>Finds a local function by name and qualifier: its definition and current resource policy.</summary>
internal delegate (LocalFunctionDefinition Definition, string? PolicyJson)? FunctionLookup(string functionName, string? qualifier);

/// <summary>
/// AWS_PROXY and AWS integrations with local functions. The resource policy is enforced as Lambda enforces
/// it for API Gateway; the proxy builds the version 1.0 event and maps the function's proxy response back,
/// the non-proxy form passes the mapped body and goes through the integration responses.
/// </summary>
internal sealed partial class LambdaIntegration(FunctionLookup findFunction, FunctionLogBook logBook)
{
    public async Task<MethodResult> InvokeAsync(Invocation invocation, CancellationToken ct)
    {
        var integration = invocation.Integration;
        var proxy = integration.Type == "AWS_PROXY";
        var match = FunctionUri().Match(integration.Uri ?? "");
        if (!match.Success)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: {integration.Uri} is not a Lambda function invocation URI");
            return MethodResult.GatewayError(GatewayFailure.InternalServerError, "the integration URI is not a Lambda function invocation");
        }
        var functionArn = HttpIntegration.SubstituteStageVariables(match.Groups["function"].Value, invocation.StageVariables);
        FunctionReference reference;
        try
        {
            reference = FunctionReference.Parse(functionArn, null);
        }
        catch (GatewayError)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: Invalid function ARN {functionArn}");
            return MethodResult.GatewayError(GatewayFailure.InternalServerError, $"invalid function ARN {functionArn}");
        }
        var function = reference.Qualifier is null or "$LATEST" ? findFunction(reference.Name, reference.Qualifier) : null;
        if (function is not { } found)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: Function not found: {reference.Arn}");
            return MethodResult.GatewayError(GatewayFailure.InternalServerError, $"function not found: {reference.Arn}");
        }
        if (LambdaPermission.Denial(found.PolicyJson, invocation.SourceArn) is { } denial)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: Invalid permissions on Lambda function: {denial}");
            return MethodResult.GatewayError(GatewayFailure.InternalServerError, $"invalid permissions on Lambda function {reference.Name}: {denial}");
        }

        string eventJson;
        if (proxy)
        {
            eventJson = ProxyEvent.Write(invocation);
        }
        else if (IntegrationRequestBody.Build(invocation) is { } built)
        {
            eventJson = built.Body.Length == 0 ? "{}" : Encoding.UTF8.GetString(built.Body);
        }
        else
        {
            return MethodResult.GatewayError(GatewayFailure.UnsupportedMediaType, "no request template for the content type and passthrough refused");
        }
        invocation.Log?.Add($"Endpoint request URI: {integration.Uri}");
        invocation.Log?.Add($"Endpoint request body after transformations: {IntegrationResponseMapping.Truncate(eventJson)}");
        invocation.Log?.Add($"Sending request to {reference.Arn}");

        var definition = found.Definition;
        var integrationTimeout = TimeSpan.FromMilliseconds(integration.TimeoutInMillis);
        var context = Context(reference, invocation.RequestId, definition);
        var log = new FunctionLog(context.AwsRequestId);
        invocation.FunctionLogs = log.Lines;
        LocalFunctionResult result;
        // The function's own timeout ends the invocation as Lambda does (a function error); the integration
        // timeout ends the client's wait (504). Whichever is shorter comes first; both stop the handler.
        using (var running = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var wait = definition.Timeout < integrationTimeout ? definition.Timeout : integrationTimeout;
                result = await definition.Handler(new LocalFunctionInvocation(eventJson, context), running.Token)
                    .WaitAsync(wait, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await running.CancelAsync().ConfigureAwait(false);
                if (definition.Timeout >= integrationTimeout)
                {
                    log.End(started, definition, []);
                    logBook.Add(reference.Name, context.AwsRequestId, log.Lines);
                    invocation.Log?.Add($"Execution failed due to a timeout error: the function did not answer within {integration.TimeoutInMillis} ms");
                    return MethodResult.GatewayError(GatewayFailure.EndpointTimeout, $"function {reference.Name} timed out after {integration.TimeoutInMillis} ms");
                }
                var seconds = definition.Timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
                result = LocalFunctionResult.Error("Sandbox.Timedout", $"RequestId: {context.AwsRequestId} Error: Task timed out after {seconds} seconds");
            }
            catch (FunctionInvokeRefusedException e)
            {
                // Lambda refused the call itself (throttled, payload too large): API Gateway answers 500, and
                // the function, which never ran, logs nothing.
                invocation.FunctionLogs = null;
                invocation.Log?.Add($"Lambda invocation failed with status: {e.StatusCode}. Lambda request id: {context.AwsRequestId}");
                invocation.Log?.Add($"Execution failed due to configuration error: {e.ErrorType}: {e.Message}");
                return MethodResult.GatewayError(GatewayFailure.InternalServerError, $"Lambda refused to invoke {reference.Name}: {e.ErrorType}: {e.Message}");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                result = LocalFunctionResult.Error(e.GetType().Name, e.Message);
            }
            log.End(started, definition, result.Logs);
        }
        logBook.Add(reference.Name, context.AwsRequestId, log.Lines);
        foreach (var line in log.Lines)
        {
            invocation.Log?.Add($"Lambda function log: {line}");
        }
        if (result.FunctionError is not null)
        {
            var message = result.ErrorMessage ?? "";
            invocation.Log?.Add($"Lambda execution failed with status 200 due to customer function error: {message}");
            if (proxy)
            {
                return MethodResult.GatewayError(GatewayFailure.BadGateway, $"function {reference.Name} failed: {message}");
            }
            return IntegrationResponseMapping.Map(invocation, new IntegrationOutput(200, [], Encoding.UTF8.GetBytes(result.Payload), message));
        }
        invocation.Log?.Add($"Endpoint response body before transformations: {IntegrationResponseMapping.Truncate(result.Payload)}");
        if (!proxy)
        {
            return IntegrationResponseMapping.Map(invocation, new IntegrationOutput(200, [], Encoding.UTF8.GetBytes(result.Payload)));
        }
        if (ProxyResponse.TryRead(result.Payload, out var response, out var problem))
        {
            return response;
        }
        invocation.Log?.Add($"Execution failed due to configuration error: Malformed Lambda proxy response: {problem}");
        return MethodResult.GatewayError(GatewayFailure.BadGateway, $"malformed Lambda proxy response: {problem}");
    }

    /// <summary>The context a Lambda runtime gives the handler; its deadline is the function's timeout from now.</summary>
    private static LocalFunctionContext Context(FunctionReference reference, string requestId, LocalFunctionDefinition definition) =>
        new(
            FunctionName: reference.Name,
            FunctionVersion: "$LATEST",
            InvokedFunctionArn: reference.Arn,
            AwsRequestId: Guid.NewGuid().ToString(),
            MemoryLimitInMB: definition.MemorySize,
            LogGroupName: $"/aws/lambda/{reference.Name}",
            LogStreamName: $"{DateTimeOffset.UtcNow.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/[$LATEST]{requestId.Replace("-", "", StringComparison.Ordinal)}",
            Deadline: DateTimeOffset.UtcNow + definition.Timeout);

    [GeneratedRegex(@"^arn:aws:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(?<function>.+)/invocations$")]
    private static partial Regex FunctionUri();
}
