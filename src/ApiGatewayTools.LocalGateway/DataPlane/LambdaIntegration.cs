using System.Text;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Lambda;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>Finds a local function as its qualifier resolves it (version or alias), with that qualifier's current resource policy.</summary>
internal delegate (ResolvedFunction Function, string? PolicyJson)? FunctionLookup(FunctionReference reference);

/// <summary>
/// AWS_PROXY and AWS integrations with local functions. The resource policy is enforced as Lambda enforces
/// it for API Gateway; the proxy builds the version 1.0 event and maps the function's proxy response back,
/// the non-proxy form passes the mapped body and goes through the integration responses.
/// </summary>
internal sealed partial class LambdaIntegration(FunctionLookup findFunction, FunctionInvoker invoker)
{
    public async Task<MethodResult> InvokeAsync(Invocation invocation, CancellationToken ct)
    {
        var integration = invocation.Integration;
        var proxy = integration.Type == "AWS_PROXY";
        var match = FunctionUri().Match(integration.Uri ?? "");
        if (!match.Success)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: {integration.Uri} is not a Lambda function invocation URI");
            return MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, "the integration URI is not a Lambda function invocation");
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
            return MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, $"invalid function ARN {functionArn}");
        }
        // A qualifier from a stage variable (orders:${stageVariables.alias}) is resolved per stage here, and
        // the permission checked is the one on that qualifier, as Lambda checks it.
        if (findFunction(reference) is not { } found)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: Function not found: {reference.Arn}");
            return MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, $"function not found: {reference.Arn}");
        }
        if (LambdaPermission.Denial(found.PolicyJson, invocation.SourceArn) is { } denial)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: Invalid permissions on Lambda function: {denial}");
            return MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, $"invalid permissions on Lambda function {reference.Name}: {denial}");
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

        var outcome = await invoker.InvokeAsync(reference, found.Function, eventJson, invocation.RequestId,
            TimeSpan.FromMilliseconds(integration.TimeoutInMillis), ct).ConfigureAwait(false);
        invocation.FunctionLogs = outcome.Logs;
        if (outcome.Refused is { } refused)
        {
            // API Gateway answers 500 when Lambda refuses the call (throttled, payload too large).
            invocation.Log?.Add($"Lambda invocation failed with status: {refused.StatusCode}. Lambda request id: {outcome.Context.AwsRequestId}");
            invocation.Log?.Add($"Execution failed due to configuration error: {refused.ErrorType}: {refused.Message}");
            return MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, $"Lambda refused to invoke {reference.Name}: {refused.ErrorType}: {refused.Message}");
        }
        if (outcome.Result is not { } result)
        {
            invocation.Log?.Add($"Execution failed due to a timeout error: the function did not answer within {integration.TimeoutInMillis} ms");
            return MethodResult.GatewayError(GatewayFailure.EndpointTimeout, $"function {reference.Name} timed out after {integration.TimeoutInMillis} ms");
        }
        foreach (var line in outcome.Logs ?? [])
        {
            invocation.Log?.Add($"Lambda function log: {line}");
        }
        if (result.FunctionError is not null)
        {
            var message = result.ErrorMessage ?? "";
            invocation.Log?.Add($"Lambda execution failed with status 200 due to customer function error: {message}");
            if (proxy)
            {
                return MethodResult.GatewayError(GatewayFailure.IntegrationFailure, $"function {reference.Name} failed: {message}");
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
        return MethodResult.GatewayError(GatewayFailure.IntegrationFailure, $"malformed Lambda proxy response: {problem}");
    }

    /// <summary>The function ARN in a Lambda invocation URI (an integration's or an authorizer's); null when it is not one.</summary>
    public static string? FunctionArnOf(string uri) => FunctionUri().Match(uri) is { Success: true } match ? match.Groups["function"].Value : null;

    [GeneratedRegex(@"^arn:aws:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(?<function>.+)/invocations$")]
    private static partial Regex FunctionUri();
}
