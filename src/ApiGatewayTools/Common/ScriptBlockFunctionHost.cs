using System.Collections.ObjectModel;
using System.Management.Automation.Runspaces;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Common;

/// <summary>
/// Runs PowerShell local functions when the gateway invokes them, as AWS's PowerShell runtime does: the
/// last object written to the pipeline is the result (as JSON), and the information, warning, verbose,
/// debug and error streams are the function's log, one line per record, in the order written. The
/// gateway calls from its own threads, where the user's runspace is not available, so each call runs in
/// a pooled runspace: the script is re-created from its text there (it sees its parameters, not the
/// caller's variables).
/// </summary>
internal sealed class ScriptBlockFunctionHost : IDisposable
{
    /// <summary>Script blocks get param($Event, $Context); scripts for AWS's PowerShell runtime get $LambdaInput and $LambdaContext.</summary>
    private const string Wrapper = """
        param([string] $Script, $LambdaInput, $LambdaContext)
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $function = [scriptblock]::Create($Script)
        $written = $false
        $result = $null
        & $function $LambdaInput $LambdaContext | ForEach-Object { $result = $_; $written = $true }
        if ($written) { ConvertTo-Json -InputObject $result -Depth 32 -Compress } else { 'null' }
        """;

    private readonly Lazy<RunspacePool> _pool = new(() =>
    {
        var pool = RunspaceFactory.CreateRunspacePool(1, Math.Max(4, Environment.ProcessorCount * 2));
        pool.Open();
        return pool;
    });

    /// <summary>A handler for a script block: param($Event, $Context), the event as case-insensitive hashtables.</summary>
    public LocalFunctionHandler CreateHandler(ScriptBlock scriptBlock) => CreateHandler(scriptBlock.ToString(), EventObjects.ToHashtables);

    /// <summary>
    /// A handler for a script written for AWS's PowerShell runtime: it finds $LambdaInput (the event as
    /// ConvertFrom-Json gives it there, PSCustomObjects) and $LambdaContext in its parent scope, the wrapper's.
    /// </summary>
    public LocalFunctionHandler CreateScriptFileHandler(string scriptText) => CreateHandler(scriptText, EventObjects.ToCustomObjects);

    private LocalFunctionHandler CreateHandler(string script, Func<JsonElement, object?> eventObject) =>
        (invocation, ct) => Task.Run(() => Invoke(script, invocation, eventObject, ct), ct);

    private LocalFunctionResult Invoke(string script, LocalFunctionInvocation invocation, Func<JsonElement, object?> eventObject, CancellationToken ct)
    {
        object? lambdaEvent;
        using (var document = JsonDocument.Parse(invocation.EventJson))
        {
            lambdaEvent = eventObject(document.RootElement);
        }
        using var shell = PowerShell.Create();
        shell.RunspacePool = _pool.Value;
        shell.AddScript(Wrapper).AddArgument(script).AddArgument(lambdaEvent).AddArgument(invocation.Context);
        var logs = new StreamLog(shell.Streams);
        using var stop = ct.Register(() => shell.BeginStop(null, null));
        Collection<PSObject> output;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException e)
        {
            return LocalFunctionResult.Error(e.GetType().Name, e.Message, StackTrace(e.ErrorRecord), logs.Lines);
        }
        return LocalFunctionResult.Success(output.Count == 0 ? "null" : output[^1]?.ToString() ?? "null", logs.Lines);
    }

    private static string[] StackTrace(ErrorRecord record) =>
        record.ScriptStackTrace is { Length: > 0 } trace ? trace.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    public void Dispose()
    {
        if (_pool.IsValueCreated)
        {
            _pool.Value.Dispose();
        }
    }

    /// <summary>The function's streams as log lines, in the order they were written, with a level in front as CloudWatch shows them.</summary>
    private sealed class StreamLog
    {
        private readonly List<string> _lines = [];

        public StreamLog(PSDataStreams streams)
        {
            Follow(streams.Information, "INFO", record => record.MessageData?.ToString());
            Follow(streams.Warning, "WARNING", record => record.Message);
            Follow(streams.Verbose, "VERBOSE", record => record.Message);
            Follow(streams.Debug, "DEBUG", record => record.Message);
            Follow(streams.Error, "ERROR", record => record.ToString());
        }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToArray();
                }
            }
        }

        private void Follow<T>(PSDataCollection<T> stream, string level, Func<T, string?> message) =>
            stream.DataAdded += (_, e) =>
            {
                var line = $"{level}: {message(stream[e.Index])}";
                lock (_lines)
                {
                    _lines.Add(line);
                }
            };
    }
}

/// <summary>The event as PowerShell functions see it, built from its JSON.</summary>
internal static class EventObjects
{
    /// <summary>
    /// Hashtables whose keys ignore case, as PowerShell users expect ($Event.headers.'x-foo' finds X-Foo);
    /// ConvertFrom-Json -AsHashtable would give case-sensitive ones.
    /// </summary>
    public static object? ToHashtables(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new Hashtable(StringComparer.OrdinalIgnoreCase), (table, property) =>
        {
            table[property.Name] = ToHashtables(property.Value);
            return table;
        }),
        JsonValueKind.Array => element.EnumerateArray().Select(ToHashtables).ToArray(),
        _ => Scalar(element),
    };

    /// <summary>PSCustomObjects, as ConvertFrom-Json gives AWS's PowerShell runtime's $LambdaInput (member access ignores case).</summary>
    public static object? ToCustomObjects(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var custom = new PSObject();
                foreach (var property in element.EnumerateObject())
                {
                    custom.Properties.Add(new PSNoteProperty(property.Name, ToCustomObjects(property.Value)));
                }
                return custom;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(ToCustomObjects).ToArray();
            default:
                return Scalar(element);
        }
    }

    private static object? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
