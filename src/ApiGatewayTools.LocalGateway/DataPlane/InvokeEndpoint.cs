using System.Diagnostics;
using System.Net;
using ApiGatewayTools.LocalGateway.DataPlane.Chain;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// Serves invoke URLs: runs each request through the <see cref="InvokeChain"/>, logs what it learned (the
/// request log, the stage's access log and its metrics) and writes the answer.
/// </summary>
internal sealed class InvokeEndpoint(InvokeChain chain, ServedRequests served, StageMetrics metrics)
{
    /// <summary>Answers one invoke-URL request and logs it, before the answer goes out (so a client never sees an answer before the log does).</summary>
    public async Task ServeAsync(HttpListenerContext context, InvokeTarget target, string requestId, long started, CancellationToken ct)
    {
        var invoke = new InvokeContext(context, target, requestId);
        MethodResult? result;
        string? abandoned = null;
        try
        {
            using var disconnect = ClientDisconnect.Watch(context, ct);
            invoke.ClientGone = disconnect.Token;
            result = await chain.RunAsync(invoke, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away while sending its request, or the gateway is stopping.
            ConnectionDrop.Drop(context.Response);
            result = null;
            abandoned = $"request abandoned: {e.Message}";
        }
        var rawUrl = context.Request.RawUrl ?? "/";
        var queryStart = rawUrl.IndexOf('?');
        var path = queryStart < 0 ? rawUrl : rawUrl[..queryStart];
        var now = DateTimeOffset.UtcNow;
        var latency = Stopwatch.GetElapsedTime(started);
        var servedInvoke = new ServedInvoke(invoke, result, now - latency, latency);
        if (result is not null)
        {
            metrics.Record(servedInvoke);
        }
        var stage = result is null ? null : invoke.FoundStage;
        served.Add(new LocalRequestLogEntry(now, requestId, context.Request.HttpMethod, path, "Invoke",
            result?.StatusCode ?? 0, latency.TotalMilliseconds)
        {
            RestApiId = target.RestApiId,
            Stage = result is null ? null : invoke.StageName,
            ResourcePath = result is null ? null : invoke.ResourcePath,
            IntegrationType = result is null ? null : invoke.IntegrationType,
            Error = result?.Failure ?? abandoned,
            FunctionLogs = invoke.FunctionLogs,
            DeploymentId = stage?.DeploymentId,
            Canary = stage?.Canary is null ? null : invoke.Canary,
            CacheStatus = invoke.Cache?.ToString(),
            AccessLogLine = stage?.AccessLogFormat is { Length: > 0 } format ? AccessLogFormat.For(format).Render(servedInvoke) : null,
        });
        if (result is not null)
        {
            await WriteAsync(context, result, requestId).ConfigureAwait(false);
        }
    }

    /// <summary>Headers HttpListener sets itself from the response it writes; a backend's values for them are dropped.</summary>
    private static readonly HashSet<string> ListenerManagedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Date", "Server",
    };

    public static async Task WriteAsync(HttpListenerContext context, MethodResult result, string requestId)
    {
        var target = context.Response;
        var isHead = context.Request.HttpMethod == "HEAD";
        try
        {
            target.StatusCode = result.StatusCode;
            foreach (var (name, value) in result.Headers)
            {
                if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    target.ContentType = value;
                }
                else if (!ListenerManagedHeaders.Contains(name))
                {
                    try
                    {
                        target.Headers.Add(name, value);
                    }
                    catch (ArgumentException)
                    {
                        // A header HttpListener will not send (invalid name or value): the rest still go out.
                    }
                }
            }
            target.Headers["x-amzn-RequestId"] = requestId;
            target.Headers["x-amz-apigw-id"] = ApiGatewayIds.ExtendedRequestId(requestId);
            var body = isHead ? [] : result.Body;
            target.ContentLength64 = body.Length;
            if (body.Length > 0)
            {
                await target.OutputStream.WriteAsync(body).ConfigureAwait(false);
            }
            target.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client went away mid-answer: nothing left to tell it, and the gateway carries on.
        }
    }

}
