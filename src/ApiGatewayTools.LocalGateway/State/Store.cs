using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// Every object of one kind within one scope: the account's REST APIs, one API's resources, deployments,
/// stages, and so on. The scope is where the store lives (the gateway state for the account, the API's
/// record for what belongs to one API). Lists come back in creation order, which a replacement keeps,
/// so pages stay stable while objects change. Guarded, like the rest of the state, by
/// <see cref="GatewayState.Sync"/>.
/// </summary>
internal sealed class Store<T>(Func<T, string> idOf, Func<string, GatewayError> notFound) : IReadOnlyDictionary<string, T>
    where T : class
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _sequence;

    public int Count => _entries.Count;

    /// <summary>Every object, oldest first.</summary>
    public IReadOnlyList<T> Values => _entries.Values.OrderBy(entry => entry.Sequence).Select(entry => entry.Item).ToList();

    /// <summary>The object with this id, or the kind's own not-found error as AWS words it.</summary>
    public T Get(string id) => _entries.TryGetValue(id, out var entry) ? entry.Item : throw notFound(id);

    public bool TryGetValue(string id, [MaybeNullWhen(false)] out T item)
    {
        var found = _entries.TryGetValue(id, out var entry);
        item = entry?.Item;
        return found;
    }

    public bool ContainsKey(string id) => _entries.ContainsKey(id);

    public T this[string id] => Get(id);

    /// <summary>A fresh id drawn until it is free in this scope (short ids can clash).</summary>
    public string NewId(Func<string> draw) => IdGenerator.Unique(draw, ContainsKey);

    public T Add(T item)
    {
        _entries.Add(idOf(item), new Entry(++_sequence, item));
        return item;
    }

    /// <summary>Swaps in a new version of an existing object, keeping its place in the creation order.</summary>
    public T Replace(T item)
    {
        var id = idOf(item);
        _entries[id] = new Entry(_entries.TryGetValue(id, out var old) ? old.Sequence : ++_sequence, item);
        return item;
    }

    public bool Remove(string id) => _entries.Remove(id);

    /// <summary>One page of the objects in creation order, in API Gateway's position/limit shape.</summary>
    public GatewayResponse Page(GatewayRequest request, Action<Utf8JsonWriter, T> writeItem) => Paging.Page(request, Values, writeItem);

    IEnumerable<string> IReadOnlyDictionary<string, T>.Keys => _entries.Keys;
    IEnumerable<T> IReadOnlyDictionary<string, T>.Values => Values;

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() =>
        Values.Select(item => KeyValuePair.Create(idOf(item), item)).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed record Entry(long Sequence, T Item);
}
