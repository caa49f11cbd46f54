namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// A map as templates see it: string keys in insertion order (JSON objects keep their member order, and
/// <c>keySet()</c> loops walk it), printed as Java prints a map. Header maps compare keys case-insensitively.
/// </summary>
internal sealed class TemplateMap
{
    private readonly Dictionary<string, object?> _values;
    private readonly List<string> _keys = [];

    public TemplateMap(StringComparer? keyComparer = null) =>
        _values = new Dictionary<string, object?>(keyComparer ?? StringComparer.Ordinal);

    public int Count => _keys.Count;

    public IReadOnlyList<string> Keys => _keys;

    public IEnumerable<object?> Values => _keys.Select(key => _values[key]);

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public object? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Stores a value and returns the one it replaced, as Java's <c>Map.put</c> does.</summary>
    public object? Put(string key, object? value)
    {
        if (_values.TryGetValue(key, out var previous))
        {
            var existing = _keys.FindIndex(k => _values.Comparer.Equals(k, key));
            _keys[existing] = key;
            _values.Remove(key);
            _values[key] = value;
            return previous;
        }
        _keys.Add(key);
        _values[key] = value;
        return null;
    }

    public object? Remove(string key)
    {
        if (!_values.Remove(key, out var previous))
        {
            return null;
        }
        _keys.RemoveAt(_keys.FindIndex(k => _values.Comparer.Equals(k, key)));
        return previous;
    }

    public static TemplateMap From(IEnumerable<KeyValuePair<string, string>> pairs, StringComparer? keyComparer = null)
    {
        var map = new TemplateMap(keyComparer);
        foreach (var (key, value) in pairs)
        {
            map.Put(key, value);
        }
        return map;
    }
}
