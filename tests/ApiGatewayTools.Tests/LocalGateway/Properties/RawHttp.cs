using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ApiGatewayTools.Tests.LocalGateway.Properties;

/// <summary>What came back on the wire: status, headers (names lower-cased) and the body bytes.</summary>
internal sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Sends one request byte for byte over a fresh loopback connection, so generated request targets and bodies
/// (invalid percent escapes, invalid UTF-8, lone surrogates) reach the gateway exactly as written, which
/// HttpClient would normalise. Every call is bounded: a gateway that hangs fails the test instead of stalling it.
/// </summary>
internal static class RawHttp
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A well-formed SigV4 Authorization header. The gateway accepts any well-formed signature unless started strict,
    /// so the generated request needs no real signing to reach its operation.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> SignatureHeaders()
    {
        var now = DateTime.UtcNow;
        yield return ("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        yield return ("Authorization",
            $"AWS4-HMAC-SHA256 Credential=test/{now:yyyyMMdd}/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('0', 64)}");
    }

    public static async Task<RawAnswer> SendAsync(Uri endpoint, string method, string target, IEnumerable<(string Name, string Value)> headers, byte[]? body)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        var stream = tcp.GetStream();
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {endpoint.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body?.Length ?? 0}\r\n\r\n");
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), timeout.Token);
            if (body is { Length: > 0 })
            {
                await stream.WriteAsync(body, timeout.Token);
            }
        }
        catch (IOException)
        {
            // The gateway may answer and close before taking the whole body (a refusal from the headers alone);
            // what it answered is still there to read.
        }
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No complete answer to {method} {Shorten(target)} within {Timeout.TotalSeconds} s.");
        }
        catch (IOException) when (received.Length > 0)
        {
            // Reset after the answer was written: the answer is what counts.
        }
        return Parse(received.ToArray(), method, target);
    }

    private static RawAnswer Parse(byte[] bytes, string method, string target)
    {
        var headEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            throw new InvalidOperationException($"The connection closed without a complete answer to {method} {Shorten(target)} ({bytes.Length} bytes).");
        }
        var lines = Encoding.Latin1.GetString(bytes, 0, headEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = bytes[(headEnd + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        return new RawAnswer(status, headers, body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var result = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            position += lineEnd + 2;
            if (size == 0)
            {
                break;
            }
            result.Write(chunked, position, size);
            position += size + 2;
        }
        return result.ToArray();
    }

    public static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"... ({text.Length} chars)";
}
