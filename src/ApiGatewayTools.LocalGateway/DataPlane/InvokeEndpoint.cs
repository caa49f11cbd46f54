using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>The answer to one invoke-URL request, and what the request log learns about it.</summary>
internal sealed record InvokeOutcome(MethodResult Result, string? Stage, string? ResourcePath, string? IntegrationType);

/// <summary>
/// Serves invoke URLs: reads the request (refusing bodies over API Gateway's 10 MB limit), finds the stage's
/// deployment, matches the resource and method, runs the integration and writes the method response.
/// Stage lookups are cached until the control plane changes anything, so the hot path takes no lock.
/// </summary>
internal sealed class InvokeEndpoint(
    Func<string, string, DeployedStage?> findDeployedStage,
    Func<long> stateVersion,
    MethodPipeline pipeline,
    ServedRequests served)
{
    private const int StageCacheCapacity = 1024;

    private readonly ConcurrentDictionary<(string RestApiId, string StageName), CachedStage> _stages = new();

    /// <summary>Answers one invoke-URL request and logs it, before the answer goes out.</summary>
    public async Task ServeAsync(HttpListenerContext context, InvokeTarget target, string requestId, long started, CancellationToken ct)
    {
        InvokeOutcome? outcome;
        string? abandoned = null;
        try
        {
            outcome = await AnswerAsync(context, target, requestId, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away while sending its request, or the gateway is stopping.
            context.Response.Abort();
            outcome = null;
            abandoned = $"request abandoned: {e.Message}";
        }
        var rawUrl = context.Request.RawUrl ?? "/";
        var queryStart = rawUrl.IndexOf('?');
        var path = queryStart < 0 ? rawUrl : rawUrl[..queryStart];
        served.Add(new LocalRequestLogEntry(DateTimeOffset.UtcNow, requestId, context.Request.HttpMethod, path, "Invoke",
            outcome?.Result.StatusCode ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds)
        {
            RestApiId = target.RestApiId,
            Stage = outcome?.Stage,
            ResourcePath = outcome?.ResourcePath,
            IntegrationType = outcome?.IntegrationType,
            Error = outcome?.Result.Failure ?? abandoned,
        });
        if (outcome is not null)
        {
            await WriteAsync(context, outcome.Result, requestId).ConfigureAwait(false);
        }
    }

    /// <summary>Works out the answer; <see cref="WriteAsync"/> sends it (logged in between, so a client never sees an answer before the log does).</summary>
    private async Task<InvokeOutcome> AnswerAsync(HttpListenerContext context, InvokeTarget target, string requestId, CancellationToken ct)
    {
        var listenerRequest = context.Request;
        var body = await BodyReader.ReadAsync(context, ct).ConfigureAwait(false);
        MethodResult result;
        string? stageName = null, resourcePath = null, integrationType = null;
        if (body is null)
        {
            result = MethodResult.GatewayError(GatewayFailure.RequestTooLarge, $"request body larger than {BodyReader.MaxBodyBytes} bytes");
        }
        else if (FindStage(target.RestApiId, target.StageName) is not { } stage)
        {
            result = MethodResult.GatewayError(GatewayFailure.Forbidden, $"no stage {target.StageName} in API {target.RestApiId}");
        }
        else if (stage.ExecuteApiEndpointDisabled)
        {
            result = MethodResult.GatewayError(GatewayFailure.Forbidden, $"the default endpoint of API {target.RestApiId} is disabled");
        }
        else
        {
            stageName = stage.StageName;
            var request = new InvocationRequest
            {
                HttpMethod = listenerRequest.HttpMethod.ToUpperInvariant(),
                Path = target.RawPath == "/" ? "/" : Uri.UnescapeDataString(target.RawPath),
                PathSegments = InvocationRequest.SplitPath(target.RawPath),
                RawQuery = target.RawQuery,
                Query = InvocationRequest.ParseQuery(target.RawQuery),
                Headers = listenerRequest.Headers,
                Body = body,
                SourceIp = listenerRequest.RemoteEndPoint?.Address.ToString() ?? "127.0.0.1",
                Protocol = $"HTTP/{listenerRequest.ProtocolVersion.Major}.{listenerRequest.ProtocolVersion.Minor}",
            };
            var match = DeployedRoutes.For(stage.Snapshot).Match(request.PathSegments);
            var method = match is null ? null : FindMethod(match.Resource, request.HttpMethod);
            if (match is null || method?.Integration is null)
            {
                result = MethodResult.GatewayError(GatewayFailure.MissingAuthenticationToken,
                    match is null ? $"no resource matches {request.Path}" : $"resource {match.ResourcePath} has no {request.HttpMethod} method");
                resourcePath = match?.ResourcePath;
            }
            else if (CallerRefusal(method, request) is { } refusal)
            {
                resourcePath = match.ResourcePath;
                result = refusal;
            }
            else
            {
                resourcePath = match.ResourcePath;
                integrationType = method.Integration.Type;
                var invocation = new Invocation
                {
                    Request = request,
                    RestApiId = stage.RestApiId,
                    StageName = stage.StageName,
                    StageVariables = stage.Variables,
                    BinaryMediaTypes = stage.Snapshot.BinaryMediaTypes,
                    Resource = match.Resource,
                    ResourcePath = match.ResourcePath,
                    PathParameters = match.PathParameters,
                    Method = method,
                    Integration = method.Integration,
                    RequestId = requestId,
                    RequestTime = DateTimeOffset.UtcNow,
                };
                result = await pipeline.RunAsync(invocation, ct).ConfigureAwait(false);
            }
        }
        return new InvokeOutcome(result, stageName, resourcePath, integrationType);
    }

    /// <summary>
    /// What API Gateway checks about the caller before running a method: an AWS_IAM method needs a SigV4
    /// signature (an Authorization header or a presigned query; locally its presence is enough, it is not
    /// verified), a method that requires an API key needs an x-api-key header (any value: API keys and usage
    /// plans are not modelled). Authorizers are not run.
    /// </summary>
    private static MethodResult? CallerRefusal(MethodRecord method, InvocationRequest request)
    {
        if (method.AuthorizationType == "AWS_IAM"
            && request.Headers["Authorization"] is null
            && !request.Query.Any(pair => pair.Key == "X-Amz-Signature"))
        {
            return MethodResult.GatewayError(GatewayFailure.MissingAuthenticationToken, "an AWS_IAM method was called without a signature");
        }
        if (method.ApiKeyRequired && string.IsNullOrEmpty(request.Headers["x-api-key"]))
        {
            return MethodResult.GatewayError(GatewayFailure.Forbidden, "the method requires an API key and the request has no x-api-key header");
        }
        return null;
    }

    /// <summary>The exact verb's method, else the resource's ANY method.</summary>
    public static MethodRecord? FindMethod(ResourceRecord resource, string httpMethod) =>
        resource.Methods.TryGetValue(httpMethod, out var method) ? method
        : resource.Methods.TryGetValue("ANY", out var any) ? any
        : null;

    private DeployedStage? FindStage(string restApiId, string stageName)
    {
        // Read the version before the state: a change that lands in between makes the entry stale, never wrong.
        var version = stateVersion();
        var key = (restApiId, stageName);
        if (_stages.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Stage;
        }
        var stage = findDeployedStage(restApiId, stageName);
        if (_stages.Count >= StageCacheCapacity)
        {
            _stages.Clear();
        }
        _stages[key] = new CachedStage(version, stage);
        return stage;
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

    private sealed record CachedStage(long Version, DeployedStage? Stage);
}
