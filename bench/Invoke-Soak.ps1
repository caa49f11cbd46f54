<#
.SYNOPSIS
    Soak: builds a 300-route API through a local gateway that misbehaves on a fifth of the calls, runs the same
    script twice more, and checks that what exists is exactly what was asked.
.DESCRIPTION
    The gateway runs with -EmulateQuotas (AWS's per-account control-plane quotas) and -FaultRate 0.2 over every
    fault kind (throttled, server error, unavailable, connection reset, slow, and done-but-answer-lost), on
    loopback only, with a fixed seed. The route set (bench/
    FaultConvergence.ps1) has nested paths, path parameters, and HTTP, MOCK and Lambda integrations; the script
    publishes two stages. After three runs the API is compared with the definition: one API, no duplicate or
    orphan resource or method, every integration as asked, each Lambda statement once, both stages.
    Calls, retries, faults the client met and wall time are written to their own section of the report, with
    where the time went: waits to stay within the quotas, waits before retries (Retry-After or backoff), and
    slow answers.
    Bounded: the whole run stops after -TimeLimitMinutes (10), and the gateway is stopped on any exit.
    Exit code: 0 when the API is exactly as defined, 1 otherwise.
.EXAMPLE
    dotnet pwsh ./bench/Invoke-Soak.ps1 -ModulePath ./out/ApiGatewayTools -ReportPath ./docs/benchmarks.md
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ReportPath,
    [int] $RouteCount = 300,
    [int] $Seed = 13,
    [double] $TimeLimitMinutes = 10
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
. $PSScriptRoot/FaultConvergence.ps1

$routes = @(New-FaultRouteSet -Count $RouteCount)
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$runs = @()
$differences = @('not compared')
try {
    Start-GwLocalGateway -EmulateQuotas -FaultRate 0.2 -FaultSeed $Seed | Out-Null
    Register-GwLocalFunction -FunctionName soak-fn -ScriptBlock { param($event) @{ statusCode = 200; body = 'soak' } } | Out-Null
    foreach ($run in 1..3) {
        if ($clock.Elapsed.TotalMinutes -ge $TimeLimitMinutes) { Write-Warning "Time limit reached before run $run."; break }
        $runClock = [System.Diagnostics.Stopwatch]::StartNew()
        $errors = $null
        # Every attempt shows in -Verbose: one line per request, "(attempt n)" on the retries.
        $until = [datetime]::UtcNow.AddMinutes($TimeLimitMinutes - $clock.Elapsed.TotalMinutes)
        $verbose = @(Invoke-FaultRouteBuild -ApiName soak-api -Routes $routes -FunctionName soak-fn -Until $until -Verbose -ErrorAction SilentlyContinue -ErrorVariable errors 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $requests = @($verbose | Where-Object { $_ -match ' -> ' })
        $seconds = { param($pattern) [math]::Round((@($verbose | ForEach-Object { if ($_ -match $pattern) { [double]$Matches[1] } }) | Measure-Object -Sum).Sum, 1) }
        $runs += [pscustomobject]@{
            Run = $run
            Calls = $requests.Count
            Retries = @($requests | Where-Object { $_ -match '\(attempt \d+\)$' }).Count
            Faults = @($requests | Where-Object { $_ -match ' -> (429|500|503|no response)' }).Count
            Reconciled = @($verbose | Where-Object { $_ -match 'what it made exists' }).Count
            Errors = @($errors).Count
            Throttled = @($requests | Where-Object { $_ -match ' -> 429' }).Count
            PacedSeconds = & $seconds "held ([\d.]+) s to stay within"
            RetryWaitSeconds = & $seconds 'retrying in ([\d.]+) s'
            SlowSeconds = [math]::Round((& $seconds ' -> \d{3}.* in (\d{4,}) ms') / 1000, 1)
            Seconds = [math]::Round($runClock.Elapsed.TotalSeconds, 1)
        }
        Write-Host ($runs[-1] | Format-Table -AutoSize | Out-String).Trim()
    }
    # The comparison reads through the same faulty gateway: it gets all the patience it needs.
    $PSDefaultParameterValues['*-Gw*:MaxRetry'] = 20
    $differences = @(Compare-FaultRouteBuild -ApiName soak-api -Routes $routes -FunctionName soak-fn)
}
finally {
    Stop-GwLocalGateway
}

$verdict = if ($differences.Count -eq 0) { 'identical to the definition: one API, no duplicate, no orphan, each Lambda statement once, both stages' } else { "DIFFERS in $($differences.Count) ways, first: $(($differences | Select-Object -First 10) -join '; ')" }
$table = ($runs | ForEach-Object { "| $($_.Run) | $($_.Calls) | $($_.Retries) | $($_.Faults) | $($_.Throttled) | $($_.Reconciled) | $($_.Errors) | $($_.PacedSeconds) | $($_.RetryWaitSeconds) | $($_.SlowSeconds) | $($_.Seconds) |" }) -join "`n"
$section = @"
<!-- soak -->
## Soak: faults, re-runs, convergence

$RouteCount routes (nested paths, path parameters; HTTP, MOCK and Lambda integrations; stages prod and test) built
by the same script three times through a local gateway with ``-EmulateQuotas -FaultRate 0.2`` over every fault kind
(seed $Seed). Calls and retries are the client's attempts as -Verbose shows them; faults are the attempts that met
429, 500, 503 or a lost connection (slow answers are not counted), 429s among them (injected or over a quota);
reconciled are lost creates found instead of made again; errors are the cmdlet errors a run reported (the next run
finishes that work). Where the time went: paced is the client holding calls back to stay within AWS's quotas,
retry waits are the waits before retries (the server's Retry-After, else backoff), slow is the time spent in
answers that took over a second (the SlowResponse fault holds an answer 2 s). Measured $(Get-Date -Format 'yyyy-MM-dd').

| Run | Calls | Retries | Faults | 429s | Reconciled | Errors | Paced s | Retry waits s | Slow s | Seconds |
|---|---|---|---|---|---|---|---|---|---|---|
$table

Total wall time: $([math]::Round($clock.Elapsed.TotalSeconds)) s. Result: $verdict.
$(($runs | ForEach-Object { "Run $($_.Run): $($_.Seconds) s, of which $($_.SlowSeconds) s in slow answers, $($_.RetryWaitSeconds) s waiting before retries and $($_.PacedSeconds) s paced to the quotas; $($_.Calls) calls, $([math]::Round($_.Calls / $RouteCount, 1)) per route." }) -join "`n")
<!-- /soak -->
"@
$report = if (Test-Path $ReportPath) { Get-Content -Raw $ReportPath } else { '' }
$report = if ($report -match '(?s)<!-- soak -->.*<!-- /soak -->') { $report -replace '(?s)<!-- soak -->.*<!-- /soak -->', $section.Trim() } else { $report.TrimEnd() + "`n`n" + $section.Trim() + "`n" }
Set-Content -Path $ReportPath -Value $report -NoNewline
Write-Host $verdict
exit ($differences.Count -eq 0 ? 0 : 1)
