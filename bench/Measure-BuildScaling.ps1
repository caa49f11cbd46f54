<#
.SYNOPSIS
    Builds and deploys APIs of growing size under AWS's control-plane quotas, three ways, and charts the cost.
.DESCRIPTION
    For each size (routes: nested paths with path parameters, GET and POST methods, HTTP and MOCK integrations) and
    each way, a fresh pwsh process starts its own local gateway with -EmulateQuotas (its own account: the quotas
    are per account) and builds and deploys the API:
      boto3    - one boto3 call per resource, method and integration (bench/build_routes_boto3.py), boto3's
                 retry configuration as it comes; Python and boto3 from Debian (python3-boto3), installed when missing;
      pipeline - the cmdlets: Add-GwResource for every path in one pipeline, then Add-GwMethod | Set-Gw*Integration
                 per route, then Publish-GwDeployment;
      sync     - Sync-GwRestApi -Path <document> -Deploy (skipped, and said so, when the module has no Sync-GwRestApi).
    The ways of one size run side by side (separate processes, separate accounts), the sizes one after another,
    all within -TimeLimitMinutes: a case that would start after the limit is recorded as not run.
    Recorded per case: calls (every attempt the gateway saw), 429s the gateway answered (over a quota), errors that
    reached the script, and wall time. The report section goes into -ReportPath between <!-- build-scaling -->
    markers, and the chart (seconds against routes, one line per way) into -ChartPath as SVG.
.EXAMPLE
    dotnet pwsh ./bench/Measure-BuildScaling.ps1 -ModulePath ./out/ApiGatewayTools -ReportPath ./docs/benchmarks.md -Sizes 50, 200
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ReportPath,
    [string] $ChartPath = (Join-Path (Split-Path $ReportPath) 'build-scaling.svg'),
    [int[]] $Sizes = @(50, 200, 500, 1000),
    [ValidateSet('boto3', 'pipeline', 'sync')] [string[]] $Ways = @('boto3', 'pipeline', 'sync'),
    [double] $TimeLimitMinutes = 40
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path $ModulePath).Path
$WorkDir = Join-Path ([IO.Path]::GetTempPath()) "apigatewaytools-build-scaling-$PID"
New-Item -ItemType Directory -Force $WorkDir | Out-Null

# The routes of an API of $Count routes: nested paths with path parameters, GET and POST, HTTP and MOCK in turn.
function New-BuildRouteSet([int] $Count) {
    foreach ($i in 0..($Count - 1)) {
        $path = switch ($i % 4) {
            0 { "/svc$($i % 10)/items$i" }
            1 { "/svc$($i % 10)/items$i/{id}" }
            2 { "/svc$($i % 10)/group$($i % 7)/leaf$i/{name}" }
            3 { "/svc$($i % 10)/group$($i % 7)/leaf$i/{name}/detail" }
        }
        [pscustomobject]@{ Path = $path; HttpMethod = @('GET', 'POST')[$i % 2]; Kind = @('HTTP', 'MOCK')[[int](($i % 3) -eq 1)] }
    }
}

# One line of what a case wrote to stderr, without colour codes: a note for the report's table.
function Get-ShortNote([string] $Text) {
    $plain = (($Text -replace '\e\[[\d;]*m', '') -replace '\s+', ' ').Trim()
    if ($plain.Length -gt 160) { $plain.Substring(0, 160) + '...' } else { $plain }
}

function Install-Boto3 {
    & /usr/bin/python3 -c 'import boto3' 2>$null
    if ($LASTEXITCODE -eq 0) { return $true }
    Write-Host 'Installing python3-boto3 from Debian'
    apt-get install -y python3-boto3 | Out-Host
    if ($LASTEXITCODE -ne 0) { apt-get update | Out-Host; apt-get install -y python3-boto3 | Out-Host }
    & /usr/bin/python3 -c 'import boto3' 2>$null
    $LASTEXITCODE -eq 0
}

# What one case runs in its own pwsh: start an account (a gateway with quotas), build, deploy, report as JSON.
$CaseScript = @'
param($ModulePath, $Way, $RoutesFile, $LogFile, $ResultFile, $BenchDir)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$gateway = Start-GwLocalGateway -EmulateQuotas -LogPath $LogFile
$routes = Get-Content -Raw $RoutesFile | ConvertFrom-Json
$errors = @()
$clock = [Diagnostics.Stopwatch]::StartNew()
switch ($Way) {
    'boto3' {
        $line = & /usr/bin/python3 (Join-Path $BenchDir 'build_routes_boto3.py') $gateway.EndpointUrl $RoutesFile bench-api | Select-Object -Last 1
        $errors = @(($line | ConvertFrom-Json).errors)
    }
    'pipeline' {
        $api = New-GwRestApi -Name bench-api
        $byPath = @{}
        $routes | Select-Object -ExpandProperty Path -Unique | Add-GwResource -RestApiId $api.RestApiId -ErrorVariable +errors -ErrorAction SilentlyContinue |
            ForEach-Object { $byPath[$_.Path] = $_ }
        foreach ($route in $routes) {
            $method = $byPath[$route.Path] | Add-GwMethod -HttpMethod $route.HttpMethod -ErrorVariable +errors -ErrorAction SilentlyContinue
            if ($route.Kind -eq 'HTTP') {
                $method | Set-GwHttpIntegration -Uri "http://example.com$($route.Path -replace '[{}]', '')" -ErrorVariable +errors -ErrorAction SilentlyContinue | Out-Null
            }
            else {
                $method | Set-GwMockIntegration -ResponseBody '{"ok":true}' -ErrorVariable +errors -ErrorAction SilentlyContinue | Out-Null
            }
        }
        $api | Publish-GwDeployment -StageName prod -ErrorVariable +errors -ErrorAction SilentlyContinue | Out-Null
    }
    'sync' {
        $document = Join-Path (Split-Path $RoutesFile) "$([IO.Path]::GetFileNameWithoutExtension($RoutesFile)).openapi.json"
        Sync-GwRestApi -Path $document -Name bench-api -Deploy -StageName prod -ErrorVariable +errors -ErrorAction SilentlyContinue | Out-Null
    }
}
$seconds = $clock.Elapsed.TotalSeconds
$refused = (Get-GwLocalGateway).QuotaRefusals
Stop-GwLocalGateway
[pscustomobject]@{
    Calls = @(Get-Content $LogFile).Count
    Refused = $refused
    Errors = @($errors).Count
    FirstError = if ($errors) { "$($errors[0])" } else { $null }
    Seconds = [math]::Round($seconds, 1)
} | ConvertTo-Json | Set-Content $ResultFile
'@

# An OpenAPI 3 document of the routes, with API Gateway's integration extensions: what Sync-GwRestApi builds from.
function Write-RouteDocument([object[]] $Routes, [string] $Path) {
    $paths = [ordered]@{}
    foreach ($route in $Routes) {
        $parameters = @([regex]::Matches($route.Path, '\{(\w+)\}') | ForEach-Object { @{ name = $_.Groups[1].Value; in = 'path'; required = $true; schema = @{ type = 'string' } } })
        $integration = if ($route.Kind -eq 'HTTP') {
            @{ type = 'http'; httpMethod = $route.HttpMethod; uri = "http://example.com$($route.Path -replace '[{}]', '')"; responses = @{ default = @{ statusCode = '200' } } }
        }
        else {
            @{ type = 'mock'; requestTemplates = @{ 'application/json' = '{"statusCode": 200}' }; responses = @{ default = @{ statusCode = '200' } } }
        }
        $paths[$route.Path] = @{ $route.HttpMethod.ToLowerInvariant() = @{ parameters = $parameters; responses = @{ '200' = @{ description = 'OK' } }; 'x-amazon-apigateway-integration' = $integration } }
    }
    @{ openapi = '3.0.1'; info = @{ title = 'bench-api'; version = '1' }; paths = $paths } | ConvertTo-Json -Depth 20 | Set-Content $Path
}

function Start-Case([string] $Way, [int] $Size, [string] $RoutesFile) {
    $stem = Join-Path $WorkDir "$Way-$Size"
    $caseFile = Join-Path $WorkDir 'case.ps1'
    if (-not (Test-Path $caseFile)) { Set-Content $caseFile $CaseScript }
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $caseFile, $ModulePath, $Way, $RoutesFile, "$stem.log", "$stem.json", $PSScriptRoot)
    $process = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        Start-Process ([Environment]::ProcessPath) -ArgumentList (@([Environment]::GetCommandLineArgs()[0]) + $arguments) -PassThru -NoNewWindow -RedirectStandardOutput "$stem.out" -RedirectStandardError "$stem.err"
    }
    else {
        Start-Process ([Environment]::ProcessPath) -ArgumentList $arguments -PassThru -NoNewWindow -RedirectStandardOutput "$stem.out" -RedirectStandardError "$stem.err"
    }
    [pscustomobject]@{ Way = $Way; Size = $Size; Process = $process; ResultFile = "$stem.json"; ErrorFile = "$stem.err" }
}

function Write-Chart([object[]] $Results, [string] $Path) {
    $measured = @($Results | Where-Object { $null -ne $_.Seconds })
    $width = 640; $height = 360; $left = 60; $bottom = 40; $top = 30; $right = 110
    $maxX = [math]::Max(1, ($Sizes | Measure-Object -Maximum).Maximum)
    $maxY = [math]::Max(1, ($measured | Measure-Object Seconds -Maximum).Maximum)
    $x = { param($v) $left + ($width - $left - $right) * $v / $maxX }
    $y = { param($v) $height - $bottom - ($height - $bottom - $top) * $v / $maxY }
    $colors = @{ boto3 = '#d62728'; pipeline = '#1f77b4'; sync = '#2ca02c' }
    $svg = [Text.StringBuilder]::new()
    [void]$svg.AppendLine("<svg xmlns='http://www.w3.org/2000/svg' width='$width' height='$height' font-family='sans-serif' font-size='12'>")
    [void]$svg.AppendLine("<rect width='100%' height='100%' fill='white'/>")
    [void]$svg.AppendLine("<text x='$left' y='18' font-size='14'>Build and deploy under AWS's control-plane quotas: seconds by routes</text>")
    [void]$svg.AppendLine("<line x1='$left' y1='$(& $y 0)' x2='$($width - $right)' y2='$(& $y 0)' stroke='black'/><line x1='$left' y1='$top' x2='$left' y2='$(& $y 0)' stroke='black'/>")
    foreach ($size in $Sizes) { [void]$svg.AppendLine("<text x='$(& $x $size)' y='$($height - 22)' text-anchor='middle'>$size</text>") }
    foreach ($tick in 0..4) { $v = [math]::Round($maxY * $tick / 4); [void]$svg.AppendLine("<text x='$($left - 6)' y='$('{0:0.#}' -f (& $y $v))' text-anchor='end'>$v s</text>") }
    [void]$svg.AppendLine("<text x='$(($width - $right + $left) / 2)' y='$($height - 6)' text-anchor='middle'>routes</text>")
    $row = 0
    foreach ($way in $Ways) {
        $points = @($measured | Where-Object Way -eq $way | Sort-Object Size)
        if (-not $points) { continue }
        $coordinates = ($points | ForEach-Object { '{0:0.#},{1:0.#}' -f (& $x $_.Size), (& $y $_.Seconds) }) -join ' '
        [void]$svg.AppendLine("<polyline fill='none' stroke='$($colors[$way])' stroke-width='2' points='$coordinates'/>")
        foreach ($p in $points) { [void]$svg.AppendLine("<circle cx='$('{0:0.#}' -f (& $x $p.Size))' cy='$('{0:0.#}' -f (& $y $p.Seconds))' r='3' fill='$($colors[$way])'/>") }
        [void]$svg.AppendLine("<text x='$($width - $right + 10)' y='$($top + 20 + 18 * $row)' fill='$($colors[$way])'>$way</text>")
        $row++
    }
    [void]$svg.AppendLine('</svg>')
    Set-Content -Path $Path -Value $svg.ToString() -Encoding utf8NoBOM
}

$clock = [Diagnostics.Stopwatch]::StartNew()
$results = [Collections.Generic.List[object]]::new()
$hasSync = [bool](Get-Command Sync-GwRestApi -Module (Import-Module $ModulePath -PassThru -Force) -ErrorAction SilentlyContinue)
$hasBoto3 = if ('boto3' -in $Ways) { Install-Boto3 } else { $false }
try {
    foreach ($size in $Sizes) {
        $routesFile = Join-Path $WorkDir "routes-$size.json"
        $routes = @(New-BuildRouteSet $size)
        $routes | ConvertTo-Json -Depth 5 | Set-Content $routesFile
        Write-RouteDocument $routes (Join-Path $WorkDir "routes-$size.openapi.json")
        $cases = foreach ($way in $Ways) {
            $skip = if ($way -eq 'sync' -and -not $hasSync) { 'Sync-GwRestApi is not in this build' }
                    elseif ($way -eq 'boto3' -and -not $hasBoto3) { 'boto3 could not be installed' }
                    elseif ($clock.Elapsed.TotalMinutes -ge $TimeLimitMinutes) { 'time limit reached' }
            if ($skip) { $results.Add([pscustomobject]@{ Way = $way; Size = $size; Calls = $null; Refused = $null; Errors = $null; Seconds = $null; Note = "not run: $skip" }); continue }
            Write-Host "== $way, $size routes"
            Start-Case $way $size $routesFile
        }
        foreach ($case in @($cases)) {
            $left = [math]::Max(1, ($TimeLimitMinutes * 60) - $clock.Elapsed.TotalSeconds)
            if (-not $case.Process.WaitForExit([int]($left * 1000))) {
                Stop-Process -Id $case.Process.Id -Force -ErrorAction SilentlyContinue
                $results.Add([pscustomobject]@{ Way = $case.Way; Size = $case.Size; Calls = $null; Refused = $null; Errors = $null; Seconds = $null; Note = 'stopped at the time limit' })
                continue
            }
            if (-not (Test-Path $case.ResultFile)) {
                $results.Add([pscustomobject]@{ Way = $case.Way; Size = $case.Size; Calls = $null; Refused = $null; Errors = $null; Seconds = $null; Note = "failed: $(Get-ShortNote (Get-Content $case.ErrorFile -Raw))" })
                continue
            }
            $r = Get-Content -Raw $case.ResultFile | ConvertFrom-Json
            $results.Add([pscustomobject]@{ Way = $case.Way; Size = $case.Size; Calls = $r.Calls; Refused = $r.Refused; Errors = $r.Errors; Seconds = $r.Seconds; Note = if ($r.FirstError) { Get-ShortNote $r.FirstError } else { $null } })
            Write-Host ("   {0} {1}: {2} calls, {3} refused (429), {4} errors, {5} s" -f $case.Way, $case.Size, $r.Calls, $r.Refused, $r.Errors, $r.Seconds)
        }
    }
}
finally {
    Remove-Item $WorkDir -Recurse -Force -ErrorAction SilentlyContinue
}

# Targets: Sync 20 times faster than the per-call loop at 500 routes; the pipeline never fails on throttling; cost
# grows at most linearly with routes: the largest size's time per route is within 25% of the smallest size's, or
# below it (a way whose cost barely grows with routes, as Sync's, passes).
$verdicts = foreach ($way in $Ways) {
    $rows = @($results | Where-Object { $_.Way -eq $way -and $null -ne $_.Seconds } | Sort-Object Size)
    if ($rows.Count -ge 2) {
        $perRoute = @($rows | ForEach-Object { $_.Seconds / $_.Size })
        $growth = $perRoute[-1] / [math]::Max(0.000001, $perRoute[0])
        "${way}: time per route $((($perRoute | ForEach-Object { '{0:0.000} s' -f $_ }) -join ', ')) across $((($rows.Size) -join ', ')) routes; the largest size costs $('{0:0.00}' -f $growth)x the smallest per route ($(if ($growth -le 1.25) { 'at most linear: PASS' } else { 'FAIL' }))"
    }
}
$pipelineRows = @($results | Where-Object { $_.Way -eq 'pipeline' -and $null -ne $_.Seconds })
if ($pipelineRows) {
    $throttleErrors = @($pipelineRows | Where-Object { $_.Errors -gt 0 -and "$($_.Note)" -match 'TooManyRequests' }).Count
    $verdicts += "pipeline: $((($pipelineRows | Measure-Object Refused -Sum).Sum)) calls refused with 429 by the gateway over all sizes, $((($pipelineRows | Measure-Object Errors -Sum).Sum)) errors surfaced ($(if ($throttleErrors -eq 0) { 'never failed on throttling: PASS' } else { 'FAIL' }))"
}
$sync500 = $results | Where-Object { $_.Way -eq 'sync' -and $_.Size -eq 500 -and $null -ne $_.Seconds }
$boto500 = $results | Where-Object { $_.Way -eq 'boto3' -and $_.Size -eq 500 -and $null -ne $_.Seconds }
$verdicts += if ($sync500 -and $boto500) { "sync vs boto3 at 500 routes: $('{0:0.0}' -f ($boto500.Seconds / [math]::Max(0.1, $sync500.Seconds)))x faster (target 20x)" } else { 'sync vs boto3 at 500 routes: not measured in this run' }

Write-Chart @($results) $ChartPath
$table = ($results | Sort-Object Size, Way | ForEach-Object { "| $($_.Size) | $($_.Way) | $($_.Calls) | $($_.Refused) | $($_.Errors) | $($_.Seconds) | $($_.Note) |" }) -join "`n"
$section = @"
<!-- build-scaling -->
## Building under AWS's quotas: per-call loop, pipeline, Sync

APIs of $($Sizes -join ', ') routes (nested paths with path parameters, GET and POST, HTTP and MOCK integrations),
built and deployed three ways, each case in its own pwsh with its own local gateway started with ``-EmulateQuotas``
(its own account; the ways of one size run side by side), within $TimeLimitMinutes minutes in all
(bench/Measure-BuildScaling.ps1). boto3: one call per resource, method and integration, boto3's default retries.
Pipeline: Add-GwResource for every path in one pipeline, Add-GwMethod | Set-Gw*Integration per route (which also
puts the method and integration responses), Publish-GwDeployment. Sync: Sync-GwRestApi -Path <OpenAPI document>.
Calls are every attempt the gateway saw; 429s are the calls it refused over a quota; errors are what reached the
script after the client's own retries. Measured $(Get-Date -Format 'yyyy-MM-dd').

![Seconds by routes](build-scaling.svg)

| Routes | Way | Calls | 429s | Errors | Seconds | Note |
|---|---|---|---|---|---|---|
$table

$(($verdicts | ForEach-Object { "- $_" }) -join "`n")
<!-- /build-scaling -->
"@
$report = if (Test-Path $ReportPath) { Get-Content -Raw $ReportPath } else { '' }
$report = if ($report -match '(?s)<!-- build-scaling -->.*<!-- /build-scaling -->') { $report -replace '(?s)<!-- build-scaling -->.*<!-- /build-scaling -->', $section.Trim() } else { $report.TrimEnd() + "`n`n" + $section.Trim() + "`n" }
Set-Content -Path $ReportPath -Value $report -NoNewline
$results | Format-Table Size, Way, Calls, Refused, Errors, Seconds, Note -AutoSize | Out-Host
$verdicts | Out-Host
