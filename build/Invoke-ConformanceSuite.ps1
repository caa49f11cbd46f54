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
try {
    $function = Register-GwLocalFunction -FunctionName conformance-fn -ScriptBlock {
        param($Event, $Context)
        @{ statusCode = 200; body = 'conformance' }
    }
    $result = & (Join-Path $PSScriptRoot '../tests/conformance/run.ps1') -EndpointUrl $gateway.EndpointUrl -FunctionName $function.FunctionName
    $result | Select-Object Passed, Failed | ConvertTo-Json | Set-Content $ResultFile
}
finally {
    Stop-GwLocalGateway
}
