using System.Collections;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// Closes connections whose request line and headers have not all arrived within <see cref="HeaderTimeout"/>.
/// The managed HttpListener (Linux, macOS) stops its own connection timer at the first byte of a request and its
/// TimeoutManager.HeaderWait is Windows-only, so a client that sends half a request line or half its headers would
/// hold the connection (and its buffers) for ever. The listener keeps its connections in private fields: once a
/// second this looks at each connection that has not yet handed a request over, and closes the socket of one that
/// has waited on the same request for longer than the timeout. A request whose headers are complete is the
/// application's (its body has <see cref="BodyReader.StalledReadTimeout"/>). Where the fields are not found (another
/// runtime, the Windows http.sys listener) nothing is swept: <see cref="Start"/> answers null.
/// </summary>
internal sealed class StalledRequestSweeper : IDisposable
{
    /// <summary>AWS publishes no figure; 30 seconds is what common servers allow for a request's headers.</summary>
    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(30);

    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly Assembly ListenerAssembly = typeof(HttpListener).Assembly;
    private static readonly Type? ConnectionType = ListenerAssembly.GetType("System.Net.HttpConnection");
    private static readonly FieldInfo? EndPoints = ListenerAssembly.GetType("System.Net.HttpEndPointManager")?.GetField("s_ipEndPoints", BindingFlags.Static | BindingFlags.NonPublic);
    private static readonly FieldInfo? Unregistered = ListenerAssembly.GetType("System.Net.HttpEndPointListener")?.GetField("_unregisteredConnections", Private);
    private static readonly FieldInfo? Registered = typeof(HttpListener).GetField("_connections", Private);
    private static readonly FieldInfo? SocketField = ConnectionType?.GetField("_socket", Private);
    private static readonly FieldInfo? ContextField = ConnectionType?.GetField("_context", Private);
    private static readonly FieldInfo? ContextBound = ConnectionType?.GetField("_contextBound", Private);

    private readonly HttpListener _listener;
    private readonly object _endPoint;
    private readonly ConditionalWeakTable<object, Waiting> _waiting = [];
    private readonly Timer _timer;

    private StalledRequestSweeper(HttpListener listener, object endPoint, TimeSpan headerTimeout)
    {
        _listener = listener;
        _endPoint = endPoint;
        HeaderTimeout = headerTimeout;
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(headerTimeout.TotalMilliseconds / 4, 50, 1000));
        _timer = new Timer(_ => Sweep(), null, interval, interval);
    }

    public TimeSpan HeaderTimeout { get; }

    /// <summary>Sweeps the listener's connections on 127.0.0.1:<paramref name="port"/>; null where the listener's internals are not there to see.</summary>
    public static StalledRequestSweeper? Start(HttpListener listener, int port, TimeSpan headerTimeout)
    {
        if (SocketField is null || ContextField is null || ContextBound is null || Unregistered is null || Registered is null
            || EndPoints?.GetValue(null) is not IDictionary byAddress)
        {
            return null;
        }
        lock (byAddress)
        {
            return byAddress[IPAddress.Loopback] is IDictionary byPort && byPort[port] is { } endPoint
                ? new StalledRequestSweeper(listener, endPoint, headerTimeout)
                : null;
        }
    }

    private void Sweep()
    {
        try
        {
            var now = Environment.TickCount64;
            foreach (var connection in Connections())
            {
                var context = ContextField!.GetValue(connection);
                if (context is null || (bool)ContextBound!.GetValue(connection)!)
                {
                    // Handed over (or between requests): the application and its own timeouts own it now.
                    _waiting.Remove(connection);
                    continue;
                }
                if (!_waiting.TryGetValue(connection, out var waiting) || !ReferenceEquals(waiting.Context, context))
                {
                    _waiting.AddOrUpdate(connection, new Waiting(context, now));
                    continue;
                }
                if (now - waiting.Since > HeaderTimeout.TotalMilliseconds && SocketField!.GetValue(connection) is Socket socket)
                {
                    // The pending read fails and the listener forgets the connection itself.
                    _waiting.Remove(connection);
                    socket.Close();
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or SocketException or TargetException)
        {
            // A set changed while it was copied, or the listener is closing: the next sweep looks again.
        }
    }

    /// <summary>A copy of both sets: new connections (no request yet) and those kept alive after one.</summary>
    private List<object> Connections()
    {
        var all = new List<object>();
        if (Unregistered!.GetValue(_endPoint) is IEnumerable fresh)
        {
            lock (fresh)
            {
                all.AddRange(fresh.Cast<object>());
            }
        }
        if (Registered!.GetValue(_listener) is IDictionary kept)
        {
            lock (kept)
            {
                all.AddRange(kept.Keys.Cast<object>());
            }
        }
        return all;
    }

    public void Dispose() => _timer.Dispose();

    private sealed record Waiting(object Context, long Since);
}
