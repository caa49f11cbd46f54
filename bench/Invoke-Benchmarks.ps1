<#
.SYNOPSIS
    Measures the local gateway's data plane under load and the module's import cost, and writes a markdown report.
.DESCRIPTION
    Data plane: a closed-loop load generator (wrk, or bench/LoadClient when wrk cannot be installed) with a fixed
    number of connections runs against, in turn:
      - a backend that answers 200 at once (an nginx server block with `return 200`);
      - nginx as a reverse proxy to that backend (keepalive upstream): the reference for HTTP_PROXY;
      - a bare HttpListener server in this process (bench/HelloListener.cs): HttpListener's own ceiling here;
      - the local gateway's MOCK integration (GET /mock), HTTP_PROXY integration (GET /proxy -> the backend) and
        AWS_PROXY integrations with warm Node.js and Python handler files (GET /node, GET /python, when node and
        python3 are installed), set up with the module's cmdlets and deployed to the stage "bench";
      - the MOCK and HTTP_PROXY methods on the stage "cached", which has a cache cluster, caching on for every
        method and a stage throttle set high enough never to trigger: after the first request every answer is a
        cache hit;
      - the same MOCK behind a REQUEST Lambda authorizer whose decision is cached, with an API key (from the
        authorizer's usageIdentifierKey) checked against a usage plan (GET /authorized?token=bench).
    The gateway runs with its account throttle raised the same way, so that no row measures 429s.
    Each target gets a warm-up run, then a measured run; the CPU time of the load generator, of the server and of
    the machine as a whole (idle, other processes) is recorded for the measured run, which shows what limits a
    rate on a machine with few cores.
    Import cost: pairs of cold `pwsh -NoProfile` processes, bare and with Import-Module, until the median of what
    the import adds (wall time; CPU time, the import timed inside the process and the working set alongside) is
    known to within -ImportPrecisionMs. -Only Import measures and prints it alone and leaves the report as it is.
    Missing tools (wrk, nginx) are installed from Debian's packages with apt-get. Every server listens on
    127.0.0.1 only; every process started here is stopped before the script ends, on failure too.
    Building under AWS's control-plane quotas (bench/Measure-BuildScaling.ps1): APIs of 50 to 1,000 routes built
    and deployed by a boto3 per-call loop, the cmdlet pipeline and Sync-GwRestApi, each against its own local
    gateway with -EmulateQuotas; its section and chart are added to the report.
    Exit code: 0 when every target was measured and met, 1 otherwise; the report is written either way.
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench
.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmarks.ps1 -ModulePath ./out/ApiGatewayTools -ReportPath ./docs/benchmarks.md -Only BuildScaling
.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmarks.ps1 -ModulePath ./out/ApiGatewayTools -ReportPath ./docs/benchmarks.md -Only DataPlane -TargetFilter '*POST*'
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [Parameter(Mandatory)]
    [string] $ReportPath,

    [ValidateRange(1, 1024)]
    [int] $Connections = 32,

    [ValidateRange(0, 60)]
    [int] $WarmupSeconds = 3,

    [ValidateRange(1, 120)]
    [int] $DurationSeconds = 10,

    # Pairs of cold processes (bare, with the import) for the import cost: at least ImportRuns, and more, up to
    # MaxImportRuns, until the median of what the import adds is known to within ImportPrecisionMs (95% confidence).
    # On a busy machine single processes vary by hundreds of milliseconds, so the median needs many.
    [ValidateRange(5, 500)]
    [int] $ImportRuns = 30,

    [ValidateRange(5, 500)]
    [int] $MaxImportRuns = 150,

    [ValidateRange(1, 1000)]
    [int] $ImportPrecisionMs = 15,

    # wrk is preferred; 'dotnet' forces the bench/LoadClient fallback.
    [ValidateSet('wrk', 'dotnet')]
    [string] $LoadGenerator = 'wrk',

    # Which parts to run. DataPlane and Import write the report's main sections together (the report is rewritten);
    # BuildScaling adds or replaces its own section of the report as it is.
    [ValidateSet('DataPlane', 'Import', 'BuildScaling')]
    [string[]] $Only = @('DataPlane', 'Import', 'BuildScaling'),

    # Measure only the data-plane targets whose names match one of these wildcards (e.g. 'gateway *POST*'); the
    # import cost is then skipped and the report is not written (a partial run must not replace the full one): the
    # figures and the verdicts that apply are printed.
    [string[]] $TargetFilter
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$RepoRoot = Split-Path $PSScriptRoot
$ModulePath = (Resolve-Path $ModulePath).Path
$WorkDir = Join-Path ([IO.Path]::GetTempPath()) "apigatewaytools-bench-$PID"
$Goals = [pscustomobject]@{
    MockRequestsPerSecond = 15000
    ProxyShareOfNginx     = 0.40
    CachedShareOfMock     = 0.80
    AuthorizedShareOfMock = 0.80
    ValidatedShareOfUnvalidated = 0.80
    P99Ms                 = 20
    # How much later than MOCK a warm handler file answers, one request at a time.
    FunctionP50GapMs      = 2
    ImportMs              = 150
    ImportWorkingSetMB    = 30
}
$script:AptUpdated = $false
$OneAtATime = 'one request at a time'
$ValidatedPost = 'gateway validated POST (MOCK)'
$UnvalidatedPost = 'gateway unvalidated POST (MOCK)'
# The validated POST's body: every property of the bench model (about 10), as a client would send it.
$BenchPetBody = '{"name":"Rex","species":"dog","breed":"collie","age":4,"weight":21.5,"vaccinated":true,"tags":["good","calm"],"owner":{"name":"Ann","email":"ann@example.com"},"color":"black","chip":"981000123456789"}'

#region Tools and processes

# Runs an installer with Debian's policy-rc.d denying service starts, so that installing nginx never starts the
# distribution's own server on port 80 of every interface. An existing policy file is left as it is.
function Invoke-WithoutServiceStart([scriptblock] $Action) {
    $policy = '/usr/sbin/policy-rc.d'
    $ours = -not (Test-Path $policy)
    if ($ours) {
        Set-Content $policy "#!/bin/sh`nexit 101`n"
        & chmod +x $policy
    }
    try { & $Action }
    finally { if ($ours) { Remove-Item $policy -Force } }
}

# Returns the path of a command, installing its Debian package first if it is missing; $null if that fails.
function Install-DebianTool([string] $Command, [string] $Package) {
    $found = Get-Command $Command -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($found) {
        Write-Host "${Command}: already installed ($($found.Source))"
        return $found.Source
    }
    if (-not (Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue)) {
        Write-Warning "${Command}: not installed and apt-get is not available."
        return $null
    }
    Write-Host "${Command}: not installed; installing the Debian package '$Package'"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-WithoutServiceStart {
        if (-not $script:AptUpdated) {
            & apt-get update -qq | Out-Host
            $script:AptUpdated = $true
        }
        & apt-get install -y -qq $Package | Out-Host
    }
    $found = Get-Command $Command -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $found) {
        Write-Warning "${Command}: installing '$Package' failed (exit code $LASTEXITCODE)."
        return $null
    }
    $found.Source
}

function Get-FreePort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Wait-Port([int] $Port, [int] $TimeoutSeconds = 10) {
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $client = [Net.Sockets.TcpClient]::new()
        try {
            $client.Connect([Net.IPAddress]::Loopback, $Port)
            return
        }
        catch { Start-Sleep -Milliseconds 100 }
        finally { $client.Dispose() }
    }
    throw "Nothing listens on 127.0.0.1:$Port after $TimeoutSeconds s."
}

# Runs a program to completion with a hard time limit and returns its standard output; the program (and its
# children) is killed if it overruns.
function Invoke-BoundedProcess([string] $FileName, [string[]] $ArgumentList, [int] $TimeoutSeconds) {
    $start = [Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $start.WorkingDirectory = $RepoRoot
    $process = [Diagnostics.Process]::Start($start)
    try {
        $output = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "$FileName did not finish within $TimeoutSeconds s and was stopped."
        }
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) { throw "$FileName $($ArgumentList -join ' ') exited with code $($process.ExitCode)." }
        $output.GetAwaiter().GetResult()
    }
    finally { $process.Dispose() }
}

# CPU seconds (user + system) used so far by the given processes, from /proc/<pid>/stat.
function Get-CpuSeconds([int[]] $ProcessIds) {
    $ticksPerSecond = 100   # USER_HZ: 100 on every Linux architecture .NET runs on
    $total = 0.0
    foreach ($id in $ProcessIds) {
        $stat = Get-Content "/proc/$id/stat" -Raw -ErrorAction SilentlyContinue
        if (-not $stat) { continue }
        # Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
        $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
        $total += ([double]$fields[11] + [double]$fields[12]) / $ticksPerSecond
    }
    $total
}

# The machine's CPU counters in clock ticks: busy and idle (idle + iowait), from the first line of /proc/stat.
function Get-MachineCpuTicks {
    $fields = (Get-Content /proc/stat -TotalCount 1).Split(' ', [StringSplitOptions]::RemoveEmptyEntries)[1..8] | ForEach-Object { [double]$_ }
    $idle = $fields[3] + $fields[4]
    [pscustomobject]@{ Idle = $idle; Busy = ($fields | Measure-Object -Sum).Sum - $idle }
}

function Get-ChildProcessIds([int] $ParentId) {
    foreach ($stat in Get-ChildItem /proc -Directory | Where-Object Name -Match '^\d+$') {
        $text = Get-Content (Join-Path $stat.FullName 'stat') -Raw -ErrorAction SilentlyContinue
        if ($text -and [int]$text.Substring($text.LastIndexOf(')') + 2).Split(' ')[1] -eq $ParentId) { [int]$stat.Name }
    }
}

function Get-ToolVersion([string] $Command, [string[]] $ArgumentList, [string] $Pattern) {
    if (-not (Get-Command $Command -CommandType Application -ErrorAction SilentlyContinue)) { return 'not installed' }
    $text = (& $Command @ArgumentList 2>&1 | Out-String)
    if ($text -match $Pattern) { $Matches[1] } else { $text.Trim() }
}

#endregion

#region Load generation

# One load generator run against a URL; the same shape whatever the generator. CpuSeconds is the generator's own.
# Whether -TargetFilter selects the target (every target without it).
function Test-Selected([string] $Name) {
    -not $TargetFilter -or @($TargetFilter | Where-Object { $Name -like $_ }).Count -gt 0
}

# A wrk script that sends POST with this JSON body and these headers instead of GET.
function New-WrkPostScript([string] $Body, [hashtable] $Headers) {
    $path = Join-Path $WorkDir "post-$([guid]::NewGuid().ToString('n')).lua"
    $quote = { param($text) '"' + $text.Replace('\', '\\').Replace('"', '\"') + '"' }
    $lines = @('wrk.method = "POST"', "wrk.body = $(& $quote $Body)", 'wrk.headers["Content-Type"] = "application/json"')
    foreach ($name in $Headers.Keys) { $lines += "wrk.headers[$(& $quote $name)] = $(& $quote $Headers[$name])" }
    Set-Content -Path $path -Value $lines
    $path
}

function Invoke-LoadRun([string] $Url, [int] $Seconds, [hashtable] $Post) {
    if ($script:Generator.Name -eq 'wrk') {
        # bash's `times` reports the CPU its child (wrk) used; wrk itself does not.
        $threads = [Math]::Min([Environment]::ProcessorCount, $Connections)
        $script = if ($Post) { "-s '$(New-WrkPostScript $Post.Body $Post.Headers)' " } else { '' }
        $command = "wrk --latency -t$threads -c$Connections -d${Seconds}s $script'$Url'; status=`$?; times; exit `$status"
        $output = Invoke-BoundedProcess 'bash' @('-c', $command) ($Seconds + 30)
        ConvertFrom-WrkOutput $output
    }
    else {
        $output = Invoke-BoundedProcess 'dotnet' @($script:Generator.Path, $Url, "$Connections", "$Seconds") ($Seconds + 30)
        $result = $output | ConvertFrom-Json
        [pscustomobject]@{
            RequestsPerSecond = [double]$result.requestsPerSecond
            P50Ms             = [double]$result.p50Ms
            P99Ms             = [double]$result.p99Ms
            Errors            = [long]$result.errors
            Non2xx            = [long]$result.non2xx
            CpuSeconds        = [double]$result.cpuSeconds
        }
    }
}

function ConvertFrom-WrkDuration([string] $Text) {
    if ($Text -notmatch '^([\d.]+)(us|ms|s|m)$') { throw "Unexpected wrk duration '$Text'." }
    $scale = @{ us = 0.001; ms = 1; s = 1000; m = 60000 }[$Matches[2]]
    [double]$Matches[1] * $scale
}

function ConvertFrom-WrkOutput([string] $Output) {
    $value = { param($pattern) if ($Output -match $pattern) { $Matches[1] } else { $null } }
    $socketErrors = 0
    if ($Output -match 'Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)') {
        $socketErrors = [long]$Matches[1] + [long]$Matches[2] + [long]$Matches[3] + [long]$Matches[4]
    }
    # The last line of `times` holds the children's user and system time, e.g. "0m1.234s 0m2.345s".
    $childTimes = ($Output.Trim() -split "`n")[-1] -split '\s+' | ForEach-Object {
        if ($_ -match '^(\d+)m([\d.]+)s$') { [double]$Matches[1] * 60 + [double]$Matches[2] }
    }
    [pscustomobject]@{
        RequestsPerSecond = [double](& $value 'Requests/sec:\s+([\d.]+)')
        P50Ms             = ConvertFrom-WrkDuration (& $value '\n\s+50%\s+(\S+)')
        P99Ms             = ConvertFrom-WrkDuration (& $value '\n\s+99%\s+(\S+)')
        Errors            = $socketErrors
        Non2xx            = [long](& $value 'Non-2xx or 3xx responses: (\d+)')
        CpuSeconds        = ($childTimes | Measure-Object -Sum).Sum
    }
}

# Warm-up run, then the measured run; the CPU time of the server (and of a backend behind it, when it is a
# separate process) is taken around the measured run only.
# With -Post @{ Body; Headers } the target is sent POST with that JSON body (wrk only).
function Measure-Target([string] $Name, [string] $Url, [scriptblock] $ServerProcessIds, [scriptblock] $BackendProcessIds = { @() }, [hashtable] $Post) {
    if (-not (Test-Selected $Name)) { return }
    Write-Host ("{0,-34} {1}" -f $Name, $Url)
    if ($Post -and $script:Generator.Name -ne 'wrk') {
        $script:Problems.Add("$Name was not measured: only wrk sends POST bodies, and $($script:Generator.Name) was the load generator.")
        return
    }
    # A target that does not answer 200 to one request is reported as not measured; the others still run.
    $probe = if ($Post) {
        Invoke-WebRequest $Url -Method Post -Body $Post.Body -ContentType 'application/json' -Headers $Post.Headers -SkipHttpErrorCheck -TimeoutSec 5
    }
    else { Invoke-WebRequest $Url -SkipHttpErrorCheck -TimeoutSec 5 }
    if ($probe.StatusCode -ne 200) {
        $problem = "$Name answered $($probe.StatusCode) to a single GET ($($probe.Content)), so it was not measured."
        Write-Warning $problem
        $script:Problems.Add($problem)
        return
    }
    if ($WarmupSeconds -gt 0) { Invoke-LoadRun $Url $WarmupSeconds $Post | Out-Null }
    $serverIds = @(& $ServerProcessIds)
    $backendIds = @(& $BackendProcessIds)
    $serverBefore = Get-CpuSeconds $serverIds
    $backendBefore = Get-CpuSeconds $backendIds
    $machineBefore = Get-MachineCpuTicks
    $run = Invoke-LoadRun $Url $DurationSeconds $Post
    $machineAfter = Get-MachineCpuTicks
    # Every CPU figure is in percent of one core over the measured run; the machine has ProcessorCount * 100.
    $percentOfCore = { param($seconds) 100 * $seconds / $DurationSeconds }
    $generatorCpu = & $percentOfCore $run.CpuSeconds
    $serverCpu = & $percentOfCore ((Get-CpuSeconds $serverIds) - $serverBefore)
    $backendCpu = & $percentOfCore ((Get-CpuSeconds $backendIds) - $backendBefore)
    $machineTicks = ($machineAfter.Idle - $machineBefore.Idle) + ($machineAfter.Busy - $machineBefore.Busy)
    $idleCpu = 100 * [Environment]::ProcessorCount * ($machineAfter.Idle - $machineBefore.Idle) / [Math]::Max(1, $machineTicks)
    $result = [pscustomobject]@{
        Name               = $Name
        RequestsPerSecond  = $run.RequestsPerSecond
        P50Ms              = $run.P50Ms
        P99Ms              = $run.P99Ms
        Errors             = $run.Errors
        Non2xx             = $run.Non2xx
        GeneratorCpu       = $generatorCpu
        ServerCpu          = $serverCpu
        BackendCpu         = if ($backendIds.Count) { $backendCpu } else { $null }
        # Idle CPU next to a busy server means something other than CPU holds it back (a lock, a single-threaded stage).
        IdleCpu            = $idleCpu
        # What the rest of the machine took meanwhile: work outside the benchmark competing for the same cores.
        OtherCpu           = [Math]::Max(0, 100 * [Environment]::ProcessorCount - $idleCpu - $generatorCpu - $serverCpu - $backendCpu)
        # CPU per request is what the server's own work costs; unlike the rate it barely moves with contention.
        ServerUsPerRequest = if ($run.RequestsPerSecond -gt 0) { 1e4 * $serverCpu / $run.RequestsPerSecond } else { $null }
    }
    Write-Host ("{0,-34} {1,9:N0} req/s  p50 {2:N2} ms  p99 {3:N2} ms  errors {4}  non-2xx {5}  cpu: generator {6:N0}%, server {7:N0}%{8}, idle {9:N0}%, other processes {10:N0}%" -f '',
        $result.RequestsPerSecond, $result.P50Ms, $result.P99Ms, $result.Errors, $result.Non2xx, $result.GeneratorCpu, $result.ServerCpu,
        $(if ($backendIds.Count) { ', backend {0:N0}%' -f $result.BackendCpu }), $result.IdleCpu, $result.OtherCpu)
    $result
}

function Select-LoadGenerator {
    if ($LoadGenerator -eq 'wrk') {
        $wrk = Install-DebianTool 'wrk' 'wrk'
        if ($wrk) { return [pscustomobject]@{ Name = 'wrk'; Path = $wrk; Version = Get-ToolVersion 'wrk' @('--version') '^wrk (\S+)' } }
        Write-Host 'Falling back to bench/LoadClient (.NET HttpClient).'
    }
    $output = Join-Path $WorkDir 'loadclient'
    & dotnet build (Join-Path $PSScriptRoot 'LoadClient') -c Release -o $output --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Building bench/LoadClient failed (exit code $LASTEXITCODE)." }
    [pscustomobject]@{ Name = 'LoadClient'; Path = (Join-Path $output 'LoadClient.dll'); Version = "bench/LoadClient on .NET $([Environment]::Version)" }
}

#endregion

#region Servers

# One nginx master with one worker per core: a `return 200` backend and a keepalive reverse proxy in front of it.
function Start-Nginx([int] $BackendPort, [int] $ProxyPort) {
    $directory = New-Item -ItemType Directory -Force (Join-Path $WorkDir 'nginx')
    $config = Join-Path $directory 'nginx.conf'
    $text = Get-Content (Join-Path $PSScriptRoot 'nginx.conf.template') -Raw
    $values = @{ WORKERS = [Environment]::ProcessorCount; DIR = $directory.FullName; BACKEND_PORT = $BackendPort; PROXY_PORT = $ProxyPort }
    foreach ($name in $values.Keys) { $text = $text.Replace("{{$name}}", "$($values[$name])") }
    Set-Content $config $text
    $start = [Diagnostics.ProcessStartInfo]::new('nginx')
    # -e: the startup error log too goes to the run's directory, not /var/log/nginx.
    foreach ($argument in '-p', $directory.FullName, '-c', $config, '-e', (Join-Path $directory 'error.log')) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    try {
        Wait-Port $BackendPort
        Wait-Port $ProxyPort
    }
    catch {
        Stop-Nginx $process
        throw
    }
    $process
}

function Stop-Nginx([Diagnostics.Process] $Process) {
    if (-not $Process.HasExited) {
        $Process.Kill($true)
        $Process.WaitForExit(5000) | Out-Null
    }
    $Process.Dispose()
}

# The API the gateway serves in the benchmark: GET /mock (MOCK), GET /proxy (HTTP_PROXY to the backend) and
# the function targets' paths (AWS_PROXY to handler files answering the same 11 bytes), deployed to the stages
# "bench" (plain) and "cached" (stage cache on, throttle high); returns both stages.
function New-BenchApi([int] $BackendPort) {
    $api = New-GwRestApi -Name "bench-$PID" -Description 'Load benchmark'
    $api | Add-GwResource -Path /mock | Add-GwMethod -HttpMethod GET |
        Set-GwMockIntegration -StatusCode 200 -ResponseBody '{"ok":true}' | Out-Null
    $api | Add-GwResource -Path /proxy | Add-GwMethod -HttpMethod GET |
        Set-GwHttpIntegration -Proxy -Uri "http://127.0.0.1:$BackendPort/" | Out-Null
    # The same MOCK POST twice: once checked by a validator (body against a model of 10 properties, a required query
    # string and header), once not.
    $properties = @{
        name = @{ type = 'string'; minLength = 1 }; species = @{ type = 'string'; enum = @('dog', 'cat', 'bird') }; breed = @{ type = 'string' }
        age = @{ type = 'integer'; minimum = 0 }; weight = @{ type = 'number'; minimum = 0 }; vaccinated = @{ type = 'boolean' }
        tags = @{ type = 'array'; items = @{ type = 'string' } }; color = @{ type = 'string' }; chip = @{ type = 'string'; pattern = '^[0-9]{15}$' }
        owner = @{ type = 'object'; required = @('name'); properties = @{ name = @{ type = 'string' }; email = @{ type = 'string' } } }
    }
    $api | New-GwModel -Name BenchPet -Schema @{ type = 'object'; required = @('name', 'species', 'age'); properties = $properties } | Out-Null
    $api | New-GwRequestValidator -Name all -ValidateRequestBody -ValidateRequestParameters | Out-Null
    $api | Add-GwResource -Path /validated |
        Add-GwMethod -HttpMethod POST -RequestValidator all -RequestModel @{ 'application/json' = 'BenchPet' } `
            -RequestParameter @{ 'method.request.querystring.limit' = $true; 'method.request.header.x-tenant' = $true } |
        Set-GwMockIntegration -StatusCode 200 -ResponseBody '{"ok":true}' | Out-Null
    $api | Add-GwResource -Path /unvalidated | Add-GwMethod -HttpMethod POST |
        Set-GwMockIntegration -StatusCode 200 -ResponseBody '{"ok":true}' | Out-Null
    foreach ($target in $script:FunctionTargets) {
        if (-not (Get-Command $target.Program -ErrorAction Ignore)) { continue }
        $code = Join-Path ([IO.Path]::GetTempPath()) "gw-bench-$($target.Path)-$PID"
        New-Item -ItemType Directory -Path $code -Force | Out-Null
        Set-Content -Path (Join-Path $code $target.File) -Value $target.Code
        Register-GwLocalFunction -FunctionName "bench-$($target.Path)-$PID" -Runtime $target.Runtime -Handler $target.Handler -CodePath $code | Out-Null
        $api | Add-GwResource -Path "/$($target.Path)" | Add-GwMethod -HttpMethod GET |
            Set-GwLambdaIntegration -FunctionName "bench-$($target.Path)-$PID" | Out-Null
    }
    $plain = $api | Publish-GwDeployment -StageName bench
    $authorized = New-AuthorizedBenchApi
    $cached = $api | Publish-GwDeployment -StageName cached
    # A cache cluster, caching for every method for the whole run, and a stage throttle far above any rate measured here.
    $cached | Set-GwStage -CacheClusterEnabled $true -CachingEnabled $true -CacheTtlInSeconds 3600 `
        -ThrottlingRateLimit 1000000 -ThrottlingBurstLimit 1000000 | Out-Null
    [pscustomobject]@{ Plain = $plain; Cached = $cached; Authorized = $authorized }
}

# GET /authorized?token=bench: the same MOCK behind a REQUEST authorizer (a script-block function, its decision
# cached for the whole run) that also names the API key (key source AUTHORIZER), which must be in a usage plan of
# the stage; the load generators send no headers, so the identity travels in the query string. Returns the stage.
function New-AuthorizedBenchApi {
    $key = "bench-key-$PID-0123456789abcdef"
    $api = New-GwRestApi -Name "bench-authorized-$PID" | Set-GwRestApi -ApiKeySource AUTHORIZER
    Register-GwLocalFunction -FunctionName "bench-authorizer-$PID" -ScriptBlock ([scriptblock]::Create(@"
        param(`$Event, `$Context)
        @{ principalId = 'bench'; usageIdentifierKey = '$key'
           policyDocument = @{ Version = '2012-10-17'; Statement = @(@{ Action = 'execute-api:Invoke'; Effect = 'Allow'; Resource = '*' }) } }
"@)) | Out-Null
    $authorizer = $api | New-GwAuthorizer -Name bench -Type REQUEST -FunctionName "bench-authorizer-$PID" `
        -IdentitySource 'method.request.querystring.token' -ResultTtlInSeconds 3600
    $api | Add-GwResource -Path /authorized | Add-GwMethod -HttpMethod GET -AuthorizerId $authorizer.AuthorizerId -ApiKeyRequired |
        Set-GwMockIntegration -StatusCode 200 -ResponseBody '{"ok":true}' | Out-Null
    $stage = $api | Publish-GwDeployment -StageName bench
    $plan = $stage | New-GwUsagePlan -Name "bench-$PID" -ThrottleRateLimit 1000000 -ThrottleBurstLimit 1000000 -QuotaLimit 2000000000 -QuotaPeriod DAY
    $apiKey = New-GwApiKey -Name "bench-$PID" -Value $key
    Add-GwUsagePlanKey -UsagePlanId $plan.UsagePlanId -ApiKeyId $apiKey.ApiKeyId | Out-Null
    $stage
}

# Handler files behind AWS_PROXY, each answering the same 11 bytes as MOCK; measured when their program is installed.
$script:FunctionTargets = @(
    @{ Name = 'Node.js'; Program = 'node'; Runtime = 'nodejs20.x'; Path = 'node'; File = 'index.mjs'; Handler = 'index.handler'
        Code = 'export const handler = async () => ({ statusCode: 200, body: ''{"ok":true}'' });' }
    @{ Name = 'Python'; Program = 'python3'; Runtime = 'python3.11'; Path = 'python'; File = 'app.py'; Handler = 'app.handler'
        Code = "def handler(event, context):`n    return {'statusCode': 200, 'body': '{`"ok`":true}'}" }
)

# A function target's worker processes: its backend, as nginx is HTTP_PROXY's.
function Get-FunctionWorkerIds([string] $Path) {
    Get-Process -ErrorAction Ignore |
        Where-Object { $_.CommandLine -like '*-worker.*' -and $_.CommandLine -like "*gw-bench-$Path-$PID*" } |
        ForEach-Object Id
}

function Measure-DataPlane {
    $nginxPath = Install-DebianTool 'nginx' 'nginx'
    $script:Generator = Select-LoadGenerator
    $backendPort = Get-FreePort
    do { $proxyPort = Get-FreePort } while ($proxyPort -eq $backendPort)
    $nginx = $null
    $hello = $null
    $gatewayStarted = $false
    $inThisProcess = { $PID }
    try {
        if ($nginxPath) {
            $nginx = Start-Nginx $backendPort $proxyPort
            $nginxProcesses = { @($nginx.Id) + @(Get-ChildProcessIds $nginx.Id) }
            Measure-Target 'backend (nginx return 200)' "http://127.0.0.1:$backendPort/" $nginxProcesses
            Measure-Target 'nginx reverse proxy -> backend' "http://127.0.0.1:$proxyPort/" $nginxProcesses
        }
        else {
            $script:Problems.Add('nginx could not be installed: the backend, the nginx reverse proxy and HTTP_PROXY were not measured.')
        }
        # API Gateway's account default (10,000 requests per second) would throttle the rows this run measures.
        Start-GwLocalGateway -AccountRateLimit 1e9 -AccountBurstLimit 1000000000 | Out-Null
        $gatewayStarted = $true
        $stages = New-BenchApi $backendPort
        Measure-Target 'gateway MOCK' "$($stages.Plain.InvokeUrl)/mock" $inThisProcess
        Measure-Target 'gateway cached GET (MOCK)' "$($stages.Cached.InvokeUrl)/mock" $inThisProcess
        Measure-Target 'gateway cached authorizer + API key (MOCK)' "$($stages.Authorized.InvokeUrl)/authorized?token=bench" $inThisProcess
        # Validated and unvalidated one after the other, so that both meet the same machine.
        $post = @{ Body = $BenchPetBody; Headers = @{ 'x-tenant' = 'bench' } }
        Measure-Target $UnvalidatedPost "$($stages.Plain.InvokeUrl)/unvalidated?limit=5" $inThisProcess -Post $post
        Measure-Target $ValidatedPost "$($stages.Plain.InvokeUrl)/validated?limit=5" $inThisProcess -Post $post
        if ($nginx) {
            Measure-Target 'gateway HTTP_PROXY -> backend' "$($stages.Plain.InvokeUrl)/proxy" $inThisProcess $nginxProcesses
            Measure-Target 'gateway cache hit (HTTP_PROXY)' "$($stages.Cached.InvokeUrl)/proxy" $inThisProcess $nginxProcesses
        }
        foreach ($target in $script:FunctionTargets | Where-Object { Test-Selected "gateway AWS_PROXY -> warm $($_.Name)" }) {
            if (-not (Get-Command $target.Program -ErrorAction Ignore)) {
                $script:Problems.Add("$($target.Program) is not installed: the warm $($target.Name) AWS_PROXY target was not measured.")
                continue
            }
            # The probe request starts the first worker: its time is the cold start, reported beside the rate.
            $url = "$($stages.Plain.InvokeUrl)/$($target.Path)"
            $cold = Measure-Command { Invoke-WebRequest $url -SkipHttpErrorCheck | Out-Null }
            $script:Problems.Add(('Cold start: the first request to the {0} target (a worker starting and loading the handler) took {1:N0} ms; the rate and latency above are for the warm workers.' -f $target.Name, $cold.TotalMilliseconds))
            $path = $target.Path
            Measure-Target "gateway AWS_PROXY -> warm $($target.Name)" $url $inThisProcess { Get-FunctionWorkerIds $path }.GetNewClosure()
        }
        # Last, so that HttpListener's code is as warm as it was for the gateway: a fair ceiling, not a cold one.
        Add-Type -Path (Join-Path $PSScriptRoot 'HelloListener.cs')
        $hello = [ApiGatewayTools.Bench.HelloListener]::new((Get-FreePort))
        Measure-Target 'HttpListener hello (this process)' $hello.Url $inThisProcess

        # What a call adds without any queueing: one connection, one request after another. Under the load above,
        # p50 is mostly time spent waiting behind the other connections' requests.
        $Connections = 1
        Measure-Target "gateway MOCK, $OneAtATime" "$($stages.Plain.InvokeUrl)/mock" $inThisProcess
        foreach ($target in $script:FunctionTargets | Where-Object { Get-Command $_.Program -ErrorAction Ignore }) {
            $path = $target.Path
            Measure-Target "gateway AWS_PROXY -> warm $($target.Name), $OneAtATime" "$($stages.Plain.InvokeUrl)/$path" $inThisProcess { Get-FunctionWorkerIds $path }.GetNewClosure()
        }
    }
    catch {
        Write-Warning "Data-plane benchmark stopped: $_"
        $script:Problems.Add("The data-plane run stopped early: $_")
    }
    finally {
        if ($gatewayStarted) { Stop-GwLocalGateway }
        if ($hello) { $hello.Dispose() }
        if ($nginx) { Stop-Nginx $nginx }
    }
}

#endregion

#region Import cost

# Median of a list of numbers.
function Get-Median([double[]] $Values) { Get-Percentile $Values 50 }

# The given percentile of a list of numbers, interpolated between the two nearest values.
function Get-Percentile([double[]] $Values, [double] $Percent) {
    $sorted = [double[]]@($Values | Sort-Object)
    $rank = ($sorted.Count - 1) * $Percent / 100
    $below = [int][Math]::Floor($rank)
    $above = [Math]::Min($below + 1, $sorted.Count - 1)
    $sorted[$below] + ($rank - $below) * ($sorted[$above] - $sorted[$below])
}

# A 95% confidence interval of the median of a list of numbers, from their order alone (no assumption about how they
# are distributed): the values ranked n/2 -/+ 0.98 sqrt(n). Too few values give the whole range.
function Get-MedianInterval([double[]] $Values) {
    $sorted = [double[]]@($Values | Sort-Object)
    $count = $sorted.Count
    $rank = [Math]::Max(1, [int][Math]::Floor(($count - 1.96 * [Math]::Sqrt($count)) / 2))
    [pscustomobject]@{ Low = $sorted[$rank - 1]; High = $sorted[$count - $rank] }
}

# The median of a list of numbers, how precisely it is known, and how they spread: the middle half (25th to 75th
# percentile) and the extremes.
function Get-Spread([double[]] $Values) {
    $interval = Get-MedianInterval $Values
    [pscustomobject]@{
        Median     = Get-Median $Values
        MedianLow  = $interval.Low
        MedianHigh = $interval.High
        Low        = Get-Percentile $Values 25
        High       = Get-Percentile $Values 75
        Min        = ($Values | Measure-Object -Minimum).Minimum
        Max        = ($Values | Measure-Object -Maximum).Maximum
        Count      = $Values.Count
    }
}

# A cold `pwsh -NoProfile` process running $Command; returns its standard output. PowerShell is started as this
# script's own PowerShell is (dotnet + $PSHOME/pwsh.dll, or its native executable) rather than through `dotnet tool
# run`, whose lookup of the tool manifest would add the same time to every process but more noise to the figures.
function Invoke-ColdPwsh([string] $Command) {
    $arguments = @('-NoProfile', '-NonInteractive', '-Command', $Command)
    $executable = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { $arguments = @(Join-Path $PSHOME 'pwsh.dll') + $arguments }
    Invoke-BoundedProcess $executable $arguments 60
}

# One cold process: its wall time seen from here, and from inside it the time $Work took, the process's CPU time
# and working set at the end, and the assemblies $Work loaded. A bare sample runs the same scaffolding around no
# work, so that a difference between the two is the work's alone. The scaffolding runs no command, only .NET calls
# and operators: a command before the import (Measure-Command, say, which loads Microsoft.PowerShell.Utility) would
# compile PowerShell's command and module machinery first and take that part of a cold import out of the figure.
function Measure-ColdProcess([string] $Work) {
    # Stop makes a failing $Work fail the process (and the benchmark) instead of being timed as a quick one.
    $command = "`$ErrorActionPreference = 'Stop'; `$before = [AppDomain]::CurrentDomain.GetAssemblies().FullName; `$clock = [Diagnostics.Stopwatch]::StartNew(); " +
        "$Work; `$ms = `$clock.Elapsed.TotalMilliseconds; " +
        "`$loaded = [AppDomain]::CurrentDomain.GetAssemblies().FullName.Where({ `$_ -notin `$before }).ForEach({ (`$_ -split ',')[0] }) -join ','; " +
        "[string]::Format([cultureinfo]::InvariantCulture, '{0}|{1}|{2}|{3}', `$ms, [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds, [Environment]::WorkingSet, `$loaded)"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $output = Invoke-ColdPwsh $command
    $wallMs = $clock.Elapsed.TotalMilliseconds
    $fields = $output.Trim().Split('|')
    $number = { param($text) [double]::Parse($text, [cultureinfo]::InvariantCulture) }
    [pscustomobject]@{
        WallMs       = $wallMs
        InProcessMs  = & $number $fields[0]
        CpuMs        = & $number $fields[1]
        WorkingSetMB = (& $number $fields[2]) / 1MB
        Assemblies   = @($fields[3].Split(',', [StringSplitOptions]::RemoveEmptyEntries))
    }
}

# The first Import-Module of a session pays for PowerShell's own module loader: measured the same way for a
# manifest with nothing in it and for a binary module that ships with PowerShell, so the figures above read in
# context; and for this module without its format file, which shows what the format file costs (PowerShell
# rebuilds the session's whole format table when a module brings one).
function Measure-ReferenceImports {
    $scratch = Join-Path ([IO.Path]::GetTempPath()) "gw-bench-references-$PID"
    New-Item -ItemType Directory -Force $scratch | Out-Null
    try {
        $empty = Join-Path $scratch 'Empty.psd1'
        Set-Content $empty "@{ ModuleVersion = '1.0' }"
        $withoutFormats = Join-Path $scratch (Split-Path $ModulePath -Leaf)
        Copy-Item $ModulePath $withoutFormats -Recurse
        $manifest = Get-ChildItem $withoutFormats -Filter *.psd1 | Select-Object -First 1
        $text = Get-Content $manifest.FullName -Raw
        $stripped = $text -replace '(?m)^\s*FormatsToProcess\s*=\s*(@\([^)]*\)|''[^'']*'')\s*$', ''
        if ($stripped -eq $text) { throw "No FormatsToProcess entry found in $($manifest.Name) to take out." }
        Set-Content $manifest.FullName $stripped -NoNewline
        $references = [ordered]@{
            'an empty manifest module'                                  = $empty
            'this module without its format file'                       = $withoutFormats
            'Microsoft.PowerShell.PSResourceGet (ships with PowerShell)' = 'Microsoft.PowerShell.PSResourceGet'
        }
        $result = [ordered]@{}
        foreach ($name in $references.Keys) {
            $result[$name] = Get-Median @(for ($run = 0; $run -lt $ImportRuns; $run++) { (Measure-ColdProcess "Import-Module '$($references[$name])'").InProcessMs })
        }
        $result
    }
    finally {
        Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# Pairs of cold processes, one bare and one importing the module, started one after the other so that both meet
# the machine in the same state; which of the two goes first alternates from pair to pair. What the import adds is
# the median of the differences within pairs, so drift in the machine's load between pairs cancels out. Pairs are
# added (from $ImportRuns up to $MaxImportRuns) until that median is known to within $ImportPrecisionMs ms; every
# sample counts (nothing is dropped) and the spread of the differences is reported with it.
function Measure-ImportCost {
    $import = "Import-Module '$($ModulePath.Replace("'", "''"))'"
    Measure-ColdProcess $import | Out-Null   # fills the file cache, so every measured process starts alike
    $loadBefore = Get-LoadAverage
    $pairs = [Collections.Generic.List[object]]::new()
    $added = { param($property) Get-Spread @($pairs | ForEach-Object { $_.Imported.$property - $_.Bare.$property }) }
    $precise = { $wall = & $added WallMs; ($wall.MedianHigh - $wall.MedianLow) / 2 -le $ImportPrecisionMs }
    while ($pairs.Count -lt $ImportRuns -or ($pairs.Count -lt $MaxImportRuns -and -not (& $precise))) {
        if ($pairs.Count % 2) { $imported = Measure-ColdProcess $import; $bare = Measure-ColdProcess '' }
        else { $bare = Measure-ColdProcess ''; $imported = Measure-ColdProcess $import }
        $pairs.Add([pscustomobject]@{ Bare = $bare; Imported = $imported })
    }
    $wall = & $added WallMs
    $memory = & $added WorkingSetMB
    [pscustomobject]@{
        Runs             = $pairs.Count
        # Other work on the machine stretches every process; the load average says how busy it was meanwhile.
        LoadAverage      = '{0} / {1}' -f $loadBefore, (Get-LoadAverage)
        InProcess        = Get-Spread @($pairs | ForEach-Object { $_.Imported.InProcessMs })
        ReferenceMs      = Measure-ReferenceImports
        LoadedAssemblies = @($pairs[-1].Imported.Assemblies | Sort-Object)
        Wall             = $wall
        Cpu              = & $added CpuMs
        Memory           = $memory
        BareMs           = Get-Median @($pairs | ForEach-Object { $_.Bare.WallMs })
        WithImportMs     = Get-Median @($pairs | ForEach-Object { $_.Imported.WallMs })
        BareCpuMs        = Get-Median @($pairs | ForEach-Object { $_.Bare.CpuMs })
        WithImportCpuMs  = Get-Median @($pairs | ForEach-Object { $_.Imported.CpuMs })
        BareMB           = Get-Median @($pairs | ForEach-Object { $_.Bare.WorkingSetMB })
        WithImportMB     = Get-Median @($pairs | ForEach-Object { $_.Imported.WorkingSetMB })
        AddedMs          = $wall.Median
        AddedMB          = $memory.Median
    }
}

#endregion

#region Report

function Get-LoadAverage { (Get-Content /proc/loadavg -Raw).Split(' ')[0] }

function Get-MachineInfo {
    $cpu = (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches[0].Groups[1].Value
    $memoryKb = [double]((Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s+(\d+)').Matches[0].Groups[1].Value)
    $os = (Select-String -Path /etc/os-release -Pattern '^PRETTY_NAME="?([^"]+)"?' | Select-Object -First 1).Matches[0].Groups[1].Value
    [ordered]@{
        'Date (UTC)'         = [DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')
        'Cores (nproc)'      = (& nproc).Trim()
        # Other work on the machine during the run skews every figure; the load average shows whether there was any.
        'Load average (1 min) at start / end' = '{0} / {1}' -f $script:LoadAtStart, (Get-LoadAverage)
        'CPU'                = $cpu.Trim()
        'Memory'             = '{0:N1} GiB' -f ($memoryKb / 1MB)
        'OS'                 = "$os, Linux $((& uname -r).Trim())"
        '.NET runtime'       = "$([Environment]::Version)"
        'PowerShell'         = "$($PSVersionTable.PSVersion) (dotnet tool)"
        'Module'             = "ApiGatewayTools $((Import-PowerShellDataFile (Join-Path $ModulePath 'ApiGatewayTools.psd1')).ModuleVersion), commit $((& git -C $RepoRoot rev-parse --short HEAD).Trim())"
        'Load generator'     = "$($script:Generator.Name) $($script:Generator.Version)"
        'nginx'              = Get-ToolVersion 'nginx' @('-v') 'nginx/(\S+)'
    }
}

function Format-Verdict([bool] $Passed) { if ($Passed) { 'PASS' } else { 'FAIL' } }

# Each target as a row: what was measured, the goal, and whether it was met; an unmeasured target fails.
function Get-Verdicts($DataPlane, $Import) {
    $byName = @{}
    foreach ($result in $DataPlane) { $byName[$result.Name] = $result }
    $mock = $byName['gateway MOCK']
    $proxy = $byName['gateway HTTP_PROXY -> backend']
    $nginx = $byName['nginx reverse proxy -> backend']
    $row = { param($target, $goal, $measured, $passed) [pscustomobject]@{ Target = $target; Goal = $goal; Measured = $measured; Result = Format-Verdict $passed } }
    $missing = 'not measured'

    if ($mock) { & $row 'MOCK rate' ('>= {0:N0} req/s' -f $Goals.MockRequestsPerSecond) ('{0:N0} req/s' -f $mock.RequestsPerSecond) ($mock.RequestsPerSecond -ge $Goals.MockRequestsPerSecond) }
    else { & $row 'MOCK rate' ('>= {0:N0} req/s' -f $Goals.MockRequestsPerSecond) $missing $false }

    if ($proxy -and $nginx) {
        $share = $proxy.RequestsPerSecond / $nginx.RequestsPerSecond
        & $row 'HTTP_PROXY rate vs nginx reverse proxy' ('>= {0:N0}%' -f (100 * $Goals.ProxyShareOfNginx)) ('{0:N0}% ({1:N0} / {2:N0} req/s)' -f (100 * $share), $proxy.RequestsPerSecond, $nginx.RequestsPerSecond) ($share -ge $Goals.ProxyShareOfNginx)
    }
    else { & $row 'HTTP_PROXY rate vs nginx reverse proxy' ('>= {0:N0}%' -f (100 * $Goals.ProxyShareOfNginx)) $missing $false }

    $cachedMock = $byName['gateway cached GET (MOCK)']
    $cacheHit = $byName['gateway cache hit (HTTP_PROXY)']
    $authorized = $byName['gateway cached authorizer + API key (MOCK)']
    if ($authorized -and $mock) {
        $share = $authorized.RequestsPerSecond / $mock.RequestsPerSecond
        & $row 'Cached authorizer + API key vs MOCK' ('>= {0:N0}%' -f (100 * $Goals.AuthorizedShareOfMock)) ('{0:N0}% ({1:N0} / {2:N0} req/s)' -f (100 * $share), $authorized.RequestsPerSecond, $mock.RequestsPerSecond) ($share -ge $Goals.AuthorizedShareOfMock)
    }
    else { & $row 'Cached authorizer + API key vs MOCK' ('>= {0:N0}%' -f (100 * $Goals.AuthorizedShareOfMock)) $missing $false }
    if ($cachedMock -and $mock) {
        $share = $cachedMock.RequestsPerSecond / $mock.RequestsPerSecond
        & $row 'Cached GET rate vs MOCK' ('>= {0:N0}%' -f (100 * $Goals.CachedShareOfMock)) ('{0:N0}% ({1:N0} / {2:N0} req/s)' -f (100 * $share), $cachedMock.RequestsPerSecond, $mock.RequestsPerSecond) ($share -ge $Goals.CachedShareOfMock)
    }
    else { & $row 'Cached GET rate vs MOCK' ('>= {0:N0}%' -f (100 * $Goals.CachedShareOfMock)) $missing $false }
    if ($cacheHit -and $proxy) {
        & $row 'HTTP cache hit vs backend path' 'faster (req/s)' ('{0:N0} vs {1:N0} req/s' -f $cacheHit.RequestsPerSecond, $proxy.RequestsPerSecond) ($cacheHit.RequestsPerSecond -gt $proxy.RequestsPerSecond)
    }
    else { & $row 'HTTP cache hit vs backend path' 'faster (req/s)' $missing $false }

    $mockAlone = $byName["gateway MOCK, $OneAtATime"]
    foreach ($target in $script:FunctionTargets) {
        $function = $byName["gateway AWS_PROXY -> warm $($target.Name), $OneAtATime"]
        $label = "Warm $($target.Name) p50 vs MOCK p50, $OneAtATime"
        $goal = 'within {0} ms' -f $Goals.FunctionP50GapMs
        if ($function -and $mockAlone) {
            $gap = $function.P50Ms - $mockAlone.P50Ms
            & $row $label $goal ('+{0:N2} ms ({1:N2} vs {2:N2} ms)' -f $gap, $function.P50Ms, $mockAlone.P50Ms) ($gap -le $Goals.FunctionP50GapMs)
        }
        else { & $row $label $goal $missing $false }
    }

    foreach ($pair in @(@('MOCK p99', $mock), @('HTTP_PROXY p99', $proxy))) {
        if ($pair[1]) { & $row $pair[0] "< $($Goals.P99Ms) ms" ('{0:N2} ms' -f $pair[1].P99Ms) ($pair[1].P99Ms -lt $Goals.P99Ms) }
        else { & $row $pair[0] "< $($Goals.P99Ms) ms" $missing $false }
    }
    $validated = $byName[$ValidatedPost]
    $unvalidated = $byName[$UnvalidatedPost]
    $label = 'Validated POST vs the same POST unvalidated (MOCK)'
    $goal = '>= {0:N0}%' -f (100 * $Goals.ValidatedShareOfUnvalidated)
    if ($validated -and $unvalidated) {
        $share = $validated.RequestsPerSecond / $unvalidated.RequestsPerSecond
        & $row $label $goal ('{0:N0}% ({1:N0} / {2:N0} req/s)' -f (100 * $share), $validated.RequestsPerSecond, $unvalidated.RequestsPerSecond) ($share -ge $Goals.ValidatedShareOfUnvalidated)
    }
    else { & $row $label $goal $missing $false }
    foreach ($result in @($mock, $proxy, $cachedMock, $cacheHit, $authorized, $validated, $unvalidated)) {
        if ($result -and ($result.Errors + $result.Non2xx) -gt 0) {
            & $row "$($result.Name) errors" 'none' "$($result.Errors) socket errors, $($result.Non2xx) non-2xx" $false
        }
    }
    if ($Import) {
        & $row 'Import time added' "< $($Goals.ImportMs) ms" ('{0:N0} ms (median of {1} pairs, 95% confidence {2:N0} to {3:N0} ms)' -f $Import.AddedMs, $Import.Runs, $Import.Wall.MedianLow, $Import.Wall.MedianHigh) ($Import.AddedMs -lt $Goals.ImportMs)
        & $row 'Working set added by the import' "< $($Goals.ImportWorkingSetMB) MB" ('{0:N1} MB' -f $Import.AddedMB) ($Import.AddedMB -lt $Goals.ImportWorkingSetMB)
    }
}

# The "what limits it" paragraph, from the figures of this run.
function Get-LimitsText($DataPlane, $Import) {
    $byName = @{}
    foreach ($result in $DataPlane) { $byName[$result.Name] = $result }
    $cores = [Environment]::ProcessorCount
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add("The load generator and every server share the same $cores cores, so each rate is what is left after the load generator takes its part: CPU figures are percent of one core over the measured run ($($cores * 100)% is the whole machine).")
    # The load average also counts the build that ran just before; CPU taken by other processes during the
    # measured runs is the contention that matters.
    $otherCpu = ($DataPlane | Measure-Object OtherCpu -Average).Average
    if ($otherCpu -ge 20) {
        $lines.Add(('Other processes on the machine took {0:N0}% of a core on average during the measured runs: every rate here is lower, and every latency higher, than on an idle machine.' -f $otherCpu))
    }
    $hello = $byName['HttpListener hello (this process)']
    foreach ($name in 'HttpListener hello (this process)', 'gateway MOCK', 'gateway HTTP_PROXY -> backend') {
        $result = $byName[$name]
        if (-not $result) { continue }
        $text = '{0}: {1:N0} req/s with the load generator at {2:N0}% and the server at {3:N0}% of a core' -f $name, $result.RequestsPerSecond, $result.GeneratorCpu, $result.ServerCpu
        if ($null -ne $result.BackendCpu) { $text += (' (the backend another {0:N0}%)' -f $result.BackendCpu) }
        # Idle CPU next to a server that uses about one core points at serialisation rather than at the machine.
        if ($result.IdleCpu -ge 30) { $text += (', while {0:N0}% of a core stayed idle: CPU is not what stops it' -f $result.IdleCpu) }
        if ($result.OtherCpu -ge 30) { $text += (', and other processes on the machine took {0:N0}% of a core' -f $result.OtherCpu) }
        if ($hello -and $result -ne $hello) {
            $text += ('; that is {0:N0}% of the bare HttpListener server in the same process ({1:N0} req/s), the ceiling of the HTTP stack the gateway is built on (pwsh cannot host Kestrel). Per request the gateway spends {2:N0} µs of CPU against HttpListener''s {3:N0} µs' -f
                (100 * $result.RequestsPerSecond / $hello.RequestsPerSecond), $hello.RequestsPerSecond, $result.ServerUsPerRequest, $hello.ServerUsPerRequest)
            $ownWork = $result.ServerUsPerRequest - $hello.ServerUsPerRequest
            # Below a tenth of HttpListener's own cost the difference is within what repeated runs vary by.
            $text += if ($ownWork -gt 0.1 * $hello.ServerUsPerRequest) { (': {0:N0} µs is the gateway''s own work' -f $ownWork) } else { ': the gateway''s own work is too small to tell apart from HttpListener''s, which is the limit' }
        }
        $lines.Add("$text.")
    }
    $proxy = $byName['gateway HTTP_PROXY -> backend']
    if ($hello -and $hello.RequestsPerSecond -lt $Goals.MockRequestsPerSecond) {
        $lines.Add(('The bare HttpListener server itself stays under the MOCK goal here ({0:N0} < {1:N0} req/s): in this run, with the load generator on the same cores, that goal was out of reach for any server built on HttpListener.' -f $hello.RequestsPerSecond, $Goals.MockRequestsPerSecond))
    }
    if ($proxy) { $lines.Add('HTTP_PROXY does two HTTP exchanges per request (client to gateway, gateway to backend) on the same cores, as the nginx reverse proxy does.') }
    foreach ($note in Get-ImportNotes $Import) { $lines.Add($note) }
    foreach ($problem in $script:Problems) { $lines.Add($problem) }
    $lines
}

# What the import cost is made of, for the "what limits it" list.
function Get-ImportNotes($Import) {
    'Import: Import-Module itself takes {0:N0} ms timed inside the process (whole processes differ by {1:N0} ms); the assemblies it loads ({2}): {3}.' -f
        $Import.InProcess.Median, $Import.AddedMs, $Import.LoadedAssemblies.Count, ($Import.LoadedAssemblies -join ', ')
    $references = ($Import.ReferenceMs.GetEnumerator() | ForEach-Object { '{0:N0} ms for {1}' -f $_.Value, $_.Key }) -join ', '
    "The first Import-Module of a session also runs PowerShell's own module loader, which the dotnet-tool build of PowerShell compiles on first use: timed the same way, importing takes $references. What is left for the module's own work is the difference; what the module costs without its format file, against with it, is what the format file costs: PowerShell rebuilds the session's whole format table when a module brings one, so that part hardly depends on how many views the file holds."
}

# A markdown table of the given properties; Headers, when given, name the columns in the same order.
function ConvertTo-MarkdownTable([object[]] $Rows, [string[]] $Columns, [hashtable] $Format = @{}, [string[]] $Headers = $Columns) {
    '| ' + ($Headers -join ' | ') + ' |'
    '| ' + (($Columns | ForEach-Object { '---' }) -join ' | ') + ' |'
    foreach ($row in $Rows) {
        $cells = foreach ($column in $Columns) {
            $value = $row.$column
            if ($null -eq $value) { '' } elseif ($Format.ContainsKey($column)) { $Format[$column] -f $value } else { "$value" }
        }
        '| ' + ($cells -join ' | ') + ' |'
    }
}

# The report's section on the import cost: how it was measured, and each figure with its spread.
function Get-ImportSection($Import) {
    $interval = { param($spread, $format) '{0} to {1}' -f ($format -f $spread.MedianLow), ($format -f $spread.MedianHigh) }
    $range = { param($spread, $format) '{0} to {1} (all {2} to {3})' -f ($format -f $spread.Low), ($format -f $spread.High), ($format -f $spread.Min), ($format -f $spread.Max) }
    $row = {
        param($measure, $bare, $withImport, $spread, $format)
        [pscustomobject]@{
            Measure = $measure; Bare = $bare; WithImport = $withImport; Added = $format -f $spread.Median
            Interval = & $interval $spread $format; Spread = & $range $spread $format
        }
    }
    $rows = @(
        & $row 'Process wall time' ('{0:N0} ms' -f $Import.BareMs) ('{0:N0} ms' -f $Import.WithImportMs) $Import.Wall '{0:N0} ms'
        & $row 'Process CPU time (user + system)' ('{0:N0} ms' -f $Import.BareCpuMs) ('{0:N0} ms' -f $Import.WithImportCpuMs) $Import.Cpu '{0:N0} ms'
        & $row 'Import-Module timed inside the process' '' '' $Import.InProcess '{0:N0} ms'
        & $row 'Working set' ('{0:N1} MB' -f $Import.BareMB) ('{0:N1} MB' -f $Import.WithImportMB) $Import.Memory '{0:N1} MB'
    )
    '## Module import'
    ''
    "$($Import.Runs) pairs of cold ``pwsh -NoProfile`` processes, one bare and one running ``Import-Module``, started one after the other (which goes first alternates); pairs are added, from $ImportRuns up to $MaxImportRuns, until the median wall time added is known to within $ImportPrecisionMs ms. Both processes run the same scaffolding, with no command in it (only .NET calls), so that the import meets PowerShell as cold as a script's first line does: the bare one times nothing where the other times ``Import-Module``, then each prints its CPU time and ``[Environment]::WorkingSet``. The first command and the first module import of a session compile PowerShell's own command and module machinery, whatever the module: the reference imports below, timed the same way, show that part. Wall time is that of the whole process, started as ``dotnet pwsh.dll`` without the ``dotnet tool run`` launcher. *Added* is the median of the differences within pairs, so that a change in the machine's load between pairs cancels out; next to it, the 95% confidence interval of that median (from the ranks of the differences), and the middle half (25th to 75th percentile) of the differences with the smallest and largest (for the import timed inside the process: of the times themselves). No sample is left out. Bare and with-import columns are the medians of each kind. Load average (1 min) before / after these runs: $($Import.LoadAverage) on $([Environment]::ProcessorCount) cores: a busy machine stretches every process, and the CPU-time row is the one it disturbs least."
    ''
    ConvertTo-MarkdownTable $rows 'Measure', 'Bare', 'WithImport', 'Added', 'Interval', 'Spread' -Headers 'Measure', 'Bare session', 'With Import-Module', 'Added by the import (median)', 'Median within (95%)', 'Middle half (all)'
}

function Write-Report($Machine, $DataPlane, $Import, $Verdicts) {
    $machineRows = foreach ($key in $Machine.Keys) { [pscustomobject]@{ Item = $key; Value = $Machine[$key] } }
    $lines = @(
        '# Benchmarks'
        ''
        'Written by `dotnet pwsh ./build.ps1 Bench` (bench/Invoke-Benchmarks.ps1); every run overwrites this file.'
        'Figures are from one machine and one run: compare them with the reference rows of the same run, not across machines.'
        ''
        '## Machine'
        ''
        ConvertTo-MarkdownTable $machineRows 'Item', 'Value'
        ''
        '## Targets'
        ''
        ConvertTo-MarkdownTable @($Verdicts) 'Target', 'Goal', 'Measured', 'Result'
        ''
        '## Local gateway data plane'
        ''
        "$($script:Generator.Name), $Connections connections (one for the rows marked ""$OneAtATime""), $WarmupSeconds s warm-up then $DurationSeconds s measured per target; GET, a 11-byte JSON answer. The backend and the reverse proxy are one nginx process with $([Environment]::ProcessorCount) workers; the gateway runs inside the benchmark's pwsh, set up with the module's cmdlets (MOCK on GET /mock, HTTP_PROXY on GET /proxy to the backend, deployed to the stage ``bench``, and again to the stage ``cached``, whose cache answers every request after the first: the cached rows). Its account throttle is raised above any rate measured, and so is the ``cached`` stage's throttle."
        ''
        ConvertTo-MarkdownTable @($DataPlane) 'Name', 'RequestsPerSecond', 'P50Ms', 'P99Ms', 'Errors', 'Non2xx', 'GeneratorCpu', 'ServerCpu', 'BackendCpu', 'IdleCpu', 'OtherCpu', 'ServerUsPerRequest' @{
            RequestsPerSecond = '{0:N0}'; P50Ms = '{0:N2}'; P99Ms = '{0:N2}'; GeneratorCpu = '{0:N0}%'; ServerCpu = '{0:N0}%'; BackendCpu = '{0:N0}%'; IdleCpu = '{0:N0}%'; OtherCpu = '{0:N0}%'; ServerUsPerRequest = '{0:N0}'
        } 'Target', 'Requests/s', 'p50 ms', 'p99 ms', 'Errors', 'Non-2xx', 'Generator CPU', 'Server CPU', 'Backend CPU', 'Idle CPU', 'Other processes CPU', 'Server CPU µs/request'
        ''
        'Errors are requests that got no answer (for wrk: connect, read and write errors and timeouts); Non-2xx counts answers outside 2xx and 3xx. CPU columns are percent of one core over the measured run, from /proc: for the nginx rows the server is the whole nginx, backend included; Backend CPU is shown where the backend is a separate process from the server measured. Idle CPU is what the whole machine left unused during the run, and Other processes CPU what the rest of the machine took meanwhile (work outside the benchmark), both in percent of one core too.'
        ''
        Get-ImportSection $Import
        ''
        '## What limits it'
        ''
        (Get-LimitsText $DataPlane $Import | ForEach-Object { "- $_" })
    )
    New-Item -ItemType Directory -Force (Split-Path $ReportPath) | Out-Null
    Set-Content -Path $ReportPath -Value $lines -Encoding utf8NoBOM
    Write-Host "Report written to $ReportPath"
}

#endregion

$script:Generator = $null
$script:Problems = [Collections.Generic.List[string]]::new()
New-Item -ItemType Directory -Force $WorkDir | Out-Null
$script:LoadAtStart = Get-LoadAverage
try {
    Import-Module $ModulePath
    $failed = 0
    if ('DataPlane' -in $Only -and ($TargetFilter -or 'Import' -notin $Only)) {
        # A partial run: its figures and the verdicts about what it measured; no import cost, no report.
        Write-Host '== Data plane' -ForegroundColor Cyan
        $dataPlane = @(Measure-DataPlane)
        $dataPlane | Format-Table Name, RequestsPerSecond, P50Ms, P99Ms, Errors, Non2xx, ServerUsPerRequest -AutoSize | Out-Host
        $partial = @(Get-Verdicts $dataPlane $null) | Where-Object { $_.Measured -ne 'not measured' }
        $partial | Format-Table -AutoSize -Wrap | Out-Host
        $script:Problems | ForEach-Object { Write-Host "- $_" }
        $failed = @($partial | Where-Object Result -eq 'FAIL').Count + [int](@($dataPlane).Count -eq 0)
    }
    elseif ('DataPlane' -in $Only) {
        Write-Host '== Data plane' -ForegroundColor Cyan
        $dataPlane = @(Measure-DataPlane)
        Write-Host '== Module import' -ForegroundColor Cyan
        $import = Measure-ImportCost
        Write-Host ('import adds {0:N0} ms and {1:N1} MB (medians: {2:N0} -> {3:N0} ms, {4:N1} -> {5:N1} MB)' -f $import.AddedMs, $import.AddedMB, $import.BareMs, $import.WithImportMs, $import.BareMB, $import.WithImportMB)
        $verdicts = @(Get-Verdicts $dataPlane $import)
        Write-Report (Get-MachineInfo) $dataPlane $import $verdicts
        $verdicts | Format-Table -AutoSize -Wrap | Out-Host
        $failed = @($verdicts | Where-Object Result -eq 'FAIL').Count
        Write-Host "Benchmarks: $($verdicts.Count - $failed) targets met, $failed missed"
    }
    elseif ('Import' -in $Only) {
        # The import cost alone: its figures and verdicts are printed; the report (written with the data plane) is left as it is.
        Write-Host '== Module import' -ForegroundColor Cyan
        $import = Measure-ImportCost
        Get-ImportSection $import | Out-Host
        Get-ImportNotes $import | ForEach-Object { Write-Host "- $_" }
        $partial = @(Get-Verdicts @() $import) | Where-Object { $_.Target -like 'Import*' -or $_.Target -like 'Working set*' }
        $partial | ForEach-Object { Write-Host ('{0}: {1}; goal {2}: {3}' -f $_.Target, $_.Measured, $_.Goal, $_.Result) }
        $failed = @($partial | Where-Object Result -eq 'FAIL').Count
    }
    if ('BuildScaling' -in $Only) {
        Write-Host '== Building under quotas' -ForegroundColor Cyan
        & (Join-Path $PSScriptRoot 'Measure-BuildScaling.ps1') -ModulePath $ModulePath -ReportPath $ReportPath
    }
    exit ([int]($failed -gt 0))
}
finally {
    Remove-Item $WorkDir -Recurse -Force -ErrorAction SilentlyContinue
}
