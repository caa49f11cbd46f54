<#
.SYNOPSIS
    Starts a local gateway from the built module and runs the AWS SDK for JavaScript v3 conformance
    suite against it (called by build.ps1 Test in a fresh pwsh).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$gateway = Start-GwLocalGateway
# A second gateway, in its own process (one gateway per session), that enforces AWS's control-plane quotas:
# tests/conformance/quotas.test.mjs throttles it on purpose without slowing the other tests.
$quotaPort = & {
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start()
    try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
}
$quotaScript = "Import-Module '$ModulePath'; Start-GwLocalGateway -EmulateQuotas -Port $quotaPort | Out-Null; while (`$true) { Start-Sleep -Seconds 1 }"
$pwshArguments = @('-NoProfile', '-NonInteractive', '-Command', $quotaScript)
$quotaGateway = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
    # Running as a dotnet tool: the host is dotnet and pwsh.dll is the first argument.
    Start-Process -FilePath ([Environment]::ProcessPath) -ArgumentList (@([Environment]::GetCommandLineArgs()[0]) + $pwshArguments) -PassThru -NoNewWindow
}
else {
    Start-Process -FilePath ([Environment]::ProcessPath) -ArgumentList $pwshArguments -PassThru -NoNewWindow
}
try {
    $deadline = [datetime]::UtcNow.AddSeconds(30)
    while ([datetime]::UtcNow -lt $deadline) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $quotaPort); break } catch { Start-Sleep -Milliseconds 200 } finally { $client.Dispose() }
    }
    $env:GW_QUOTA_ENDPOINT_URL = "http://127.0.0.1:$quotaPort"
    $function = Register-GwLocalFunction -FunctionName conformance-fn -ScriptBlock {
        param($Event, $Context)
        @{ statusCode = 200; body = 'conformance' }
    }
    $result = & (Join-Path $PSScriptRoot '../tests/conformance/run.ps1') -EndpointUrl $gateway.EndpointUrl -FunctionName $function.FunctionName
    $result | Select-Object Passed, Failed | ConvertTo-Json | Set-Content $ResultFile
}
finally {
    Stop-GwLocalGateway
    Stop-Process -Id $quotaGateway.Id -ErrorAction SilentlyContinue
    Remove-Item Env:GW_QUOTA_ENDPOINT_URL -ErrorAction SilentlyContinue
}
