using System.Collections.Concurrent;

namespace ApiGatewayTools.LocalGateway.DataPlane.Practices;

/// <summary>Whether the stage cache answered a request that its method caches.</summary>
internal enum CacheOutcome
{
    Hit,
    Miss,
}

/// <summary>An answer the stage cache keeps: until it expires, and only while its stage's cache generation is current.</summary>
internal sealed record CachedAnswer(MethodResult Answer, long Generation, long ExpiresAt, long Size);

/// <summary>
/// Every stage's cached answers, in one bounded store: an entry is served only before its TTL runs out and
/// while its stage's cache generation (bumped by FlushStageCache and cache cluster changes) is the one it was
/// stored under (an outdated entry is dropped when next looked up). When the store is full, expired entries go
/// first, then any others.
/// </summary>
internal sealed class ResponseCache(TimeProvider clock, int maxEntries = ResponseCache.DefaultMaxEntries, long maxBytes = ResponseCache.DefaultMaxBytes)
{
    /// <summary>API Gateway caches answers up to 1,048,576 bytes; larger ones always go to the integration.</summary>
    public const int MaxAnswerBytes = 1_048_576;
    public const int DefaultMaxEntries = 10_000;
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, CachedAnswer> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    public int Count => _entries.Count;
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGet(string key, long generation, out MethodResult answer)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Generation == generation && clock.GetTimestamp() < entry.ExpiresAt)
            {
                answer = entry.Answer;
                return true;
            }
            Remove(key, entry);
        }
        answer = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="answer"/> for <paramref name="ttlInSeconds"/>; false when it is too large to cache.</summary>
    public bool Store(string key, long generation, int ttlInSeconds, MethodResult answer)
    {
        var size = SizeOf(answer);
        if (answer.Body.Length > MaxAnswerBytes)
        {
            return false;
        }
        var entry = new CachedAnswer(answer, generation, clock.GetTimestamp() + (ttlInSeconds * clock.TimestampFrequency), size + key.Length);
        _entries.AddOrUpdate(key,
            _ =>
            {
                Interlocked.Add(ref _bytes, entry.Size);
                return entry;
            },
            (_, replaced) =>
            {
                Interlocked.Add(ref _bytes, entry.Size - replaced.Size);
                return entry;
            });
        if (_entries.Count > maxEntries || Bytes > maxBytes)
        {
            Evict();
        }
        return true;
    }

    private void Evict()
    {
        var now = clock.GetTimestamp();
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                Remove(key, entry);
            }
        }
        // Still full: drop entries until a quarter of the room is free again, so eviction does not run on every store.
        foreach (var (key, entry) in _entries)
        {
            if (_entries.Count <= maxEntries * 3 / 4 && Bytes <= maxBytes * 3 / 4)
            {
                break;
            }
            Remove(key, entry);
        }
    }

    private void Remove(string key, CachedAnswer entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, CachedAnswer>(key, entry)))
        {
            Interlocked.Add(ref _bytes, -entry.Size);
        }
    }

    private static long SizeOf(MethodResult answer)
    {
        long size = answer.Body.Length;
        foreach (var (name, value) in answer.Headers)
        {
            size += name.Length + value.Length;
        }
        return size;
    }
}
