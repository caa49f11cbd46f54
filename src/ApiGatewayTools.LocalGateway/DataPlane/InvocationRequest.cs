using System.Collections.Specialized;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>A method request as the client sent it to an invoke URL (or as TestInvokeMethod describes it).</summary>
internal sealed class InvocationRequest
{
    public required string HttpMethod { get; init; }
    /// <summary>The request path below the stage, decoded, starting with "/".</summary>
    public required string Path { get; init; }
    /// <summary>The decoded path segments; a trailing slash adds no empty segment.</summary>
    public required string[] PathSegments { get; init; }
    /// <summary>The query string exactly as sent, without the "?".</summary>
    public required string RawQuery { get; init; }
    /// <summary>Decoded query parameters in the order sent; a name may repeat.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }
    public required NameValueCollection Headers { get; init; }
    public required byte[] Body { get; init; }
    public string SourceIp { get; init; } = "127.0.0.1";
    public string Protocol { get; init; } = "HTTP/1.1";

    public string? UserAgent => Headers["User-Agent"];
    public string? Host => Headers["Host"];

    /// <summary>The media type of the body without parameters, e.g. "application/json" for "application/json; charset=utf-8".</summary>
    public string? MediaType => MediaTypeOf(Headers["Content-Type"]);

    public static string? MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    public static string[] SplitPath(string rawPath)
    {
        var parts = rawPath.Split('/');
        // parts[0] is the empty text before the leading slash; a trailing slash leaves one more empty part.
        var count = parts.Length - 1;
        if (count > 0 && parts[^1].Length == 0)
        {
            count--;
        }
        var segments = new string[count];
        for (var i = 0; i < count; i++)
        {
            segments[i] = Uri.UnescapeDataString(parts[i + 1]);
        }
        return segments;
    }

    public static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (rawQuery.Length == 0)
        {
            return pairs;
        }
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Decode(key), Decode(value)));
        }
        return pairs;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
