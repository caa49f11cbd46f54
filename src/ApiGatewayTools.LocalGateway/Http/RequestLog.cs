namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// A bounded ring of the most recent requests, oldest first when read. Adding takes no lock, so
/// every request can be logged without serialising the requests on one another.
/// </summary>
internal sealed class RequestLog(int capacity)
{
    private readonly LocalRequestLogEntry?[] _entries = new LocalRequestLogEntry?[capacity];
    private long _added;

    public void Add(LocalRequestLogEntry entry)
    {
        var slot = Interlocked.Increment(ref _added) - 1;
        Volatile.Write(ref _entries[slot % capacity], entry);
    }

    public IReadOnlyList<LocalRequestLogEntry> Snapshot()
    {
        var added = Interlocked.Read(ref _added);
        var first = Math.Max(0, added - capacity);
        var result = new List<LocalRequestLogEntry>((int)(added - first));
        for (var i = first; i < added; i++)
        {
            if (Volatile.Read(ref _entries[i % capacity]) is { } entry)
            {
                result.Add(entry);
            }
        }
        return result;
    }
}
