namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// A bounded ring of the most recent items, oldest first when read. Adding takes no lock, so every request
/// can be recorded without serialising the requests on one another.
/// </summary>
internal class RecentRing<T>(int capacity)
    where T : class
{
    private readonly T?[] _entries = new T?[capacity];
    private long _added;

    public void Add(T entry)
    {
        var slot = Interlocked.Increment(ref _added) - 1;
        Volatile.Write(ref _entries[slot % capacity], entry);
    }

    public IReadOnlyList<T> Snapshot()
    {
        var added = Interlocked.Read(ref _added);
        var first = Math.Max(0, added - capacity);
        var result = new List<T>((int)(added - first));
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

/// <summary>The most recent requests the gateway served.</summary>
internal sealed class RequestLog(int capacity) : RecentRing<LocalRequestLogEntry>(capacity);
