using System.Diagnostics;
using System.Globalization;

namespace ApiGatewayTools.LocalGateway.Lambda;

/// <summary>
/// One invocation's log as Lambda writes it to CloudWatch: START, the function's own lines, END and REPORT,
/// all naming the invocation's request id. Bounded, so a chatty function cannot fill the gateway's memory.
/// </summary>
internal sealed class FunctionLog
{
    public const int MaxLines = 500;
    public const int MaxLineLength = 8 * 1024;

    private readonly string _requestId;
    private readonly List<string> _lines;

    public FunctionLog(string awsRequestId, string version)
    {
        _requestId = awsRequestId;
        _lines = [$"START RequestId: {awsRequestId} Version: {version}"];
    }

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Adds the function's lines and closes the log with END and REPORT.</summary>
    public void End(long startedTimestamp, LocalFunctionDefinition definition, IReadOnlyList<string> functionLines)
    {
        foreach (var line in functionLines.Take(MaxLines))
        {
            _lines.Add(line.Length > MaxLineLength ? line[..MaxLineLength] + " [truncated]" : line);
        }
        if (functionLines.Count > MaxLines)
        {
            _lines.Add($"[{functionLines.Count - MaxLines} more lines not kept]");
        }
        var duration = Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;
        _lines.Add($"END RequestId: {_requestId}");
        _lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {_requestId}\tDuration: {duration:0.00} ms\tBilled Duration: {Math.Ceiling(duration):0} ms\tMemory Size: {definition.MemorySize} MB"));
    }
}
