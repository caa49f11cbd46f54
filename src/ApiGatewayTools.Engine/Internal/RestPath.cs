namespace ApiGatewayTools.Engine.Internal;

/// <summary>Builds request paths with every label percent-encoded, so ids and ARNs cannot change the path's shape.</summary>
internal static class RestPath
{
    public static string Of(params string[] labels) => "/" + string.Join("/", labels.Select(Uri.EscapeDataString));
}
