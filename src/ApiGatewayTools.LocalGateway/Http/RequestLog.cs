namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>A bounded ring of the most recent requests, oldest first when read.</summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Queue<LocalRequestLogEntry> _entries = new(capacity);

    public void Add(LocalRequestLogEntry entry)
    {
        lock (_entries)
        {
            if (_entries.Count == capacity)
            {
                _entries.Dequeue();
            }
            _entries.Enqueue(entry);
        }
    }

    public IReadOnlyList<LocalRequestLogEntry> Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }
}
