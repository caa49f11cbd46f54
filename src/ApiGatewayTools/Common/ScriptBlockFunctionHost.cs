using System.Management.Automation.Runspaces;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Common;

/// <summary>
/// Runs a local function's script block when the gateway invokes it. The gateway calls from its own
/// threads, where the user's runspace is not available, so each call runs in a pooled runspace: the
/// script block is re-created from its text there (it sees its parameters, not the caller's variables).
/// The event and context arrive as JSON and are given to the script as hashtables; its output goes back
/// as JSON (one object as is, several as an array).
/// </summary>
internal sealed class ScriptBlockFunctionHost : IDisposable
{
    private const string Wrapper = """
        param([string] $Script, [string] $EventJson, [string] $ContextJson)
        $ErrorActionPreference = 'Stop'
        $function = [scriptblock]::Create($Script)
        $lambdaEvent = if ($EventJson) { ConvertFrom-Json -InputObject $EventJson -AsHashtable } else { $null }
        $lambdaContext = if ($ContextJson) { ConvertFrom-Json -InputObject $ContextJson -AsHashtable } else { $null }
        $result = @(& $function $lambdaEvent $lambdaContext)
        $value = switch ($result.Count) { 0 { $null } 1 { $result[0] } default { , $result } }
        ConvertTo-Json -InputObject $value -Depth 32 -Compress
        """;

    private readonly Lazy<RunspacePool> _pool = new(() =>
    {
        var pool = RunspaceFactory.CreateRunspacePool(1, Math.Max(4, Environment.ProcessorCount * 2));
        pool.Open();
        return pool;
    });

    public LocalFunctionHandler CreateHandler(ScriptBlock scriptBlock)
    {
        var script = scriptBlock.ToString();
        return (eventJson, contextJson, ct) => Task.Run(() => Invoke(script, eventJson, contextJson, ct), ct);
    }

    private string Invoke(string script, string eventJson, string contextJson, CancellationToken ct)
    {
        using var shell = PowerShell.Create();
        shell.RunspacePool = _pool.Value;
        shell.AddScript(Wrapper).AddArgument(script).AddArgument(eventJson).AddArgument(contextJson);
        using var stop = ct.Register(() => shell.BeginStop(null, null));
        var output = shell.Invoke();
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException(shell.Streams.Error[0].ToString(), shell.Streams.Error[0].Exception);
        }

        return output.Count == 0 ? "null" : output[^1]?.ToString() ?? "null";
    }

    public void Dispose()
    {
        if (_pool.IsValueCreated)
        {
            _pool.Value.Dispose();
        }
    }
}
