using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway;

/// <summary>One call of a local function: the event as JSON and the context Lambda gives the handler.</summary>
public sealed record LocalFunctionInvocation(string EventJson, LocalFunctionContext Context);

/// <summary>
/// The context object of Lambda's runtimes, in the members their handlers use. The deadline is the
/// invocation's: now plus the function's timeout, as Lambda computes getRemainingTimeInMillis().
/// </summary>
public sealed record LocalFunctionContext(
    string FunctionName,
    string FunctionVersion,
    string InvokedFunctionArn,
    string AwsRequestId,
    int MemoryLimitInMB,
    string LogGroupName,
    string LogStreamName,
    DateTimeOffset Deadline)
{
    /// <summary>What is left of the invocation's time, never negative (AWS's PowerShell runtime's RemainingTime).</summary>
    public TimeSpan RemainingTime
    {
        get
        {
            var left = Deadline - DateTimeOffset.UtcNow;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>As the Node.js and PowerShell runtimes name it (Python's is get_remaining_time_in_millis).</summary>
    public long GetRemainingTimeInMillis() => (long)RemainingTime.TotalMilliseconds;

    /// <summary>The context as the Node.js runtime's members name it, with the deadline in epoch milliseconds for workers.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Http.GatewayResponse.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("functionName", FunctionName);
            writer.WriteString("functionVersion", FunctionVersion);
            writer.WriteString("invokedFunctionArn", InvokedFunctionArn);
            writer.WriteString("awsRequestId", AwsRequestId);
            // The Node.js runtime gives the memory size as a string.
            writer.WriteString("memoryLimitInMB", MemoryLimitInMB.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("logGroupName", LogGroupName);
            writer.WriteString("logStreamName", LogStreamName);
            writer.WriteNumber("deadlineMs", Deadline.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>
/// What an invocation produced: the payload (JSON), whether it is the error Lambda reports for a failed
/// function (its X-Amz-Function-Error), and the function's log lines, one per record.
/// </summary>
public sealed record LocalFunctionResult(string Payload, IReadOnlyList<string> Logs)
{
    /// <summary>"Unhandled" when the payload is an error object {errorMessage, errorType, stackTrace}; null on success.</summary>
    public string? FunctionError { get; init; }

    public static LocalFunctionResult Success(string payload, IReadOnlyList<string>? logs = null) => new(payload, logs ?? []);

    /// <summary>A failed invocation, reported as Lambda's runtimes report an unhandled error.</summary>
    public static LocalFunctionResult Error(string errorType, string errorMessage, IReadOnlyList<string>? stackTrace = null, IReadOnlyList<string>? logs = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Http.GatewayResponse.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", errorMessage);
            writer.WriteString("errorType", errorType);
            writer.WriteStartArray("stackTrace");
            foreach (var frame in stackTrace ?? [])
            {
                writer.WriteStringValue(frame);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return new LocalFunctionResult(Encoding.UTF8.GetString(buffer.ToArray()), logs ?? []) { FunctionError = "Unhandled" };
    }

    /// <summary>The errorMessage of an error payload (what non-proxy integration responses select on).</summary>
    public string? ErrorMessage
    {
        get
        {
            if (FunctionError is null)
            {
                return null;
            }
            try
            {
                using var document = JsonDocument.Parse(Payload);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("errorMessage", out var message)
                    && message.ValueKind == JsonValueKind.String
                    ? message.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
