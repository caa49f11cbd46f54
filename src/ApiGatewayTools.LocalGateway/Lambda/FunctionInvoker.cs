using System.Diagnostics;
using System.Globalization;
using ApiGatewayTools.LocalGateway.Functions;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.Lambda;

/// <summary>How one invocation ended: the function's result, Lambda's refusal, or the caller's wait ran out first.</summary>
internal sealed record FunctionInvocationOutcome(LocalFunctionContext Context, IReadOnlyList<string>? Logs, LocalFunctionResult? Result, FunctionInvokeRefusedException? Refused)
{
    /// <summary>The caller stopped waiting (API Gateway's integration timeout) before the function's own timeout.</summary>
    public bool CallerTimedOut => Result is null && Refused is null;
}

/// <summary>
/// Runs a local function as Lambda runs an invocation, for API Gateway's integrations and the Lambda Invoke
/// API alike: builds the context, stops the handler at the function's timeout with Lambda's error, and logs
/// the invocation (START ... REPORT) to the function's log.
/// </summary>
internal sealed class FunctionInvoker(FunctionLogBook logBook)
{
    /// <param name="callerTimeout">How long the caller waits, whatever the function's timeout (API Gateway's integration timeout).</param>
    public async Task<FunctionInvocationOutcome> InvokeAsync(
        FunctionReference reference, ResolvedFunction function, string eventJson, string logStreamSeed, TimeSpan callerTimeout, CancellationToken ct)
    {
        var definition = function.Definition;
        var context = Context(reference, function.Version, logStreamSeed, definition);
        var log = new FunctionLog(context.AwsRequestId, function.Version);
        LocalFunctionResult result;
        // The function's own timeout ends the invocation as Lambda does (a function error); the caller's timeout
        // ends the caller's wait. Whichever is shorter comes first; both stop the handler.
        using (var running = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var wait = definition.Timeout < callerTimeout ? definition.Timeout : callerTimeout;
                result = await definition.Handler(new LocalFunctionInvocation(eventJson, context), running.Token)
                    .WaitAsync(wait, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await running.CancelAsync().ConfigureAwait(false);
                if (definition.Timeout >= callerTimeout)
                {
                    log.End(started, definition, []);
                    logBook.Add(reference.Name, context.AwsRequestId, log.Lines);
                    return new FunctionInvocationOutcome(context, log.Lines, null, null);
                }
                var seconds = definition.Timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
                result = LocalFunctionResult.Error("Sandbox.Timedout", $"RequestId: {context.AwsRequestId} Error: Task timed out after {seconds} seconds");
            }
            catch (FunctionInvokeRefusedException e)
            {
                // Lambda refused the call itself (throttled, payload too large): the function never ran and logs nothing.
                return new FunctionInvocationOutcome(context, null, null, e);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                result = LocalFunctionResult.Error(e.GetType().Name, e.Message);
            }
            log.End(started, definition, result.Logs);
        }
        logBook.Add(reference.Name, context.AwsRequestId, log.Lines);
        return new FunctionInvocationOutcome(context, log.Lines, result, null);
    }

    /// <summary>
    /// The context a Lambda runtime gives the handler: the version that runs, the ARN as the caller named it
    /// (qualified by an alias when invoked through one); its deadline is the function's timeout from now.
    /// </summary>
    private static LocalFunctionContext Context(FunctionReference reference, string version, string logStreamSeed, LocalFunctionDefinition definition) =>
        new(
            FunctionName: reference.Name,
            FunctionVersion: version,
            InvokedFunctionArn: reference.Arn,
            AwsRequestId: Guid.NewGuid().ToString(),
            MemoryLimitInMB: definition.MemorySize,
            LogGroupName: $"/aws/lambda/{reference.Name}",
            LogStreamName: $"{DateTimeOffset.UtcNow.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/[{version}]{logStreamSeed.Replace("-", "", StringComparison.Ordinal)}",
            Deadline: DateTimeOffset.UtcNow + definition.Timeout);
}
