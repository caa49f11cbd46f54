namespace ApiGatewayTools.Common;

/// <summary>
/// A -Policy argument as the JSON text of the document: New-GwResourcePolicy's (or Get-GwRestApi's) policy
/// object, a hashtable or object of the document's elements, a JSON string, or the path of a file holding one.
/// </summary>
internal static class PolicyArgument
{
    public static string ToJson(object value, SessionState session, string parameterName)
    {
        switch (Unwrap(value))
        {
            case ResourcePolicy policy:
                return policy.ToJson();
            case string text when text.TrimStart().StartsWith('{'):
                return text;
            case string path:
                var file = session.Path.GetUnresolvedProviderPathFromPSPath(path);
                return File.Exists(file)
                    ? File.ReadAllText(file)
                    : throw new GwValidationException(ResourcePolicyDocument.InvalidPolicyErrorId, parameterName,
                        $"-{parameterName} '{path}' is neither a JSON policy document nor a file that exists.");
            case IDictionary or PSObject:
                return ResourcePolicyDocument.Serialize(Plain(value)!);
            default:
                throw new GwValidationException(ResourcePolicyDocument.InvalidPolicyErrorId, parameterName,
                    $"-{parameterName} takes a policy document: New-GwResourcePolicy's output, a hashtable, a JSON string or a file path.");
        }
    }

    /// <summary>Hashtables and custom objects as dictionaries, arrays as lists, everything else as its base value (also for -Property of documentation).</summary>
    internal static object? Plain(object? value)
    {
        if (value is PSObject { BaseObject: PSCustomObject } custom)
        {
            return custom.Properties.ToDictionary(property => property.Name, property => Plain(property.Value), StringComparer.Ordinal);
        }
        return Unwrap(value) switch
        {
            null => null,
            string text => text,
            IDictionary table => table.Cast<DictionaryEntry>().ToDictionary(entry => entry.Key.ToString() ?? "", entry => Plain(entry.Value), StringComparer.Ordinal),
            IEnumerable items => items.Cast<object?>().Select(Plain).ToList(),
            var scalar => scalar,
        };
    }

    private static object? Unwrap(object? value) => value is PSObject { BaseObject: not PSCustomObject } ps ? ps.BaseObject : value;
}
