namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// A fixed value in a parameter mapping. API Gateway writes one between single quotes ('*'), and users who know
/// it write it so; users who do not write the bare value (*). Both mean the same mapping, '*'. A quote inside
/// the value cannot be written at all: the mapping has no escape for it.
/// </summary>
public static class StaticMappingValue
{
    /// <summary>The mapping expression for the value of <paramref name="key"/> in a hashtable parameter, given bare or already quoted.</summary>
    public static string Quote(string key, string value, string errorId, string parameterName)
    {
        var bare = value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;
        if (bare.Contains('\''))
        {
            throw new GwValidationException(errorId, parameterName,
                $"The value of '{key}' in -{parameterName}, \"{value}\", has a single quote inside it, which an API Gateway static value " +
                $"cannot hold (static values are written between single quotes, with no escape). Write it without one: " +
                $"@{{ '{key}' = '{bare.Replace("'", "", StringComparison.Ordinal)}' }}. A bare value and API Gateway's quoted form mean the same: '*' or \"'*'\".");
        }

        return $"'{bare}'";
    }
}
