using System.Collections.Concurrent;

namespace ApiGatewayTools.LocalGateway.Lambda;

/// <summary>
/// Each local function's recent log lines, as its CloudWatch log group would hold them: every invocation's
/// START ... REPORT, from invoke URLs and test invocations alike. Bounded per function, oldest dropped first.
/// </summary>
internal sealed class FunctionLogBook
{
    public const int LinesPerFunction = 2000;

    private readonly ConcurrentDictionary<string, Queue<LocalFunctionLogEvent>> _byFunction = new(StringComparer.Ordinal);

    public void Add(string functionName, string awsRequestId, IReadOnlyList<string> lines)
    {
        var events = _byFunction.GetOrAdd(functionName, _ => new Queue<LocalFunctionLogEvent>());
        var time = DateTimeOffset.UtcNow;
        lock (events)
        {
            foreach (var line in lines)
            {
                events.Enqueue(new LocalFunctionLogEvent(functionName, time, awsRequestId, line));
            }
            while (events.Count > LinesPerFunction)
            {
                events.Dequeue();
            }
        }
    }

    public IReadOnlyList<LocalFunctionLogEvent> Read(string functionName)
    {
        if (!_byFunction.TryGetValue(functionName, out var events))
        {
            return [];
        }
        lock (events)
        {
            return events.ToArray();
        }
    }
}
