using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ApiGatewayTools.LocalGateway.Auth;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.DataPlane;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Lambda;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway;

public sealed record LocalGatewayOptions
{
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }
    /// <summary>When set, only requests signed with this access key and its secret are accepted.</summary>
    public string? StrictAccessKey { get; init; }
    public string? StrictSecretKey { get; init; }
    /// <summary>When set, one JSON line per request is appended to this file (no headers, bodies or credentials).</summary>
    public string? LogPath { get; init; }
}

/// <summary>How a local function runs: the event and context as JSON in, the function's result as JSON out.</summary>
public delegate Task<string> LocalFunctionHandler(string eventJson, string contextJson, CancellationToken ct);

public sealed record LocalFunctionDefinition
{
    public required string FunctionName { get; init; }
    public required LocalFunctionHandler Handler { get; init; }
    public string? Description { get; init; }
    public string Runtime { get; init; } = "provided.al2023";
}

/// <summary>A registered local function, as the gateway reports it.</summary>
public sealed record LocalFunctionInfo(string FunctionName, string FunctionArn, string Runtime, string? Description, DateTimeOffset LastModified);

/// <summary>One served request. Operation is the control-plane operation, or "Invoke" for a stage's invoke URL.</summary>
public sealed record LocalRequestLogEntry(DateTimeOffset Time, string RequestId, string Method, string Path, string? Operation, int StatusCode, double ElapsedMilliseconds)
{
    /// <summary>The API an invoke URL addressed.</summary>
    public string? RestApiId { get; init; }
    /// <summary>The stage that served an invoke URL; null when the stage does not exist.</summary>
    public string? Stage { get; init; }
    /// <summary>The resource the request path matched, e.g. /pets/{petId}.</summary>
    public string? ResourcePath { get; init; }
    /// <summary>The integration type of the method that ran (MOCK, HTTP, HTTP_PROXY, AWS, AWS_PROXY).</summary>
    public string? IntegrationType { get; init; }
    /// <summary>Why the gateway itself answered with an error (no route, timeout, permission, template error, ...).</summary>
    public string? Error { get; init; }
}

/// <summary>
/// The embedded gateway: one loopback HttpListener serving the API Gateway control plane, the
/// Lambda API for local functions and the invoke URLs of deployed stages.
/// </summary>
public sealed class LocalGatewayServer : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string AccountId = "000000000000";
    /// <summary>Throw-away credentials that clients sign with; any well-formed signature is accepted unless strict.</summary>
    public const string DefaultAccessKey = "test";
    public const string DefaultSecretKey = "test";

    private const int RecentRequestCapacity = 500;
    private const int PortAttempts = 20;

    private readonly HttpListener _listener;
    private readonly GatewayState _state = new();
    private readonly Router _router = new();
    private readonly SigV4Authenticator _authenticator;
    private readonly RequestLog _log = new(RecentRequestCapacity);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly BackendClient _backend = new();
    private readonly InvokeEndpoint _invokeEndpoint;
    private readonly RequestLogFile? _logFile;
    /// <summary>Bumped by every change through the control plane, so cached views of the state know when they are stale.</summary>
    private long _stateVersion;
    private int _disposed;

    private LocalGatewayServer(HttpListener listener, int port, LocalGatewayOptions options)
    {
        _listener = listener;
        Port = port;
        EndpointUrl = new Uri($"http://127.0.0.1:{port}");
        StartedAt = DateTimeOffset.UtcNow;
        _authenticator = new SigV4Authenticator(options.StrictAccessKey, options.StrictSecretKey);
        _logFile = options.LogPath is null ? null : new RequestLogFile(options.LogPath);
        var pipeline = new MethodPipeline(new HttpIntegration(_backend), new LambdaIntegration(FindFunction));
        _invokeEndpoint = new InvokeEndpoint(FindDeployedStage, () => Interlocked.Read(ref _stateVersion), pipeline);
        IRouteArea[] areas =
        [
            new RestApiRoutes(_state),
            new ResourceRoutes(_state),
            new MethodRoutes(_state),
            new IntegrationRoutes(_state),
            new DeploymentRoutes(_state),
            new StageRoutes(_state),
            new RequestValidatorRoutes(_state),
            new TagRoutes(_state),
            new LambdaRoutes(_state),
            new TestInvokeRoutes(_state, pipeline),
        ];
        foreach (var area in areas)
        {
            area.Register(_router);
        }
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public static LocalGatewayServer Start(LocalGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.StrictAccessKey is null) != (options.StrictSecretKey is null))
        {
            throw new ArgumentException("StrictAccessKey and StrictSecretKey must be given together.", nameof(options));
        }
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be between 0 and 65535.");
        }
        // With port 0 a free port is picked first; another process may take it before the
        // listener binds, so try again with a fresh one.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port == 0 ? FindFreePort() : options.Port;
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LocalGatewayServer(listener, port, options);
            }
            catch (HttpListenerException) when (options.Port == 0 && attempt < PortAttempts)
            {
                listener.Close();
            }
        }
    }

    public Uri EndpointUrl { get; }
    public int Port { get; }
    public DateTimeOffset StartedAt { get; }
    public IReadOnlyList<LocalRequestLogEntry> RecentRequests => _log.Snapshot();

    public LocalFunctionInfo RegisterFunction(LocalFunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(definition.Handler);
        if (!LocalFunctionNames.IsValid(definition.FunctionName))
        {
            throw new ArgumentException(
                $"Invalid function name '{definition.FunctionName}': use 1 to 64 letters, digits, hyphens (-) or underscores (_).",
                nameof(definition));
        }
        lock (_state.Sync)
        {
            var function = new LocalFunctionRecord { Definition = definition, LastModified = DateTimeOffset.UtcNow };
            // Re-registering replaces the code but keeps the permissions, as updating a function's code does.
            if (_state.Functions.TryGetValue(definition.FunctionName, out var existing))
            {
                foreach (var (qualifier, statements) in existing.PolicyStatements)
                {
                    function.PolicyStatements[qualifier] = statements;
                }
            }
            _state.Functions.Replace(function);
            Interlocked.Increment(ref _stateVersion);
            return function.ToInfo();
        }
    }

    public IReadOnlyList<LocalFunctionInfo> Functions
    {
        get
        {
            lock (_state.Sync)
            {
                return _state.Functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.ToInfo()).ToList();
            }
        }
    }

    /// <summary>A stage and the deployment it points at, as it was deployed; null when the API or stage does not exist.</summary>
    internal DeployedStage? FindDeployedStage(string restApiId, string stageName)
    {
        lock (_state.Sync)
        {
            if (!_state.RestApis.TryGetValue(restApiId, out var api)
                || !api.Stages.TryGetValue(stageName, out var stage)
                || !api.Deployments.TryGetValue(stage.DeploymentId, out var deployment))
            {
                return null;
            }
            return new DeployedStage(
                api.Id,
                stage.StageName,
                deployment.Id,
                deployment.Snapshot,
                new Dictionary<string, string>(stage.Variables, StringComparer.Ordinal),
                stage.MethodSettings.ToDictionary(
                    pair => pair.Key,
                    pair => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(pair.Value, StringComparer.Ordinal),
                    StringComparer.Ordinal),
                api.DisableExecuteApiEndpoint);
        }
    }

    /// <summary>A local function's handler and its current resource policy document (null when it has none).</summary>
    internal (LocalFunctionHandler Handler, string? PolicyJson)? FindFunction(string functionName, string? qualifier)
    {
        lock (_state.Sync)
        {
            return _state.Functions.TryGetValue(functionName, out var function)
                ? (function.Definition.Handler, PolicyStatement.PolicyDocument(function, qualifier))
                : null;
        }
    }

    /// <summary>Where a data plane adds its own routes (e.g. the stages' invoke URLs) next to the control plane's.</summary>
    internal void AddRoutes(IRouteArea area) => area.Register(_router);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
        _backend.Dispose();
        if (_logFile is not null)
        {
            await _logFile.DisposeAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            // Each request runs on its own; only state changes are serialised, by the state lock.
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        var rawUrl = context.Request.RawUrl ?? "/";
        // Invoke URLs are checked first and never reach the control-plane router: they are the hot path.
        if (InvokeTarget.TryParse(rawUrl, out var target))
        {
            await ServeInvokeUrlAsync(context, target, requestId, started).ConfigureAwait(false);
            return;
        }
        string? operation = null;
        GatewayResponse response;
        try
        {
            var request = new GatewayRequest(context.Request.HttpMethod, rawUrl, context.Request.Headers, await ReadBodyAsync(context.Request).ConfigureAwait(false));
            var match = _router.Match(request);
            // As AWS does, an unsigned request to a path no operation serves is still refused as unsigned.
            if (match is null || match.RequiresSignature)
            {
                _authenticator.Authenticate(request);
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
            response = await match.Handler(request, _stopping.Token).ConfigureAwait(false);
            if (request.Method != "GET")
            {
                Interlocked.Increment(ref _stateVersion);
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
        Record(new LocalRequestLogEntry(DateTimeOffset.UtcNow, requestId, context.Request.HttpMethod, rawUrl.Split('?')[0], operation, response.StatusCode, elapsed));
        try
        {
            await WriteAsync(context.Response, response, requestId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away or the server is stopping: nothing left to tell anyone.
        }
    }

    private async Task ServeInvokeUrlAsync(HttpListenerContext context, InvokeTarget target, string requestId, long started)
    {
        InvokeOutcome? outcome;
        string? abandoned = null;
        try
        {
            outcome = await _invokeEndpoint.AnswerAsync(context, target, requestId, _stopping.Token).ConfigureAwait(false);
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
        Record(new LocalRequestLogEntry(DateTimeOffset.UtcNow, requestId, context.Request.HttpMethod, path, "Invoke",
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
            await InvokeEndpoint.WriteAsync(context, outcome.Result, requestId).ConfigureAwait(false);
        }
    }

    private void Record(LocalRequestLogEntry entry)
    {
        _log.Add(entry);
        _logFile?.Add(entry);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        if (!request.HasEntityBody)
        {
            return [];
        }
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
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

    private static int FindFreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
