namespace ApiGatewayTools.Engine.Internal;

/// <summary>Builds request paths and query strings with every label percent-encoded, so ids and ARNs cannot change their shape.</summary>
internal static class RestPath
{
    public static string Of(params string[] labels) => "/" + string.Join("/", labels.Select(Uri.EscapeDataString));

    /// <summary>"?key=value&amp;..." with keys and values percent-encoded, in the order given; "" when there are none.</summary>
    public static string QueryString(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var encoded = string.Join("&", pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return encoded.Length == 0 ? "" : "?" + encoded;
    }
}
