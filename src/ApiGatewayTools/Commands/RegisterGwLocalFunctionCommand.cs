using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Models;

namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsLifecycle.Register, "GwLocalFunction", SupportsShouldProcess = true, DefaultParameterSetName = ScriptBlockSet)]
[OutputType(typeof(LocalFunction))]
public sealed class RegisterGwLocalFunctionCommand : PSCmdlet
{
    private const string ScriptBlockSet = "ScriptBlock";
    private const string RuntimeSet = "Runtime";
    /// <summary>AWS's PowerShell runtime: a script file run in this process's runspaces, as script blocks are.</summary>
    private const string PowerShellRuntime = "powershell";

    /// <summary>The function's name (1-64 letters, digits, '-' or '_'), as Lambda names it.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string FunctionName { get; set; } = "";

    /// <summary>The handler: param($Event, $Context); the last object it writes to the pipeline is the function's result.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ScriptBlockSet)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    /// <summary>The Lambda runtime the handler file is written for.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RuntimeSet)]
    [ValidateSet("nodejs20.x", "nodejs22.x", "python3.11", "python3.12", "python3.13", PowerShellRuntime)]
    public string Runtime { get; set; } = "";

    /// <summary>module.function (index.handler, app.lambda_handler), or the script file for the powershell runtime.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RuntimeSet)]
    [ValidateNotNullOrEmpty]
    public string Handler { get; set; } = "";

    /// <summary>The folder with the handler's code; the current location by default.</summary>
    [Parameter(ParameterSetName = RuntimeSet)]
    [ValidateNotNullOrEmpty]
    public string CodePath { get; set; } = ".";

    /// <summary>The function's environment variables.</summary>
    [Parameter(ParameterSetName = RuntimeSet)]
    public Hashtable? Environment { get; set; }

    /// <summary>At most this many invocations at once, as Lambda's reserved concurrency; more are throttled.</summary>
    [Parameter(ParameterSetName = RuntimeSet)]
    [ValidateRange(0, 1000)]
    public int? ReservedConcurrency { get; set; }

    [Parameter]
    public string? Description { get; set; }

    /// <summary>Seconds one invocation may run before it fails with Lambda's "Task timed out" (Lambda's range 1-900, default 3).</summary>
    [Parameter]
    [ValidateRange(1, 900)]
    public int Timeout { get; set; } = (int)LocalFunctionDefinition.DefaultTimeout.TotalSeconds;

    /// <summary>The memory size the context reports, in MB (Lambda's range 128-10240, default 128).</summary>
    [Parameter]
    [ValidateRange(128, 10240)]
    public int MemorySize { get; set; } = LocalFunctionDefinition.DefaultMemorySize;

    protected override void ProcessRecord()
    {
        var server = LocalGatewaySession.Current;
        if (server is null)
        {
            ThrowTerminatingError(ErrorRecords.Input("LocalGatewayNotRunning",
                "No local gateway is running in this session. Start one with Start-GwLocalGateway, then register the function.", FunctionName, ErrorCategory.InvalidOperation));
            return;
        }
        var codePath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CodePath);
        var environment = Hashtables.ToStringMap(Environment, nameof(Environment));
        if (ParameterSetName == RuntimeSet && !Directory.Exists(codePath))
        {
            ThrowTerminatingError(ErrorRecords.Input("CodePathNotFound",
                $"The code folder '{codePath}' does not exist. Give -CodePath the folder that holds the handler's files.", CodePath, ErrorCategory.ObjectNotFound));
            return;
        }
        var isPowerShellRuntime = ParameterSetName == RuntimeSet && Runtime == PowerShellRuntime;
        if (isPowerShellRuntime && (environment is { Count: > 0 } || ReservedConcurrency is not null))
        {
            ThrowTerminatingError(ErrorRecords.Input("PowerShellRuntimeOption",
                "The powershell runtime runs in this PowerShell process, so it cannot have its own -Environment or -ReservedConcurrency. Set variables in the script, or use a nodejs or python runtime.", FunctionName));
            return;
        }
        if (!ShouldProcess($"{FunctionName} on {server.EndpointUrl}", "Register local Lambda function"))
        {
            return;
        }

        try
        {
            var info = ParameterSetName switch
            {
                ScriptBlockSet => server.RegisterFunction(Definition(LocalGatewaySession.FunctionHost.CreateHandler(ScriptBlock), "provided.al2023", "local")),
                _ when isPowerShellRuntime => server.RegisterFunction(Definition(PowerShellScriptHandler(codePath), PowerShellRuntime, Handler)),
                _ => server.RegisterRuntimeFunction(new LocalRuntimeFunction
                {
                    FunctionName = FunctionName,
                    Runtime = Runtime,
                    Handler = Handler,
                    CodePath = codePath,
                    Description = Description,
                    Environment = environment ?? new Dictionary<string, string>(),
                    Timeout = TimeSpan.FromSeconds(Timeout),
                    MemorySize = MemorySize,
                    ReservedConcurrency = ReservedConcurrency,
                }),
            };
            WriteObject(new LocalFunction(info));
        }
        catch (LocalRuntimeMissingException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "RuntimeNotInstalled", ErrorCategory.NotInstalled, Runtime));
        }
        catch (ArgumentException e)
        {
            var id = LocalGatewayServer.IsValidFunctionName(FunctionName) ? "InvalidHandler" : "InvalidFunctionName";
            ThrowTerminatingError(new ErrorRecord(e, id, ErrorCategory.InvalidArgument, FunctionName));
        }
    }

    private LocalFunctionDefinition Definition(LocalFunctionHandler handler, string runtime, string handlerName) => new()
    {
        FunctionName = FunctionName,
        Description = Description,
        Runtime = runtime,
        HandlerName = handlerName,
        Timeout = TimeSpan.FromSeconds(Timeout),
        MemorySize = MemorySize,
        Handler = handler,
    };

    /// <summary>The script is read now, as Lambda packages it at deployment: registering again picks up edits.</summary>
    private LocalFunctionHandler PowerShellScriptHandler(string codePath)
    {
        var script = Path.GetFullPath(Path.Combine(codePath, Handler));
        if (!File.Exists(script))
        {
            ThrowTerminatingError(ErrorRecords.Input("InvalidHandler",
                $"The powershell runtime's handler is a script file, and '{script}' does not exist. Write -Handler as the script's path relative to -CodePath, e.g. ./handler.ps1.", Handler, ErrorCategory.ObjectNotFound));
        }
        return LocalGatewaySession.FunctionHost.CreateScriptFileHandler(File.ReadAllText(script));
    }
}
