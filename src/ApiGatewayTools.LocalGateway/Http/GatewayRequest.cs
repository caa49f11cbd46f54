using System.Collections.Specialized;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>A received request, decoded once: method, path segments, query, headers, body and route values.</summary>
internal sealed class GatewayRequest
{
    private static readonly JsonElement EmptyObject = ParseEmptyObject();
    private JsonElement? _json;

    public GatewayRequest(string method, string rawPathAndQuery, NameValueCollection headers, byte[] body)
        : this(method, rawPathAndQuery, headers)
    {
        Body = body;
    }

    /// <summary>The request line and headers only: what is known before the body is read.</summary>
    public GatewayRequest(string method, string rawPathAndQuery, NameValueCollection headers)
    {
        Method = method.ToUpperInvariant();
        var queryStart = rawPathAndQuery.IndexOf('?');
        RawPath = queryStart < 0 ? rawPathAndQuery : rawPathAndQuery[..queryStart];
        RawQuery = queryStart < 0 ? "" : rawPathAndQuery[(queryStart + 1)..];
        PathSegments = SplitPath(RawPath);
        Query = ParseQuery(RawQuery);
        Headers = headers;
    }

    public string Method { get; }
    /// <summary>The path exactly as sent (still percent-encoded), as SigV4 signs it.</summary>
    public string RawPath { get; }
    public string RawQuery { get; }
    /// <summary>Decoded path segments; a trailing slash adds no empty segment.</summary>
    public IReadOnlyList<string> PathSegments { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }
    public NameValueCollection Headers { get; }
    /// <summary>Empty until the dispatcher has read the (bounded) body, after the checks that need only the head.</summary>
    public byte[] Body { get; set; } = [];
    public Dictionary<string, string> RouteValues { get; } = new(StringComparer.Ordinal);

    public string Route(string name) => RouteValues[name];

    public string? QueryValue(string name) =>
        Query.Where(pair => pair.Key == name).Select(pair => pair.Value).FirstOrDefault();

    public IReadOnlyList<string> QueryValues(string name) =>
        Query.Where(pair => pair.Key == name).Select(pair => pair.Value).ToList();

    /// <summary>The body as a JSON object; an empty body reads as {}.</summary>
    public JsonElement Json
    {
        get
        {
            _json ??= ParseBody();
            return _json.Value;
        }
    }

    private JsonElement ParseBody()
    {
        if (Body.Length == 0)
        {
            return EmptyObject;
        }
        RequestEncoding.EnsureWellFormed(Body);
        try
        {
            using var document = JsonDocument.Parse(Body);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw GatewayError.BadRequest("Invalid request body: a JSON object is expected.");
            }
            return root;
        }
        catch (JsonException e)
        {
            throw GatewayError.BadRequest($"Invalid request body: {e.Message}");
        }
    }

    private static JsonElement ParseEmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static List<string> SplitPath(string rawPath)
    {
        var segments = rawPath.Split('/').Skip(1).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count > 0 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }
        return segments;
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(key), Uri.UnescapeDataString(value)));
        }
        return pairs;
    }
}
