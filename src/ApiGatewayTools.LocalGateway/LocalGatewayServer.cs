using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ApiGatewayTools.LocalGateway.Auth;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.DataPlane;
using ApiGatewayTools.LocalGateway.DataPlane.Authorization;
using ApiGatewayTools.LocalGateway.DataPlane.Chain;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;
using ApiGatewayTools.LocalGateway.Functions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Lambda;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway;

/// <summary>
/// The embedded gateway: one loopback HttpListener serving the API Gateway control plane, the
/// Lambda API for local functions and the invoke URLs of deployed stages.
/// </summary>
/// <remarks>
/// How a request flows: the accept loop hands each request to <see cref="ServeAsync"/>, which sends an
/// invoke URL to the data plane (<see cref="InvokeEndpoint"/> running the <see cref="InvokeChain"/>, the hot path, no lock) and everything else
/// to the control plane (<see cref="ControlPlaneDispatcher"/>: route, authenticate, run, log). Both read
/// and change <see cref="GatewayState"/> (stores per kind, functions, the deployed-stage view). Each kind
/// of object is one <see cref="IRouteArea"/>, registered below.
/// </remarks>
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
    private readonly ServedRequests _served;
    private readonly ControlPlaneDispatcher _controlPlane;
    private readonly InvokeEndpoint _invokeEndpoint;
    private readonly StageMetrics _metrics = new();
    private readonly BackendClient _backend = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly FunctionLogBook _functionLogs = new();
    private readonly FunctionInvoker _invoker;
    private readonly Dictionary<string, RuntimeWorkerPool> _pools = new(StringComparer.Ordinal);
    private readonly StatePersistence? _persistence;
    /// <summary>Published versions' workers, each over its own copy of the code; they live as long as the gateway.</summary>
    private readonly List<RuntimeWorkerPool> _versionPools = [];
    private readonly string _versionCodeRoot = Path.Combine(Path.GetTempPath(), "apigatewaytools-versions", Guid.NewGuid().ToString("N"));
    private readonly LocalUserPools _userPools = new();
    private int _disposed;

    private LocalGatewayServer(HttpListener listener, int port, LocalGatewayOptions options)
    {
        // Loaded before anything else is set up or any request accepted, so no call sees a half-loaded state.
        _persistence = options.StatePath is null ? null : StatePersistence.Open(State, options.StatePath);
        _listener = listener;
        Port = port;
        EndpointUrl = new Uri($"http://127.0.0.1:{port}");
        StartedAt = DateTimeOffset.UtcNow;
        _served = new ServedRequests(RecentRequestCapacity, options.LogPath);
        _invoker = new FunctionInvoker(_functionLogs);
        var pipeline = new MethodPipeline(new HttpIntegration(_backend), new LambdaIntegration(State.FindFunction, _invoker));
        var gatewayResponses = new GatewayResponses();
        var authorizers = new AuthorizerRunner(State.FindFunction, _invoker, _userPools, options.Clock);
        var practices = new StagePracticeParts(
            new ThrottleLimit(options.AccountRateLimit, options.AccountBurstLimit), options.Clock, new ResponseCache(options.Clock), options.CanaryDraw,
            new ApiKeyStage(State.FindApiKeyAccess, () => State.Version, State.Usage, options.Clock))
        {
            Authorizers = authorizers,
        };
        var signatures = new SigV4Authenticator(options.StrictAccessKey, options.StrictSecretKey);
        var chain = InvokeChain.Standard(new DeployedStageLookup(State.FindDeployedStage, () => State.Version), pipeline, gatewayResponses, practices, signatures);
        _invokeEndpoint = new InvokeEndpoint(chain, _served, _metrics);
        var faults = options.FaultRate > 0
            ? new FaultInjector(options.FaultRate, options.FaultKinds.Count > 0 ? options.FaultKinds : Enum.GetValues<LocalFault>(), options.FaultSeed)
            : null;
        _controlPlane = new ControlPlaneDispatcher(State, signatures, _served, faults);
        IRouteArea[] areas =
        [
            new RestApiRoutes(State),
            new ResourceRoutes(State),
            new MethodRoutes(State),
            new IntegrationRoutes(State),
            new DeploymentRoutes(State),
            new StageRoutes(State),
            new RequestValidatorRoutes(State),
            new ModelRoutes(State),
            new GatewayResponseRoutes(State),
            new DocumentationRoutes(State),
            new AuthorizerRoutes(State),
            new OpenApi.ExportRoutes(State),
            new TestInvokeAuthorizerRoute(State, authorizers),
            _userPools,
            new ApiKeyRoutes(State),
            new UsagePlanRoutes(State),
            new TagRoutes(State),
            new LambdaRoutes(State),
            new LambdaVersionRoutes(State, FreezeCode),
            new LambdaInvokeRoutes(State, _invoker),
            new TestInvokeRoutes(State, pipeline, gatewayResponses),
        ];
        foreach (var area in areas)
        {
            _controlPlane.Add(area);
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
        if (options.FaultRate is < 0 or > 1 || double.IsNaN(options.FaultRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FaultRate, "FaultRate must be between 0 and 1.");
        }
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be between 0 and 65535.");
        }
        if (!double.IsFinite(options.AccountRateLimit) || options.AccountRateLimit < 0 || options.AccountBurstLimit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "AccountRateLimit and AccountBurstLimit must be 0 or more.");
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
            }
            catch (HttpListenerException) when (options.Port == 0 && attempt < PortAttempts)
            {
                listener.Close();
                continue;
            }
            try
            {
                return new LocalGatewayServer(listener, port, options);
            }
            catch
            {
                // A state file that cannot be loaded stops the start: nothing may keep listening.
                listener.Close();
                throw;
            }
        }
    }

    public Uri EndpointUrl { get; }
    public int Port { get; }
    public DateTimeOffset StartedAt { get; }
    public IReadOnlyList<LocalRequestLogEntry> RecentRequests => _served.Recent;
    /// <summary>The most recent access-log lines of every stage that has an access-log format, oldest first.</summary>
    public IReadOnlyList<LocalAccessLogEntry> AccessLog => _served.AccessLog;

    /// <summary>The stage's metrics since the gateway started: its totals first, then each method that served a request.</summary>
    public IReadOnlyList<LocalStageMetric> StageMetrics(string restApiId, string stageName) => _metrics.Read(restApiId, stageName);
    public IReadOnlyList<LocalFunctionInfo> Functions => State.FunctionInfos();

    public LocalFunctionInfo RegisterFunction(LocalFunctionDefinition definition)
    {
        var info = State.RegisterFunction(definition);
        RetirePool(definition.FunctionName, null);
        return info;
    }

    /// <summary>
    /// Registers a handler file for one of Lambda's runtimes (<see cref="RuntimeKind.Names"/>), run by warm
    /// worker processes of the runtime on this machine, which stop with the gateway.
    /// </summary>
    /// <exception cref="ArgumentException">The runtime, handler, code folder or name is not usable.</exception>
    /// <exception cref="LocalRuntimeMissingException">The runtime's program is not installed.</exception>
    public LocalFunctionInfo RegisterRuntimeFunction(LocalRuntimeFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var kind = RuntimeKind.Find(function.Runtime)
            ?? throw new ArgumentException($"Unknown runtime '{function.Runtime}': use one of {string.Join(", ", RuntimeKind.Names)}.", nameof(function));
        if (!Directory.Exists(function.CodePath))
        {
            throw new ArgumentException($"The code folder '{function.CodePath}' does not exist.", nameof(function));
        }
        if (kind.HandlerProblem(function.CodePath, function.Handler) is { } problem)
        {
            throw new ArgumentException(problem, nameof(function));
        }
        if (function.ReservedConcurrency is < 0)
        {
            throw new ArgumentException("Reserved concurrency must be 0 or more.", nameof(function));
        }
        var program = kind.FindProgram()
            ?? throw new LocalRuntimeMissingException($"The {function.Runtime} runtime runs handlers with '{kind.Program}', which is not on PATH: install {kind.InstallHint}.");
        var pool = new RuntimeWorkerPool(function, kind, program);
        LocalFunctionInfo info;
        try
        {
            info = State.RegisterFunction(new LocalFunctionDefinition
            {
                FunctionName = function.FunctionName,
                Description = function.Description,
                Runtime = function.Runtime,
                HandlerName = function.Handler,
                Timeout = function.Timeout,
                MemorySize = function.MemorySize,
                Environment = function.Environment,
                ReservedConcurrency = function.ReservedConcurrency,
                Handler = pool.InvokeAsync,
            });
        }
        catch
        {
            pool.Dispose();
            throw;
        }
        RetirePool(function.FunctionName, pool);
        return info;
    }

    /// <summary>
    /// Hosts a user pool in place of Amazon Cognito, with <paramref name="clientCount"/> app clients: its ProviderArn
    /// serves COGNITO_USER_POOLS authorizers, and <see cref="LocalUserPool.MintToken"/> signs its ID and access tokens.
    /// </summary>
    public LocalUserPool CreateUserPool(string name, int clientCount = 1) => _userPools.Create(name, clientCount);

    /// <summary>The user pools this gateway hosts, by name.</summary>
    public IReadOnlyList<LocalUserPool> UserPools => _userPools.All;

    /// <summary>A local function's recent log lines, oldest first (up to <see cref="FunctionLogBook.LinesPerFunction"/>).</summary>
    public IReadOnlyList<LocalFunctionLogEvent> FunctionLogs(string functionName) => _functionLogs.Read(functionName);

    /// <summary>Lambda's rule for a function name: 1 to 64 letters, digits, hyphens and underscores.</summary>
    public static bool IsValidFunctionName(string? name) => LocalFunctionNames.IsValid(name);

    /// <summary>The process ids of the running function workers.</summary>
    public IReadOnlyList<int> FunctionWorkerProcessIds
    {
        get
        {
            lock (_pools)
            {
                return _pools.Values.Concat(_versionPools).SelectMany(pool => pool.WorkerProcessIds).ToList();
            }
        }
    }

    /// <summary>
    /// A version keeps the code $LATEST has now. A handler file run by workers gets a copy of its folder and
    /// workers of its own; a script block or PowerShell script file was read at registration, so is already frozen.
    /// </summary>
    private LocalFunctionDefinition FreezeCode(LocalFunctionDefinition latest, string version)
    {
        RuntimeWorkerPool? pool;
        lock (_pools)
        {
            _pools.TryGetValue(latest.FunctionName, out pool);
        }
        if (pool is null || !ReferenceEquals(latest.Handler.Target, pool))
        {
            return latest;
        }
        var snapshot = pool.Snapshot(Path.Combine(_versionCodeRoot, $"{latest.FunctionName}-{version}-{Guid.NewGuid():N}"), version);
        lock (_pools)
        {
            _versionPools.Add(snapshot);
        }
        return latest with { Handler = snapshot.InvokeAsync };
    }

    /// <summary>Re-registering a name replaces its code: the old workers stop.</summary>
    private void RetirePool(string functionName, RuntimeWorkerPool? replacement)
    {
        RuntimeWorkerPool? old;
        lock (_pools)
        {
            _pools.Remove(functionName, out old);
            if (replacement is not null)
            {
                _pools[functionName] = replacement;
            }
        }
        old?.Dispose();
    }

    internal GatewayState State { get; } = new();

    /// <summary>Where a data plane adds its own routes (e.g. the stages' invoke URLs) next to the control plane's.</summary>
    internal void AddRoutes(IRouteArea area) => _controlPlane.Add(area);

    /// <summary>Every AWS API operation served (control plane and Lambda API), as (method, path template, operation).</summary>
    internal IEnumerable<(string Method, string Template, string Operation)> Routes => _controlPlane.Routes;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed listener can fail to unregister its prefix when another listener has just taken the
            // port ("Address already in use"); this one is closed either way, and stopping must not throw.
        }
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
        _backend.Dispose();
        _userPools.Dispose();
        lock (_pools)
        {
            foreach (var pool in _pools.Values.Concat(_versionPools))
            {
                pool.Dispose();
            }
            _pools.Clear();
            _versionPools.Clear();
        }
        DeleteVersionCode();
        await _served.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        if (_persistence is not null)
        {
            // A clean stop writes the last change; last, so a file that cannot be written stops nothing else.
            await _persistence.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void DeleteVersionCode()
    {
        try
        {
            if (Directory.Exists(_versionCodeRoot))
            {
                Directory.Delete(_versionCodeRoot, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held by a stopping worker: the temp folder keeps it, nothing else depends on it.
        }
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

    private Task ServeAsync(HttpListenerContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        // Invoke URLs are checked first and never reach the control-plane router: they are the hot path.
        return InvokeTarget.TryParse(context.Request.RawUrl ?? "/", out var target)
            ? _invokeEndpoint.ServeAsync(context, target, requestId, started, _stopping.Token)
            : _controlPlane.ServeAsync(context, requestId, started, _stopping.Token);
    }

    private static int FindFreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
