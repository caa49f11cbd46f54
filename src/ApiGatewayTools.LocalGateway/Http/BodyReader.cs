using System.Net;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// The one way a request body is read, for the control plane and the invoke URLs alike: never more than
/// API Gateway's 10 MB payload limit is kept, whether the length is declared or the body is chunked.
/// </summary>
internal static class BodyReader
{
    /// <summary>API Gateway's payload limit for REST APIs.</summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The whole body, or null when it is larger than API Gateway accepts. An oversized body is read and
    /// thrown away (up to a bound) rather than kept, so the client, still sending, gets to read the 413;
    /// the connection is not kept alive after it.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpListenerContext context, CancellationToken ct)
    {
        var request = context.Request;
        if (!request.HasEntityBody)
        {
            return [];
        }
        var declared = request.ContentLength64;
        var stream = request.InputStream;
        if (declared > MaxBodyBytes)
        {
            return await RefuseAsync(context, stream, ct).ConfigureAwait(false);
        }
        if (declared >= 0)
        {
            var exact = new byte[declared];
            await stream.ReadExactlyAsync(exact, ct).ConfigureAwait(false);
            return exact;
        }
        // Chunked: never hold more than the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return await RefuseAsync(context, stream, ct).ConfigureAwait(false);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads and drops what is left of a refused body, giving up past a bound, and closes the connection after the answer.</summary>
    private static async Task<byte[]?> RefuseAsync(HttpListenerContext context, Stream stream, CancellationToken ct)
    {
        // A body past the discard bound is left unread, so the connection cannot be trusted with another request.
        context.Response.KeepAlive = false;
        const long DiscardLimit = 16L * MaxBodyBytes;
        var scratch = new byte[64 * 1024];
        long discarded = 0;
        int read;
        while (discarded < DiscardLimit && (read = await stream.ReadAsync(scratch, ct).ConfigureAwait(false)) > 0)
        {
            discarded += read;
        }
        return null;
    }
}
