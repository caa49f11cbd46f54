namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// How AWS names one method in a stage's settings: "{resourcePath}/{httpMethod}" with the path's own slashes
/// escaped as "~1" (JSON Pointer) and its leading slash dropped, e.g. "~1pets~1{petId}/GET"; "*/*" means every
/// method. Users write "GET /pets/{petId}" instead.
/// </summary>
public static class StageMethodKey
{
    public const string AllMethods = "*/*";

    /// <summary>"~1pets~1{petId}/GET" as "GET /pets/{petId}"; "*/*" as "* *".</summary>
    public static string ToMethodPath(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash < 0)
        {
            return key;
        }
        var path = key[..slash];
        var verb = key[(slash + 1)..];
        var resourcePath = path == "*" ? "*" : "/" + path.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return $"{verb} {resourcePath}";
    }
}
