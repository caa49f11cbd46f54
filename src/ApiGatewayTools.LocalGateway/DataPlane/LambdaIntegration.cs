using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Lambda;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>Finds a local function by name and qualifier: its handler and current resource policy.</summary>
internal delegate (LocalFunctionHandler Handler, string? PolicyJson)? FunctionLookup(string functionName, string? qualifier);

/// <summary>
/// AWS_PROXY and AWS integrations with local functions. The resource policy is enforced as Lambda enforces
/// it for API Gateway; the proxy builds the version 1.0 event and maps the function's proxy response back,
/// the non-proxy form passes the mapped body and goes through the integration responses.
/// </summary>
internal sealed partial class LambdaIntegration(FunctionLookup findFunction)
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

        string result;
        try
        {
            result = await found.Handler(eventJson, ContextJson(reference, invocation.RequestId), ct)
                .WaitAsync(TimeSpan.FromMilliseconds(integration.TimeoutInMillis), ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            invocation.Log?.Add($"Execution failed due to a timeout error: the function did not answer within {integration.TimeoutInMillis} ms");
            return MethodResult.GatewayError(GatewayFailure.EndpointTimeout, $"function {reference.Name} timed out after {integration.TimeoutInMillis} ms");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            invocation.Log?.Add($"Lambda execution failed with status 200 due to customer function error: {e.Message}");
            if (proxy)
            {
                return MethodResult.GatewayError(GatewayFailure.BadGateway, $"function {reference.Name} failed: {e.Message}");
            }
            var errorBody = ErrorPayload(e);
            return IntegrationResponseMapping.Map(invocation, new IntegrationOutput(200, [], errorBody, e.Message));
        }
        invocation.Log?.Add($"Endpoint response body before transformations: {IntegrationResponseMapping.Truncate(result)}");
        if (!proxy)
        {
            return IntegrationResponseMapping.Map(invocation, new IntegrationOutput(200, [], Encoding.UTF8.GetBytes(result)));
        }
        if (ProxyResponse.TryRead(result, out var response, out var problem))
        {
            return response;
        }
        invocation.Log?.Add($"Execution failed due to configuration error: Malformed Lambda proxy response: {problem}");
        return MethodResult.GatewayError(GatewayFailure.BadGateway, $"malformed Lambda proxy response: {problem}");
    }

    /// <summary>The context object a Lambda runtime gives a handler, in the members a local function can use.</summary>
    private static string ContextJson(FunctionReference reference, string requestId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, GatewayResponse.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("functionName", reference.Name);
            writer.WriteString("functionVersion", "$LATEST");
            writer.WriteString("invokedFunctionArn", reference.Arn);
            writer.WriteString("awsRequestId", Guid.NewGuid().ToString());
            writer.WriteString("apiGatewayRequestId", requestId);
            writer.WriteString("memoryLimitInMB", "128");
            writer.WriteString("logGroupName", $"/aws/lambda/{reference.Name}");
            writer.WriteString("logStreamName", $"{DateTimeOffset.UtcNow.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/[$LATEST]{requestId.Replace("-", "", StringComparison.Ordinal)}");
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The error payload Lambda returns for a function that failed, which non-proxy templates see as $input.</summary>
    private static byte[] ErrorPayload(Exception e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, GatewayResponse.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", e.Message);
            writer.WriteString("errorType", e.GetType().Name);
            writer.WritePropertyName("stackTrace");
            writer.WriteStartArray();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    [GeneratedRegex(@"^arn:aws:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(?<function>.+)/invocations$")]
    private static partial Regex FunctionUri();
}
