using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Models;

namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsLifecycle.Start, "GwLocalGateway", SupportsShouldProcess = true)]
[OutputType(typeof(LocalGatewayInfo))]
public sealed class StartGwLocalGatewayCommand : PSCmdlet
{
    /// <summary>Loopback port to listen on; 0 (the default) picks a free one.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>Only accept requests signed with exactly this access key and secret (default: any well-formed signature).</summary>
    [Parameter]
    [Credential]
    [Alias("StrictCredential")]
    public PSCredential? RequireSignature { get; set; }

    /// <summary>Keep the gateway's state in this file: loaded at start when it exists, written after each change.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <summary>The share of AWS API calls (control plane and Lambda API, not invoke URLs) that meet a fault, 0 to 1.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double FaultRate { get; set; }

    /// <summary>The faults to pick from (default: every kind).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public LocalFault[] FaultKind { get; set; } = [];

    /// <summary>Seeds the fault sequence: the same seed and the same calls meet the same faults.</summary>
    [Parameter]
    public int FaultSeed { get; set; }

    /// <summary>
    /// Enforce API Gateway's per-account control-plane quotas (CreateRestApi 1 per 3 s, CreateResource 5/s, every other
    /// operation 10/s with a burst of 40, ...) with AWS's 429 and Retry-After. Cmdlets of this session pace themselves to them.
    /// </summary>
    [Parameter]
    public SwitchParameter EmulateQuotas { get; set; }

    /// <summary>Append one JSON line per request to this file (no headers, bodies or credentials).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LogPath { get; set; }

    /// <summary>The account-level throttle of every invoke URL, in requests per second (API Gateway's default: 10,000).</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double AccountRateLimit { get; set; } = LocalGatewayOptions.DefaultAccountRateLimit;

    /// <summary>The account-level burst (API Gateway's default: 5,000).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int AccountBurstLimit { get; set; } = LocalGatewayOptions.DefaultAccountBurstLimit;

    protected override void EndProcessing()
    {
        if (LocalGatewaySession.Current is { } running)
        {
            WriteWarning($"A local gateway is already running at {running.EndpointUrl}; returning it. Use Stop-GwLocalGateway first to start a new one.");
            WriteObject(new LocalGatewayInfo(running));
            return;
        }
        if (FaultKind.Length > 0 && FaultRate == 0)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-FaultKind was given without -FaultRate."), "FaultKindWithoutRate", ErrorCategory.InvalidArgument, FaultKind)
            {
                ErrorDetails = new ErrorDetails("-FaultKind chooses which faults to inject, but no call meets one unless -FaultRate is above 0: add e.g. -FaultRate 0.2."),
            });
        }
        if (!ShouldProcess($"127.0.0.1:{(Port == 0 ? "(free port)" : Port)}", "Start local API Gateway"))
        {
            return;
        }

        var strict = RequireSignature?.GetNetworkCredential();
        var logPath = LogPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(LogPath);
        var statePath = StatePath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
        LocalGatewayServer server;
        try
        {
            server = LocalGatewayServer.Start(new LocalGatewayOptions
            {
                Port = Port,
                StrictAccessKey = strict?.UserName,
                StrictSecretKey = strict?.Password,
                LogPath = logPath,
                AccountRateLimit = AccountRateLimit,
                AccountBurstLimit = AccountBurstLimit,
                FaultRate = FaultRate,
                FaultKinds = FaultKind,
                FaultSeed = FaultSeed,
                EmulateQuotas = EmulateQuotas,
                StatePath = statePath,
            });
        }
        catch (LocalGatewayStateException e)
        {
            var (id, category) = e.IsUnreadable
                ? ("LocalGatewayStateUnreadable", ErrorCategory.InvalidData)
                : ("LocalGatewayStateUnwritable", ErrorCategory.WriteError);
            ThrowTerminatingError(new ErrorRecord(e, id, category, e.Path)
            {
                ErrorDetails = new ErrorDetails($"{e.Message} Nothing was started."),
            });
            return;
        }
        catch (Exception e) when (e is System.Net.HttpListenerException or System.Net.Sockets.SocketException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            var reason = Port != 0 && IsTaken(Port)
                ? $"Port {Port} on 127.0.0.1 is already in use ({e.Message})"
                : $"Could not start the local gateway on port {Port}: {e.Message}";
            ThrowTerminatingError(new ErrorRecord(e, "LocalGatewayStartFailed", ErrorCategory.ResourceUnavailable, Port)
            {
                ErrorDetails = new ErrorDetails($"{reason}. Choose another -Port, or omit -Port to pick a free one."),
            });
            return;
        }
        LocalGatewaySession.Set(server, strict is null ? null : (strict.UserName, strict.Password));
        WriteVerbose($"Local gateway listening at {server.EndpointUrl}; it is now the default endpoint of this session.");
        WriteObject(new LocalGatewayInfo(server));
    }

    /// <summary>Whether something else listens on the port: the listener's own errors differ by platform, a second bind attempt does not.</summary>
    private static bool IsTaken(int port)
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try
        {
            probe.Start();
            return false;
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
        finally
        {
            probe.Stop();
        }
    }
}
