using System.Diagnostics;
using System.Net;
using ApiGatewayTools.LocalGateway.Auth;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// Serves every AWS API operation (API Gateway's control plane and the Lambda API): reads the bounded
/// body, routes, authenticates, runs the operation, logs it, answers. A new operation is a route in its
/// kind's <see cref="IRouteArea"/>; nothing here changes.
/// </summary>
internal sealed class ControlPlaneDispatcher(GatewayState state, SigV4Authenticator authenticator, ServedRequests served)
{
    private readonly Router _router = new();

    public void Add(IRouteArea area) => area.Register(_router);

    public async Task ServeAsync(HttpListenerContext context, string requestId, long started, CancellationToken ct)
    {
        var rawUrl = context.Request.RawUrl ?? "/";
        string? operation = null;
        GatewayResponse response;
        try
        {
            var body = await BodyReader.ReadAsync(context, ct).ConfigureAwait(false)
                ?? throw new GatewayError(413, "RequestEntityTooLargeException", $"Request body larger than {BodyReader.MaxBodyBytes} bytes");
            var request = new GatewayRequest(context.Request.HttpMethod, rawUrl, context.Request.Headers, body);
            var match = _router.Match(request);
            // As AWS does, an unsigned request to a path no operation serves is still refused as unsigned.
            if (match is null || match.RequiresSignature)
            {
                authenticator.Authenticate(request);
            }
            if (match is null)
            {
                throw new GatewayError(404, "UnknownOperationException", $"No operation matches {request.Method} {request.RawPath}");
            }
            operation = match.Operation;
            foreach (var (name, value) in match.Values)
            {
                request.RouteValues[name] = value;
            }
            response = await match.Handler(request, ct).ConfigureAwait(false);
            if (request.Method != "GET")
            {
                state.Changed();
            }
        }
        catch (GatewayError error)
        {
            response = error.ToResponse();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            response = new GatewayError(500, "InternalFailure", $"Internal server error: {e.Message}").ToResponse();
        }
        catch (OperationCanceledException)
        {
            context.Response.Abort();
            return;
        }

        // Logged before the answer goes out, so a client that reads the log after its answer finds its request.
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        served.Add(new LocalRequestLogEntry(DateTimeOffset.UtcNow, requestId, context.Request.HttpMethod, rawUrl.Split('?')[0], operation, response.StatusCode, elapsed));
        try
        {
            await WriteAsync(context.Response, response, requestId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away or the server is stopping: nothing left to tell anyone.
        }
    }

    private static async Task WriteAsync(HttpListenerResponse target, GatewayResponse response, string requestId)
    {
        target.StatusCode = response.StatusCode;
        target.Headers["x-amzn-RequestId"] = requestId;
        foreach (var (name, value) in response.Headers)
        {
            target.Headers[name] = value;
        }
        if (response.ContentType is not null)
        {
            target.ContentType = response.ContentType;
        }
        target.ContentLength64 = response.Body.Length;
        if (response.Body.Length > 0)
        {
            await target.OutputStream.WriteAsync(response.Body).ConfigureAwait(false);
        }
        target.Close();
    }
}
