# CORS as a browser enforces it: headless Chromium loads a page from one loopback origin and calls a deployed API on
# another with fetch and a custom header (so every call is preflighted). The page's script writes what it could read
# into the DOM, which --dump-dom prints once the page is idle.
BeforeDiscovery {
    $script:Chromium = (Get-Command chromium -ErrorAction SilentlyContinue).Source
    $script:AptAvailable = [bool](Get-Command apt-get -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # Debian's package, installed non-interactively when missing (the tests run as root).
    $script:Chromium = (Get-Command chromium -ErrorAction SilentlyContinue).Source
    if (-not $script:Chromium -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get install -y --no-install-recommends chromium 2>&1 | Out-Null
        if ($LASTEXITCODE -ne 0) { & apt-get update 2>&1 | Out-Null; & apt-get install -y --no-install-recommends chromium 2>&1 | Out-Null }
        $script:Chromium = (Get-Command chromium -ErrorAction SilentlyContinue).Source
    }

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    # The page: calls each path with a custom header and writes "status body" or "blocked" for each.
    function Get-PageHtml([string] $ApiUrl) {
        @"
<!doctype html><html><body><pre id="results">pending</pre><script>
const api = '$ApiUrl';
async function call(path) {
  try {
    const response = await fetch(api + path, { headers: { 'X-Custom': 'yes' } });
    return response.status + ' ' + (await response.text());
  } catch (e) {
    return 'blocked';
  }
}
(async () => {
  const results = { ok: await call('/pets'), missingKey: await call('/keyed') };
  document.getElementById('results').textContent = JSON.stringify(results);
})();
</script></body></html>
"@
    }

    # Serves the page on two loopback ports (two origins) from a background runspace until disposed.
    function Start-PageServer([int[]] $Ports, [string] $Html) {
        $listener = [System.Net.HttpListener]::new()
        foreach ($port in $Ports) { $listener.Prefixes.Add("http://127.0.0.1:$port/") }
        $listener.Start()
        $shell = [powershell]::Create()
        $shell.AddScript({
                param($Listener, $Html)
                $bytes = [System.Text.Encoding]::UTF8.GetBytes($Html)
                while ($Listener.IsListening) {
                    try { $context = $Listener.GetContext() } catch { break }
                    $context.Response.ContentType = 'text/html; charset=utf-8'
                    $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                    $context.Response.Close()
                }
            }).AddArgument($listener).AddArgument($Html) | Out-Null
        $handle = $shell.BeginInvoke()
        [pscustomobject]@{ Listener = $listener; Shell = $shell; Handle = $handle }
    }

    # Loads the page in headless Chromium (bounded: virtual time for the page, a wall-clock limit for the process)
    # and answers what the page wrote.
    function Invoke-Page([string] $Url) {
        $profile = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName 'chromium')
        $start = [System.Diagnostics.ProcessStartInfo]::new($script:Chromium)
        foreach ($argument in '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
            "--user-data-dir=$profile", '--virtual-time-budget=10000', '--dump-dom', $Url) {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $output = $process.StandardOutput.ReadToEndAsync()
            $process.StandardError.ReadToEndAsync() | Out-Null
            if (-not $process.WaitForExit(60000)) { $process.Kill($true); throw "Chromium did not finish loading $Url within 60 s." }
            $dom = $output.GetAwaiter().GetResult()
        }
        finally {
            $process.Dispose()
            Remove-Item $profile -Recurse -Force -ErrorAction SilentlyContinue
        }
        $match = [regex]::Match($dom, '<pre id="results">(.*?)</pre>', 'Singleline')
        if (-not $match.Success) { throw "The page wrote no results: $dom" }
        [System.Net.WebUtility]::HtmlDecode($match.Groups[1].Value) | ConvertFrom-Json
    }

    if ($script:Chromium) {
        $allowedPort = Get-FreePort
        $otherPort = Get-FreePort
        $script:AllowedPage = "http://127.0.0.1:$allowedPort/"
        $script:OtherPage = "http://127.0.0.1:$otherPort/"

        $api = New-TestApi 'browser'
        $api | Add-GwResource -Path /pets | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"pets":["Rex"]}' | Out-Null
        $api | Add-GwResource -Path /keyed | Add-GwMethod GET -ApiKeyRequired | Set-GwMockIntegration -ResponseBody '{"secret":true}' | Out-Null
        Enable-GwCors -RestApiId $api.RestApiId -AllowOrigin "http://127.0.0.1:$allowedPort" -AllowHeader (@('Content-Type', 'X-Api-Key', 'X-Custom')) | Out-Null
        $stage = $api | Publish-GwDeployment -StageName prod
        $script:Server = Start-PageServer -Ports $allowedPort, $otherPort -Html (Get-PageHtml $stage.InvokeUrl)
    }
}

AfterAll {
    if ($script:Server) {
        $script:Server.Listener.Stop()
        $script:Server.Listener.Close()
        $script:Server.Shell.Stop()
        $script:Server.Shell.Dispose()
    }
}

Describe 'CORS in headless Chromium' -Skip:(-not $Chromium -and -not $AptAvailable) {
    It 'lets the allowed origin read the answer, and an error answer too when DEFAULT_4XX carries the header' {
        $results = Invoke-Page $AllowedPage

        $results.ok | Should -BeExactly '200 {"pets":["Rex"]}'
        $results.missingKey | Should -BeExactly '403 {"message":"Forbidden"}'
    }

    It 'blocks another origin' {
        $results = Invoke-Page $OtherPage

        $results.ok | Should -BeExactly 'blocked'
        $results.missingKey | Should -BeExactly 'blocked'
    }
}
