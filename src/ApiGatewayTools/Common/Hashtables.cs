namespace ApiGatewayTools.Common;

/// <summary>Hashtable parameters (-Tag, -StageVariable, -RequestParameter) as the engine's typed maps.</summary>
internal static class Hashtables
{
    public static IReadOnlyDictionary<string, string>? ToStringMap(Hashtable? table, string parameterName) =>
        ToMap(table, parameterName, value => (value is not null, Unwrap(value)?.ToString() ?? ""),
            $"-{parameterName} needs a non-empty name and a value for every entry.");

    /// <summary>A map where a $null value means "remove this entry" (Set-GwStage -Variable).</summary>
    public static IReadOnlyDictionary<string, string?>? ToNullableStringMap(Hashtable? table, string parameterName) =>
        ToMap(table, parameterName, value => (true, Unwrap(value)?.ToString()),
            $"-{parameterName} needs a non-empty name for every entry (a $null value removes the entry).");

    public static IReadOnlyDictionary<string, bool>? ToBoolMap(Hashtable? table, string parameterName) =>
        ToMap(table, parameterName, value => Unwrap(value) is bool required ? (true, required) : (false, false),
            $"-{parameterName} maps each parameter name to $true (required) or $false (optional), e.g. @{{ 'method.request.querystring.page' = $false }}.");

    /// <summary>Every entry converted; an empty name or a value <paramref name="convert"/> refuses is bad input.</summary>
    private static IReadOnlyDictionary<string, T>? ToMap<T>(Hashtable? table, string parameterName, Func<object?, (bool Valid, T Value)> convert, string expected)
    {
        if (table is null)
        {
            return null;
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString();
            if (string.IsNullOrEmpty(key) || convert(entry.Value) is not (true, var value))
            {
                throw new GwValidationException("InvalidHashtable", parameterName, expected);
            }

            map[key] = value;
        }
        return map;
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
}
