using System.Net;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// The one way a request body is read, for the control plane and the invoke URLs alike: never more than
/// API Gateway's 10 MB payload limit is kept, whether the length is declared or the body is chunked, and a
/// body that stops arriving ends the request instead of holding it open.
/// </summary>
internal static class BodyReader
{
    /// <summary>API Gateway's payload limit for REST APIs.</summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// How long one read of the body may wait for bytes. The listener on Linux has no body timeout of its
    /// own (HttpListenerTimeoutManager.EntityBody is Windows-only), so a client that stops sending
    /// mid-body would otherwise keep its connection and task forever.
    /// </summary>
    public static readonly TimeSpan StalledReadTimeout = TimeSpan.FromSeconds(15);

    private const int InitialBufferBytes = 64 * 1024;

    /// <summary>A refused body is read and thrown away up to this bound, so a client still sending gets to read the refusal.</summary>
    private const long DiscardLimit = 2L * MaxBodyBytes;

    /// <summary>True when the declared Content-Length alone is over the limit: refused before a byte is read.</summary>
    public static bool DeclaredTooLarge(HttpListenerRequest request) => request.ContentLength64 > MaxBodyBytes;

    /// <summary>
    /// The whole body, or null when it is larger than API Gateway accepts. An oversized body is read and
    /// thrown away (up to a bound) rather than kept; the connection is not kept alive after it.
    /// </summary>
    /// <exception cref="IOException">The client stopped sending (no byte for <see cref="StalledReadTimeout"/>) or went away: abort the connection.</exception>
    public static async Task<byte[]?> ReadAsync(HttpListenerContext context, CancellationToken ct)
    {
        var request = context.Request;
        if (!request.HasEntityBody)
        {
            return [];
        }
        if (DeclaredTooLarge(request))
        {
            await DiscardAsync(context, ct).ConfigureAwait(false);
            return null;
        }
        var stream = request.InputStream;
        var declared = request.ContentLength64;
        // Memory grows with the bytes that arrive, never with what a header claims: a client that declares
        // 10 MB and sends nothing holds a small buffer, not 10 MB, until it is timed out.
        using var buffer = new MemoryStream(declared >= 0 ? (int)Math.Min(declared, InitialBufferBytes) : InitialBufferBytes);
        var chunk = new byte[16 * 1024];
        int count;
        while ((count = await ReadWithDeadlineAsync(stream, chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + count > MaxBodyBytes)
            {
                await DiscardAsync(context, ct).ConfigureAwait(false);
                return null;
            }
            buffer.Write(chunk, 0, count);
        }
        if (declared >= 0 && buffer.Length != declared)
        {
            throw new EndOfStreamException("The client closed the connection before sending the whole body.");
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads and drops what is left of a body that will not be used (refused, or never needed), giving up past
    /// a bound, and closes the connection after the answer: a body left unread cannot share it with another request.
    /// Answers whether the body was larger than API Gateway accepts.
    /// </summary>
    public static async Task<bool> DiscardAsync(HttpListenerContext context, CancellationToken ct)
    {
        context.Response.KeepAlive = false;
        if (!context.Request.HasEntityBody)
        {
            return false;
        }
        var stream = context.Request.InputStream;
        var scratch = new byte[64 * 1024];
        long discarded = 0;
        int read;
        try
        {
            while (discarded < DiscardLimit && (read = await ReadWithDeadlineAsync(stream, scratch, ct).ConfigureAwait(false)) > 0)
            {
                discarded += read;
            }
        }
        catch (Exception e) when (e is IOException or HttpListenerException)
        {
            // The answer is already decided; a client that stalls or goes away does not get to read it.
            ConnectionDrop.Drop(context.Response);
        }
        return discarded > MaxBodyBytes;
    }

    /// <summary>
    /// One read that gives up after <see cref="StalledReadTimeout"/>. The listener's request stream does not
    /// observe cancellation, so the wait is bounded here; the caller then aborts the connection, which ends
    /// the read still pending on it.
    /// </summary>
    private static async Task<int> ReadWithDeadlineAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            return await stream.ReadAsync(buffer, ct).AsTask().WaitAsync(StalledReadTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new IOException($"No part of the request body arrived for {StalledReadTimeout.TotalSeconds} seconds; the connection is closed.", e);
        }
    }
}
