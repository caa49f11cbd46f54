<#
.SYNOPSIS
    Builds, tests and demonstrates ApiGatewayTools.
.DESCRIPTION
    Build  lays the module out in out/ApiGatewayTools (Import-Module ./out/ApiGatewayTools).
    Test   builds, then runs the xunit tests, the Pester tests and the AWS SDK for JavaScript v3
           conformance suite; the last line is "Tests: N passed, N failed"; exits 1 on any failure.
    Demo   builds, then runs docs/examples/seed-walkthrough.ps1 on the local gateway.
    Bench  builds, then measures the local gateway under load (against nginx as the reference), the
           module's import cost, and building APIs of 50 to 1,000 routes under AWS's control-plane quotas
           (boto3 per-call loop, cmdlet pipeline, Sync-GwRestApi), and writes docs/benchmarks.md; then the soak (bench/Invoke-Soak.ps1) builds
           300 routes three times under injected faults and adds its section to the same report.
    Package builds, then publishes the Gallery package (.nupkg) to the file repository out/repository
           with PSResourceGet, exactly as Publish-PSResource would send it to the PowerShell Gallery.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$ModuleDir = Join-Path $Root 'out/ApiGatewayTools'
$RepositoryDir = Join-Path $Root 'out/repository'
$PesterVersion = '6.2.0'

function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

# A fresh pwsh for each suite, so that every one imports the built module into a clean session.
function Invoke-Pwsh([string] $Script, [string[]] $Arguments = @()) {
    & dotnet tool run pwsh -- -NoProfile -NonInteractive -File $Script @Arguments | Out-Host
    $LASTEXITCODE
}

function Invoke-Build {
    Write-Host "== Build ($Configuration)" -ForegroundColor Cyan
    $publish = Join-Path $Root "out/publish"
    Remove-Item $publish, $ModuleDir -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Native 'dotnet publish' { dotnet publish (Join-Path $Root 'src/ApiGatewayTools') -c $Configuration -o $publish --nologo -v quiet }

    # The cmdlet assembly loads in PowerShell's default context; everything else goes to Dependencies/,
    # which the module's own load context serves (see src/ApiGatewayTools/Loader).
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleDir 'Dependencies')
    Copy-Item (Join-Path $publish 'ApiGatewayTools.dll'), (Join-Path $Root 'ApiGatewayTools.psd1') $ModuleDir
    Copy-Item (Join-Path $Root 'src/ApiGatewayTools/ApiGatewayTools.Format.ps1xml') $ModuleDir
    Get-ChildItem $publish -Filter *.dll | Where-Object Name -ne 'ApiGatewayTools.dll' | Copy-Item -Destination $dependencies
    # Help is written as markdown under docs/ and compiled to MAML here (platyPS is not available from NuGet).
    & (Join-Path $Root 'build/New-MamlHelp.ps1') -CommandDocs (Join-Path $Root 'docs/cmdlets') -AboutDocs (Join-Path $Root 'docs/about') `
        -OutputDirectory (Join-Path $ModuleDir 'en-US')
    Remove-Item $publish -Recurse -Force
    Write-Host "Module laid out in $ModuleDir"
}

function Invoke-Package {
    Invoke-Build
    Write-Host "== Package" -ForegroundColor Cyan
    Remove-Item $RepositoryDir -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $RepositoryDir | Out-Null
    Test-ModuleManifest (Join-Path $ModuleDir 'ApiGatewayTools.psd1') | Out-Null
    $repository = 'ApiGatewayToolsBuild'
    Register-PSResourceRepository -Name $repository -Uri $RepositoryDir -Trusted -Force
    try {
        Publish-PSResource -Path $ModuleDir -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Write-Host "Package: $((Get-ChildItem $RepositoryDir -Filter *.nupkg).FullName)"
}

# What the Pester suite needs from NuGet (build/tools.csproj): Pester itself and a foreign AWSSDK.Core.
function Restore-TestPackages {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    Invoke-Native 'restoring test packages' { dotnet restore (Join-Path $Root 'build/tools.csproj') --nologo -v quiet }
    [pscustomobject]@{
        Pester        = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
        OtherAwsCore  = Join-Path $packages 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
    }
}

function Invoke-XunitTests {
    Write-Host "== xunit" -ForegroundColor Cyan
    $results = Join-Path $Root 'out/test-results'
    dotnet test (Join-Path $Root 'tests/ApiGatewayTools.Tests') -c $Configuration --nologo `
        --logger 'console;verbosity=minimal' --logger 'trx;LogFileName=xunit.trx' --results-directory $results | Out-Host
    $trx = Join-Path $results 'xunit.trx'
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout }
}

function Invoke-PesterTests {
    Write-Host "== Pester" -ForegroundColor Cyan
    $resultFile = Join-Path $Root 'out/test-results/pester.json'
    New-Item -ItemType Directory -Force (Split-Path $resultFile) | Out-Null
    $packages = Restore-TestPackages
    $env:GW_OTHER_AWSSDK_CORE = $packages.OtherAwsCore
    $env:GW_PACKAGE_REPOSITORY = $RepositoryDir
    $exit = Invoke-Pwsh (Join-Path $Root 'build/Invoke-PesterSuite.ps1') @('-PesterPath', $packages.Pester, '-ModulePath', $ModuleDir, '-ResultFile', $resultFile)
    if (-not (Test-Path $resultFile)) { return [pscustomobject]@{ Passed = 0; Failed = [Math]::Max(1, $exit) } }
    Get-Content $resultFile -Raw | ConvertFrom-Json
}

function Invoke-ConformanceTests {
    Write-Host "== Conformance (AWS SDK for JavaScript v3)" -ForegroundColor Cyan
    $resultFile = Join-Path $Root 'out/test-results/conformance.json'
    New-Item -ItemType Directory -Force (Split-Path $resultFile) | Out-Null
    $exit = Invoke-Pwsh (Join-Path $Root 'build/Invoke-ConformanceSuite.ps1') @('-ModulePath', $ModuleDir, '-ResultFile', $resultFile)
    if (-not (Test-Path $resultFile)) { return [pscustomobject]@{ Passed = 0; Failed = [Math]::Max(1, $exit) } }
    Get-Content $resultFile -Raw | ConvertFrom-Json
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Package' { Invoke-Package }
    'Bench' {
        Invoke-Build
        Write-Host "== Bench" -ForegroundColor Cyan
        $benchmarks = Invoke-Pwsh (Join-Path $Root 'bench/Invoke-Benchmarks.ps1') @('-ModulePath', $ModuleDir, '-ReportPath', (Join-Path $Root 'docs/benchmarks.md'))
        # The soak writes its own section of the same report, after the benchmarks wrote theirs.
        $soak = Invoke-Pwsh (Join-Path $Root 'bench/Invoke-Soak.ps1') @('-ModulePath', $ModuleDir, '-ReportPath', (Join-Path $Root 'docs/benchmarks.md'))
        exit ($benchmarks -ne 0 ? $benchmarks : $soak)
    }
    'Demo' {
        Invoke-Build
        Write-Host "== Demo" -ForegroundColor Cyan
        $exit = Invoke-Pwsh (Join-Path $Root 'docs/examples/seed-walkthrough.ps1') @('-ModulePath', $ModuleDir)
        exit $exit
    }
    'Test' {
        $suites = [ordered]@{}
        try {
            Invoke-Package
            $suites.xunit = Invoke-XunitTests
            $suites.Pester = Invoke-PesterTests
            $suites.conformance = Invoke-ConformanceTests
        }
        catch {
            Write-Host "Test run aborted: $_" -ForegroundColor Red
            $suites.aborted = [pscustomobject]@{ Passed = 0; Failed = 1 }
        }
        foreach ($name in $suites.Keys) { Write-Host ("{0,-12} {1,5} passed, {2,3} failed" -f $name, $suites[$name].Passed, $suites[$name].Failed) }
        $passed = ($suites.Values | Measure-Object Passed -Sum).Sum
        $failed = ($suites.Values | Measure-Object Failed -Sum).Sum
        Write-Host "Tests: $passed passed, $failed failed"
        exit ([int]($failed -gt 0))
    }
}
