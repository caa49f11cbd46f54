namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>What an invoke URL names: /restapis/{restApiId}/{stageName}/_user_request_/{path}?{query}.</summary>
internal readonly record struct InvokeTarget(string RestApiId, string StageName, string RawPath, string RawQuery)
{
    private const string Prefix = "/restapis/";
    private const string UserRequestMarker = "_user_request_";

    /// <summary>
    /// Cheap enough to try on every request: control-plane paths under /restapis never have
    /// "_user_request_" as their fourth segment, since resource and deployment ids are alphanumeric.
    /// </summary>
    public static bool TryParse(string rawUrl, out InvokeTarget target)
    {
        target = default;
        if (!rawUrl.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = rawUrl.AsSpan(Prefix.Length);
        var idEnd = rest.IndexOf('/');
        if (idEnd <= 0)
        {
            return false;
        }
        var afterId = rest[(idEnd + 1)..];
        var stageEnd = afterId.IndexOf('/');
        if (stageEnd <= 0)
        {
            return false;
        }
        var afterStage = afterId[(stageEnd + 1)..];
        if (!afterStage.StartsWith(UserRequestMarker, StringComparison.Ordinal))
        {
            return false;
        }
        var tail = afterStage[UserRequestMarker.Length..];
        if (tail.Length > 0 && tail[0] is not ('/' or '?'))
        {
            return false;
        }
        var queryStart = tail.IndexOf('?');
        var path = queryStart < 0 ? tail : tail[..queryStart];
        var query = queryStart < 0 ? "" : tail[(queryStart + 1)..].ToString();
        target = new InvokeTarget(
            rest[..idEnd].ToString(),
            Uri.UnescapeDataString(afterId[..stageEnd].ToString()),
            path.Length == 0 ? "/" : path.ToString(),
            query);
        return true;
    }
}
