using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ApiGatewayTools.LocalGateway.Functions;

/// <summary>
/// The warm workers of one runtime function: a worker starts on first use and is reused; concurrent
/// invocations use more workers, up to the reserved concurrency (beyond it Lambda throttles) or, with no
/// reservation, up to <see cref="UnreservedWorkers"/> (more invocations wait for a free worker, as this
/// machine is not Lambda's fleet). A worker that times out or crashes is killed and replaced on next use.
/// </summary>
internal sealed class RuntimeWorkerPool : IDisposable
{
    public const int UnreservedWorkers = 8;
    /// <summary>Lambda's limits for a synchronous invocation's request and response payloads.</summary>
    public const int MaxRequestBytes = 6_291_456;
    public const int MaxResponseBytes = 6_291_556;

    private readonly LocalRuntimeFunction _function;
    private readonly RuntimeKind _kind;
    private readonly string _program;
    private readonly string _version;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<RuntimeWorker> _idle = [];
    private readonly ConcurrentDictionary<RuntimeWorker, byte> _all = new();
    private int _disposed;

    /// <param name="version">The version the workers run as ($LATEST, or a published version's number).</param>
    public RuntimeWorkerPool(LocalRuntimeFunction function, RuntimeKind kind, string program, string version = "$LATEST")
    {
        _function = function;
        _kind = kind;
        _program = program;
        _version = version;
        _slots = new SemaphoreSlim(function.ReservedConcurrency ?? UnreservedWorkers);
    }

    /// <summary>
    /// A pool for a published version: the handler's folder is copied to <paramref name="snapshotFolder"/> now,
    /// as Lambda keeps a version's package, so later edits to the files reach $LATEST only.
    /// </summary>
    public RuntimeWorkerPool Snapshot(string snapshotFolder, string version)
    {
        CopyFolder(_function.CodePath, snapshotFolder);
        return new RuntimeWorkerPool(_function with { CodePath = snapshotFolder }, _kind, _program, version);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    /// <summary>The process ids of the running workers (what must be gone once the gateway stops).</summary>
    public IReadOnlyList<int> WorkerProcessIds => _all.Keys.Where(w => !w.HasExited).Select(w => w.ProcessId).ToList();

    public async Task<LocalFunctionResult> InvokeAsync(LocalFunctionInvocation invocation, CancellationToken ct)
    {
        if (Encoding.UTF8.GetByteCount(invocation.EventJson) > MaxRequestBytes)
        {
            throw new FunctionInvokeRefusedException(413, "RequestEntityTooLargeException",
                $"Request must be smaller than {MaxRequestBytes} bytes for the InvokeFunction operation");
        }
        if (_function.ReservedConcurrency is not null)
        {
            if (!_slots.Wait(0, CancellationToken.None))
            {
                throw new FunctionInvokeRefusedException(429, "TooManyRequestsException", "Rate Exceeded.");
            }
        }
        else
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
        }
        try
        {
            var worker = TakeIdleWorker() ?? StartWorker();
            LocalFunctionResult result;
            try
            {
                result = await worker.InvokeAsync(invocation, ct).ConfigureAwait(false);
            }
            catch (WorkerCrashedException e)
            {
                Retire(worker);
                return LocalFunctionResult.Error("Runtime.ExitError", $"RequestId: {invocation.Context.AwsRequestId} Error: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                Retire(worker);
                throw;
            }
            _idle.Add(worker);
            if (Encoding.UTF8.GetByteCount(result.Payload) > MaxResponseBytes)
            {
                return LocalFunctionResult.Error("Function.ResponseSizeTooLarge",
                    $"Response payload size exceeded maximum allowed payload size ({MaxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes).",
                    logs: result.Logs);
            }
            return result;
        }
        finally
        {
            _slots.Release();
        }
    }

    private RuntimeWorker? TakeIdleWorker()
    {
        while (_idle.TryTake(out var worker))
        {
            if (!worker.HasExited)
            {
                return worker;
            }
            Retire(worker);
        }
        return null;
    }

    private RuntimeWorker StartWorker()
    {
        var worker = RuntimeWorker.Start(_program, [_kind.WorkerScript, _function.CodePath, _function.Handler], _function.CodePath, WorkerEnvironment());
        _all[worker] = 0;
        // A pool disposed while this worker started must not leave it running.
        if (Volatile.Read(ref _disposed) == 1)
        {
            Retire(worker);
            throw new OperationCanceledException("The local gateway is stopping.");
        }
        return worker;
    }

    private void Retire(RuntimeWorker worker)
    {
        _all.TryRemove(worker, out _);
        worker.Dispose();
    }

    /// <summary>The variables Lambda sets for every function, then the function's own.</summary>
    private Dictionary<string, string> WorkerEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = _function.FunctionName,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = _version,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = _function.MemorySize.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{_function.FunctionName}",
            ["AWS_EXECUTION_ENV"] = $"AWS_Lambda_{_function.Runtime}",
            ["AWS_REGION"] = LocalGatewayServer.Region,
            ["AWS_DEFAULT_REGION"] = LocalGatewayServer.Region,
            ["LAMBDA_TASK_ROOT"] = _function.CodePath,
            ["_HANDLER"] = _function.Handler,
            ["TZ"] = ":UTC",
            ["LANG"] = "en_US.UTF-8",
            ["PYTHONIOENCODING"] = "utf-8",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        };
        // The runtime itself needs to be found and to find its own files.
        foreach (var name in new[] { "PATH", "HOME", "SYSTEMROOT", "TEMP", "TMP", "TMPDIR" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }
        foreach (var (name, value) in _function.Environment)
        {
            environment[name] = value;
        }
        return environment;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        foreach (var worker in _all.Keys)
        {
            Retire(worker);
        }
    }
}

/// <summary>Lambda refused the invocation before the function ran (throttled, payload too large): API Gateway sees the Lambda API error.</summary>
internal sealed class FunctionInvokeRefusedException(int statusCode, string errorType, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string ErrorType { get; } = errorType;
}
