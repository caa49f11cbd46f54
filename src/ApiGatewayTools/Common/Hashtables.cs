namespace ApiGatewayTools.Common;

/// <summary>Hashtable parameters (-Tag, -StageVariable, -RequestParameter) as the engine's typed maps.</summary>
internal static class Hashtables
{
    public static IReadOnlyDictionary<string, string>? ToStringMap(Hashtable? table, string parameterName)
    {
        if (table is null)
            return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString();
            if (string.IsNullOrEmpty(key) || entry.Value is null)
                throw new GwValidationException("InvalidHashtable", parameterName, $"-{parameterName} needs a non-empty name and a value for every entry.");
            map[key] = Unwrap(entry.Value).ToString() ?? "";
        }
        return map;
    }

    public static IReadOnlyDictionary<string, bool>? ToBoolMap(Hashtable? table, string parameterName)
    {
        if (table is null)
            return null;
        var map = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString();
            if (string.IsNullOrEmpty(key) || Unwrap(entry.Value) is not bool required)
                throw new GwValidationException("InvalidHashtable", parameterName,
                    $"-{parameterName} maps each parameter name to $true (required) or $false (optional), e.g. @{{ 'method.request.querystring.page' = $false }}.");
            map[key] = required;
        }
        return map;
    }

    private static object Unwrap(object? value) => value is System.Management.Automation.PSObject ps ? ps.BaseObject : value!;
}
