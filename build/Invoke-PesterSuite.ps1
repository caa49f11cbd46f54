<#
.SYNOPSIS
    Runs tests/pester against the built module (called by build.ps1 Test in a fresh pwsh).
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:GW_MODULE_PATH = $ModulePath

$configuration = New-PesterConfiguration
$configuration.Run.Path = Join-Path $PSScriptRoot '../tests/pester'
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $configuration

[pscustomobject]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } |
    ConvertTo-Json | Set-Content $ResultFile
