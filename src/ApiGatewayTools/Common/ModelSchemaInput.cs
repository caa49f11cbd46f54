namespace ApiGatewayTools.Common;

/// <summary>-Schema as New-GwModel and Set-GwModel take it: JSON text, a hashtable, or the path of a .json file.</summary>
internal static class ModelSchemaInput
{
    public static string Read(PSCmdlet cmdlet, object schema)
    {
        var value = Plain(schema);
        if (value is string text && !text.TrimStart().StartsWith('{') && !text.TrimStart().StartsWith('['))
        {
            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(text);
            return File.Exists(path)
                ? File.ReadAllText(path)
                : throw new GwValidationException(ModelSchemaCheck.InvalidSchemaErrorId, "Schema",
                    $"-Schema '{text}' is neither JSON (it would start with '{{') nor an existing file. Pass the schema as JSON text, a hashtable, or a .json file's path.");
        }
        return ModelSchemaCheck.ToJson(value ?? "");
    }

    /// <summary>PowerShell may wrap any value, at any depth, in a PSObject; the engine sees plain values.</summary>
    private static object? Plain(object? value) => value switch
    {
        PSObject wrapped => Plain(wrapped.BaseObject),
        IDictionary map => map.Keys.Cast<object>().ToDictionary(key => Plain(key)?.ToString() ?? "", key => Plain(map[key])),
        IList list => list.Cast<object?>().Select(Plain).ToList(),
        _ => value,
    };
}
