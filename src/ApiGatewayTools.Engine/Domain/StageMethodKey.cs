namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// How AWS names one method in a stage's settings: "{resourcePath}/{httpMethod}" with the resource path's
/// slashes escaped as "~1" (JSON Pointer), e.g. "~1pets~1{petId}/GET"; "*/*" means every method. A patch path
/// puts one more "/" in front: "/~1pets~1{petId}/GET/throttling/rateLimit". Users write "GET /pets/{petId}".
/// </summary>
public static class StageMethodKey
{
    public const string AllMethods = "*/*";
    public const string InvalidErrorId = "InvalidMethodPath";

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
        if (path == "*")
        {
            return $"{verb} *";
        }
        var resourcePath = path.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return $"{verb} {(resourcePath.StartsWith('/') ? "" : "/")}{resourcePath}";
    }

    /// <summary>
    /// "GET /pets/{petId}" as its key "~1pets~1{petId}/GET"; "*", "* *" and "*/*" as every method.
    /// The verb and path are checked as for a method (bad input is a <see cref="GwValidationException"/>).
    /// </summary>
    public static StageMethodTarget Parse(string methodPath, string parameterName = "MethodPath")
    {
        var text = methodPath.Trim();
        if (text is "*" or "* *" or AllMethods)
        {
            return StageMethodTarget.All;
        }
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw new GwValidationException(InvalidErrorId, parameterName,
                $"'{methodPath}' does not name a method: write the verb and the resource path, e.g. 'GET /pets/{{petId}}', or '*' for every method.");
        }
        var verb = HttpVerb.Normalize(text[..space], parameterName);
        var path = ResourcePath.Parse(text[(space + 1)..].Trim(), parameterName);
        return new StageMethodTarget(PatchPath.Escape(path.ToString()) + "/" + verb, verb, path);
    }
}

/// <summary>The method a stage's method settings are kept for: its key, verb and resource path (null path: every method).</summary>
public sealed record StageMethodTarget(string Key, string HttpMethod, ResourcePath? Path)
{
    public static readonly StageMethodTarget All = new(StageMethodKey.AllMethods, "*", null);

    public override string ToString() => Path is null ? "every method" : $"{HttpMethod} {Path}";
}
