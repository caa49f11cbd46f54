using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// A token that is cancelled when the client of one request closes its connection, so work done only for that
/// client (a mapping template's rendering) stops when nobody is left to read the answer. HttpListener has no such
/// signal, so the connection's socket is polled: readable with nothing to read means the peer closed it. The managed
/// HttpListener (Linux, macOS) keeps the socket in private fields; where they are not found (another runtime, the
/// Windows http.sys listener) the token simply never fires and the render budget still bounds the work.
/// </summary>
internal sealed class ClientDisconnect : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly FieldInfo? ConnectionField = typeof(HttpListenerContext).GetField("_connection", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? SocketField = ConnectionField?.FieldType.GetField("_socket", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly CancellationTokenSource _gone;
    private readonly Timer? _poll;

    private ClientDisconnect(Socket? socket, CancellationToken stopping)
    {
        _gone = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (socket is not null)
        {
            _poll = new Timer(_ => Check(socket), null, PollInterval, PollInterval);
        }
    }

    /// <summary>Cancelled when the client has gone or <paramref name="stopping"/> is.</summary>
    public CancellationToken Token => _gone.Token;

    /// <summary>Watches the connection of <paramref name="context"/> until disposed.</summary>
    public static ClientDisconnect Watch(HttpListenerContext context, CancellationToken stopping) => new(SocketOf(context), stopping);

    internal static Socket? SocketOf(HttpListenerContext context) =>
        ConnectionField?.GetValue(context) is { } connection ? SocketField?.GetValue(connection) as Socket : null;

    private void Check(Socket socket)
    {
        bool closed;
        try
        {
            // The request's body has been read by now: a readable socket with nothing buffered is a closed one.
            closed = socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            closed = true;
        }
        if (closed)
        {
            try
            {
                _gone.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request finished between the poll and now.
            }
        }
    }

    public void Dispose()
    {
        _poll?.Dispose();
        _gone.Dispose();
    }
}
