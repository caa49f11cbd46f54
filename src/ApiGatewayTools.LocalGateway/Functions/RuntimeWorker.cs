using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Functions;

/// <summary>
/// One warm worker process of a runtime, serving one invocation at a time. The protocol is JSON lines over
/// the worker's stdin and stdout, modelled on Lambda's runtime API (next invocation in, response or error
/// out): pipes need no port or credentials, and a worker sees end-of-input and exits when the gateway's
/// process goes away, however it ends, so no worker outlives it. The handler's own output is captured
/// inside the worker and comes back with the response, so log lines always belong to their invocation.
/// </summary>
internal sealed class RuntimeWorker : IDisposable
{
    /// <summary>A response line holds the payload (6 MB at most) as JSON text inside JSON, plus the log.</summary>
    private const int MaxLineChars = 32 * 1024 * 1024;
    private const int StderrTailLines = 20;

    private readonly Process _process;
    private readonly StreamReader _output;
    private readonly Queue<string> _stderrTail = new();
    private readonly Task _stderrDrain;
    private readonly char[] _buffer = new char[64 * 1024];
    private int _start;
    private int _end;

    private RuntimeWorker(Process process)
    {
        _process = process;
        _output = process.StandardOutput;
        _stderrDrain = Task.Run(DrainStderrAsync);
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static RuntimeWorker Start(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Lambda gives a function only its own environment, not the host's.
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        return new RuntimeWorker(process);
    }

    /// <summary>Runs one invocation; cancelling kills the worker (a timed-out invocation cannot be taken back).</summary>
    public async Task<LocalFunctionResult> InvokeAsync(LocalFunctionInvocation invocation, CancellationToken ct)
    {
        await using var kill = ct.Register(Kill);
        try
        {
            await _process.StandardInput.WriteLineAsync(InvokeMessage(invocation).AsMemory(), ct).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            ct.ThrowIfCancellationRequested();
            throw Crashed($"its input closed ({e.Message})");
        }
        var line = await ReadLineAsync(ct).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        if (line is null)
        {
            throw Crashed("it exited");
        }
        return ReadReply(line);
    }

    private static string InvokeMessage(LocalFunctionInvocation invocation)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("event");
            writer.WriteRawValue(invocation.EventJson, skipInputValidation: false);
            writer.WritePropertyName("context");
            writer.WriteRawValue(invocation.Context.ToJson(), skipInputValidation: true);
            writer.WriteEndObject();
        }
        // One line: the writer escapes every newline inside strings, and compact output has none between tokens.
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static LocalFunctionResult ReadReply(string line)
    {
        using var document = JsonDocument.Parse(line);
        var reply = document.RootElement;
        var logs = reply.TryGetProperty("logs", out var lines) && lines.ValueKind == JsonValueKind.Array
            ? lines.EnumerateArray().Select(l => l.GetString() ?? "").ToList()
            : [];
        if (reply.GetProperty("type").GetString() == "result")
        {
            return LocalFunctionResult.Success(reply.GetProperty("payload").GetString() ?? "null", logs);
        }
        var error = reply.GetProperty("error");
        return LocalFunctionResult.Error(
            error.GetProperty("errorType").GetString() ?? "Error",
            error.GetProperty("errorMessage").GetString() ?? "",
            error.TryGetProperty("stackTrace", out var trace) && trace.ValueKind == JsonValueKind.Array
                ? trace.EnumerateArray().Select(frame => frame.GetString() ?? "").ToList()
                : [],
            logs);
    }

    /// <summary>Reads one protocol line, refusing lines past the bound rather than buffering without end.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _output.ReadAsync(_buffer.AsMemory(), ct).ConfigureAwait(false);
                if (_end == 0)
                {
                    return null;
                }
            }
            var newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Append(_buffer, _start, stop - _start);
            _start = newline < 0 ? _end : newline + 1;
            if (line.Length > MaxLineChars)
            {
                Kill();
                throw new WorkerCrashedException($"the worker wrote more than {MaxLineChars} characters in one answer");
            }
            if (newline >= 0)
            {
                return line.ToString();
            }
        }
    }

    private WorkerCrashedException Crashed(string what)
    {
        _process.WaitForExit(1000);
        string tail;
        lock (_stderrTail)
        {
            tail = string.Join(" | ", _stderrTail);
        }
        var exit = _process.HasExited ? $" with code {_process.ExitCode}" : "";
        return new WorkerCrashedException($"Runtime exited{exit}: {what}{(tail.Length > 0 ? ": " + tail : "")}");
    }

    private async Task DrainStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderrTail)
                {
                    _stderrTail.Enqueue(line.Length > 1000 ? line[..1000] : line);
                    while (_stderrTail.Count > StderrTailLines)
                    {
                        _stderrTail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        // A killed worker is gone before the invocation is answered, even on a loaded machine: nothing outlives its call.
        _process.WaitForExit(10_000);
        _stderrDrain.Wait(1000);
        _process.Dispose();
    }
}

/// <summary>The worker process died or broke the protocol during an invocation.</summary>
internal sealed class WorkerCrashedException(string message) : Exception(message);
