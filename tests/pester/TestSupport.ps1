# Helpers shared by the *.Tests.ps1 files; each file dot-sources this in its BeforeAll.

# A name no other test uses, so that every test works on its own API.
function New-TestName([string] $Prefix = 'pester') {
    "$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
}

# Runs the script block and returns the error that stopped it; fails the test when nothing stopped it.
function Get-TerminatingError([scriptblock] $Script) {
    try {
        & $Script | Out-Null
    }
    catch {
        return $_
    }
    throw 'Expected a terminating error, but the command completed.'
}

function Start-TestGateway {
    Start-GwLocalGateway -WarningAction SilentlyContinue
}

# The gateway logs a request once its response is on the way, so the client can finish first:
# give the log a moment to catch up before reading it.
function Wait-RequestLog {
    Start-Sleep -Milliseconds 200
}

# The id of the newest request the local gateway has logged: a marker for Get-RequestSince.
function Get-LastRequestId {
    Wait-RequestLog
    $requests = @((Get-GwLocalGateway).RecentRequests)
    if ($requests.Count -eq 0) { return $null }
    $requests[$requests.Count - 1].RequestId
}

# Requests the local gateway logged after the one with id $RequestId (all of them when it is $null).
function Get-RequestSince([AllowNull()] [string] $RequestId) {
    Wait-RequestLog
    $requests = @((Get-GwLocalGateway).RecentRequests)
    $ids = @($requests.RequestId)
    $index = if ($RequestId) { $ids.IndexOf($RequestId) } else { -1 }
    if ($RequestId -and $index -lt 0) { throw "Request $RequestId is no longer in the local gateway's log." }
    $requests | Select-Object -Skip ($index + 1)
}

# Requests that could change state (anything but GET and HEAD) logged after the marker.
function Get-ChangingRequestSince([AllowNull()] [string] $RequestId) {
    Get-RequestSince $RequestId | Where-Object Method -NotIn 'GET', 'HEAD'
}

# What a -WhatIf run printed to the host (from the first "What if:" on), captured with a transcript.
function Get-WhatIfText([scriptblock] $Script) {
    $file = [System.IO.Path]::GetTempFileName()
    try {
        Start-Transcript -Path $file -Force | Out-Null
        try { & $Script | Out-Null } finally { Stop-Transcript | Out-Null }
        $text = Get-Content $file -Raw
        $start = $text.IndexOf('What if:')
        if ($start -lt 0) { return '' }
        $end = $text.IndexOf('**********************', $start)
        if ($end -lt 0) { $end = $text.Length }
        $text.Substring($start, $end - $start).Trim()
    }
    finally {
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}

# An API with nothing in it yet but its root resource.
function New-TestApi([string] $Prefix = 'pester') {
    New-GwRestApi -Name (New-TestName $Prefix)
}

# Runs a script in a new pwsh process (the same PowerShell as this one) and returns its output lines;
# throws with the output when the process fails.
function Invoke-ChildPwsh([string] $Script) {
    $arguments = @('-NoProfile', '-NonInteractive', '-Command', $Script)
    $output = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        # Running as a dotnet tool: the host is dotnet and pwsh.dll is the first argument.
        & ([Environment]::ProcessPath) ([Environment]::GetCommandLineArgs()[0]) @arguments 2>&1
    }
    else {
        & ([Environment]::ProcessPath) @arguments 2>&1
    }
    if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE):`n$($output -join "`n")" }
    $output | ForEach-Object { "$_" }
}

# The operations a -WhatIf text lists, in order: @{ Operation; Method; Path }. A path label that an earlier
# step answers shows as {id of /x} and is kept as written.
function Get-WhatIfOperation([string] $Text) {
    $pattern = '(?<op>[A-Z][A-Za-z]+) (?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/(?:[^\s{?"]|\{[^}]*\})*)'
    [regex]::Matches($Text, $pattern) | ForEach-Object {
        [pscustomobject]@{ Operation = $_.Groups['op'].Value; Method = $_.Groups['method'].Value; Path = $_.Groups['path'].Value }
    }
}

# The changing requests after the marker as comparable lines: "Operation METHOD /decoded/path".
function Get-SentOperation([AllowNull()] [string] $RequestId) {
    Get-ChangingRequestSince $RequestId | ForEach-Object {
        $path = [uri]::UnescapeDataString(($_.Path -split '\?')[0])
        "$($_.Operation) $($_.Method) $path"
    }
}
