using System.Net;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// Ends a connection without a usable answer. The managed HttpListener (Linux, macOS) writes the status line and
/// headers whenever a response is closed, even by Abort, so a plain Abort reads to the client as an empty
/// 200 OK: a request that failed would look like one that worked. Instead the headers promise a body that never
/// comes, and every client sees the connection fail mid-answer.
/// </summary>
internal static class ConnectionDrop
{
    public static void Drop(HttpListenerResponse response, int statusCode = 500)
    {
        try
        {
            response.StatusCode = statusCode;
            response.ContentLength64 = 1;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or HttpListenerException)
        {
            // The headers are already out or the connection is gone: aborting is all that is left.
        }
        try
        {
            response.Abort();
        }
        catch (Exception e) when (e is ObjectDisposedException or HttpListenerException or IOException)
        {
        }
    }
}
