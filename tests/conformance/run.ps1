<#
.SYNOPSIS
    Runs the AWS SDK for JavaScript v3 conformance tests against a running local gateway.
.DESCRIPTION
    Installs the pinned SDK packages when needed, runs every *.test.mjs file with node's built-in
    test runner (readable spec output on the console, TAP to a file for counting) and returns the
    totals. Test failures are reported, not thrown: only a missing or broken node/npm throws.
.OUTPUTS
    [pscustomobject] with Passed and Failed.
.EXAMPLE
    ./tests/conformance/run.ps1 -EndpointUrl http://127.0.0.1:4566 -FunctionName conformance-fn
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $EndpointUrl,
    [Parameter(Mandatory)] [string] $FunctionName
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

foreach ($tool in 'node', 'npm') {
    if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) {
        throw "The conformance tests need '$tool' on PATH."
    }
}

Push-Location $PSScriptRoot
$savedEnv = @{}
foreach ($name in 'GW_ENDPOINT_URL', 'GW_FUNCTION_NAME', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') {
    $savedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
}
$tapFile = Join-Path ([IO.Path]::GetTempPath()) "apigw-conformance-$PID.tap"
try {
    # npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
    # -Force: PowerShell hides dot-files from Get-Item otherwise.
    $installed = Get-Item node_modules/.package-lock.json -Force -ErrorAction SilentlyContinue
    if (-not $installed -or $installed.LastWriteTimeUtc -lt (Get-Item package-lock.json).LastWriteTimeUtc) {
        npm ci --no-audit --no-fund --loglevel=error | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "npm ci failed with exit code $LASTEXITCODE." }
    }

    # The SDK appends operation paths to the endpoint: a trailing slash would double them.
    $env:GW_ENDPOINT_URL = $EndpointUrl.TrimEnd('/')
    $env:GW_FUNCTION_NAME = $FunctionName
    # The pinned SDK runs on node 20; its notice about future releases needing node 22 is noise here.
    $env:AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
    $testFiles = (Get-ChildItem -Filter *.test.mjs | Sort-Object Name).Name
    # Every test stops by itself: a hung request fails its test after the timeout.
    node --test --test-timeout=60000 `
        --test-reporter=spec --test-reporter-destination=stdout `
        --test-reporter=tap --test-reporter-destination=$tapFile `
        @testFiles | Out-Host
    $exitCode = $LASTEXITCODE

    $tap = if (Test-Path $tapFile) { Get-Content $tapFile } else { @() }
    $count = {
        param([string] $name)
        $line = $tap | Where-Object { $_ -match "^# $name (\d+)$" } | Select-Object -Last 1
        if ($line -and $line -match '(\d+)$') { [int] $Matches[1] } else { $null }
    }
    $passed = & $count 'pass'
    $failed = & $count 'fail'
    if ($null -eq $passed -or $null -eq $failed) {
        throw "node --test ended with exit code $exitCode and no test summary."
    }
    # A cancelled test (timeout, failed hook) did not pass: count it as failed.
    $cancelled = & $count 'cancelled'
    [pscustomobject]@{ Passed = $passed; Failed = $failed + [int] $cancelled }
}
finally {
    foreach ($name in $savedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnv[$name]) }
    Remove-Item $tapFile -ErrorAction SilentlyContinue
    Pop-Location
}
