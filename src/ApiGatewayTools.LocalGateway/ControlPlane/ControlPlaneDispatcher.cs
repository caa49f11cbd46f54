using System.Diagnostics;
using System.Net;
using ApiGatewayTools.LocalGateway.Auth;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// Serves every AWS API operation (API Gateway's control plane and the Lambda API): routes, checks the
/// signature's head, reads the bounded body, verifies, runs the operation, logs it, answers. What can be
/// refused from the request line and headers is refused before a byte of the body is read or buffered.
/// A new operation is a route in its kind's <see cref="IRouteArea"/>; nothing here changes.
/// </summary>
internal sealed class ControlPlaneDispatcher(GatewayState state, SigV4Authenticator authenticator, ServedRequests served, FaultInjector? faults = null,
    ControlPlaneQuotas? quotas = null)
{
    /// <summary>The Lambda API's paths start with its version date; its errors have their own body shape.</summary>
    private const string LambdaApiVersion = "2015-03-31";

    private readonly Router _router = new();

    public void Add(IRouteArea area) => area.Register(_router);

    public IEnumerable<(string Method, string Template, string Operation)> Routes => _router.Routes;

    public async Task ServeAsync(HttpListenerContext context, string requestId, long started, CancellationToken ct)
    {
        var rawUrl = context.Request.RawUrl ?? "/";
        string? operation = null;
        LocalFault? fault = null;
        GatewayResponse response;
        var bodyRead = false;
        try
        {
            var request = new GatewayRequest(context.Request.HttpMethod, rawUrl, context.Request.Headers);
            if (BodyReader.DeclaredTooLarge(context.Request))
            {
                throw TooLarge();
            }
            var match = _router.Match(request);
            // As AWS does, an unsigned request to a path no operation serves is still refused as unsigned.
            var signed = match is null || match.RequiresSignature;
            if (signed)
            {
                authenticator.CheckHead(request);
            }
            var body = await BodyReader.ReadAsync(context, ct).ConfigureAwait(false);
            bodyRead = true;
            request.Body = body ?? throw TooLarge();
            if (signed)
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
            // Throttling comes first, as at AWS's front door: a throttled call is not processed, so it meets no fault.
            if (IsQuotaCounted(match, request) && quotas!.Refusal(operation) is { } throttled)
            {
                response = throttled;
            }
            else
            {
                fault = faults?.Next();
                response = fault is { } injected
                    ? await RunWithFaultAsync(injected, match, request, ct).ConfigureAwait(false)
                    : await RunAsync(match, request, ct).ConfigureAwait(false);
            }
        }
        catch (GatewayError error)
        {
            response = error.ToResponse();
        }
        catch (Exception e) when (e is IOException or HttpListenerException)
        {
            // The client stopped sending its body or went away: there is no one to answer.
            ConnectionDrop.Drop(context.Response);
            return;
        }
        catch (OperationCanceledException)
        {
            ConnectionDrop.Drop(context.Response);
            return;
        }
        catch (Exception e)
        {
            response = new GatewayError(500, "InternalFailure", $"Internal server error: {e.Message}").ToResponse();
        }
        // Refused before the body was needed: drop it unread (bounded, never buffered) so the client can read
        // the refusal; a body over the payload limit is refused as that first, as an undeclared length is.
        if (!bodyRead && await BodyReader.DiscardAsync(context, ct).ConfigureAwait(false))
        {
            response = TooLarge().ToResponse();
        }

        // Logged before the answer goes out, so a client that reads the log after its answer finds its request.
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var dropped = fault is LocalFault.ConnectionReset or LocalFault.ProcessedButDropped;
        var entry = new LocalRequestLogEntry(DateTimeOffset.UtcNow, requestId, context.Request.HttpMethod, rawUrl.Split('?')[0], operation,
            dropped ? 0 : response.StatusCode, elapsed);
        served.Add(entry with { Fault = fault });
        if (dropped)
        {
            ConnectionDrop.Drop(context.Response, response.StatusCode);
            return;
        }
        try
        {
            await WriteAsync(context.Response, response, requestId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away or the server is stopping: nothing left to tell anyone.
        }
    }

    private async Task<GatewayResponse> RunAsync(RouteMatch match, GatewayRequest request, CancellationToken ct)
    {
        if (!IsLambdaApi(request) && !OpenApi.ImportRoutes.CarriesDocument(match.Operation))
        {
            Limits.Check(request);
        }
        var response = await match.Handler(request, ct).ConfigureAwait(false);
        if (request.Method != "GET")
        {
            state.Changed();
        }
        return response;
    }

    /// <summary>Runs the call the way the fault says: refused without running, run late, or run and then not answered.</summary>
    private async Task<GatewayResponse> RunWithFaultAsync(LocalFault fault, RouteMatch match, GatewayRequest request, CancellationToken ct)
    {
        var style = IsLambdaApi(request) ? ErrorBodyStyle.Lambda : ErrorBodyStyle.ApiGateway;
        if (FaultResponses.Refusal(fault, style) is { } refusal)
        {
            return refusal;
        }
        switch (fault)
        {
            case LocalFault.ConnectionReset:
                // Nothing runs; the connection is dropped instead of answering (a 204 could not promise a body).
                return new GatewayError(500, "InternalFailure", "The connection was reset.").ToResponse();
            case LocalFault.SlowResponse:
                await Task.Delay(FaultInjector.SlowResponseDelay, ct).ConfigureAwait(false);
                break;
        }
        // ProcessedButDropped runs the call for real; its answer is then lost with the connection.
        return await RunAsync(match, request, ct).ConfigureAwait(false);
    }

    /// <summary>Only API Gateway's own operations count against its control-plane quotas.</summary>
    private bool IsQuotaCounted(RouteMatch match, GatewayRequest request) => quotas is not null && match.RequiresSignature && !IsLambdaApi(request);

    private static bool IsLambdaApi(GatewayRequest request) => request.PathSegments.Count > 0 && request.PathSegments[0] == LambdaApiVersion;

    private static GatewayError TooLarge() =>
        new(413, "RequestEntityTooLargeException", $"Request body larger than {BodyReader.MaxBodyBytes} bytes");

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
