# Handler files for Lambda's runtimes, run by warm workers of the machine's node and python3, called
# through deployed stages. Python tests skip, saying why, where python3 is not installed.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # A new folder holding the given files: @{ 'index.mjs' = '...' }.
    function New-CodeFolder([hashtable] $Files) {
        $folder = Join-Path $TestDrive (New-TestName 'code')
        New-Item -ItemType Directory -Path $folder | Out-Null
        foreach ($name in $Files.Keys) { Set-Content -LiteralPath (Join-Path $folder $name) -Value $Files[$name] }
        $folder
    }

    # Registers the function and wires it behind ANY /fn of a new API deployed to stage live.
    function New-RuntimeApi([hashtable] $Register, [switch] $NonProxy) {
        $function = Register-GwLocalFunction -FunctionName (New-TestName 'fn') @Register
        $method = New-TestApi | Add-GwResource -Path /fn | Add-GwMethod -HttpMethod ANY
        $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName -NonProxy:$NonProxy | Out-Null
        [pscustomobject]@{ Function = $function; Method = $method; Stage = ($method | Get-GwRestApi | Publish-GwDeployment -StageName live) }
    }

    function Invoke-Fn($Api, [string] $Query = '', [hashtable] $Headers = @{}, [string] $Method = 'GET', [string] $Body) {
        $parameters = @{ Uri = "$($Api.Stage.InvokeUrl)/fn$Query"; Method = $Method; Headers = $Headers; SkipHttpErrorCheck = $true }
        if ($Body) { $parameters.Body = $Body; $parameters.ContentType = 'application/json' }
        $response = Invoke-WebRequest @parameters
        $requestId = "$($response.Headers['x-amzn-RequestId'])"
        [pscustomobject]@{
            Status = [int]$response.StatusCode
            Body   = "$($response.Content)"
            Entry  = (Get-GwLocalGateway).RecentRequests | Where-Object RequestId -EQ $requestId
        }
    }

    # Worker processes whose command line names the folder (each test's code folder is its own).
    function Get-Worker([string] $Folder) {
        Get-Process | Where-Object { $_.CommandLine -and $_.CommandLine.Contains($Folder) }
    }

    $script:hasPython = [bool](Get-Command python3 -ErrorAction Ignore)
}

Describe 'Register-GwLocalFunction -Runtime nodejs' {
    It 'runs an async ESM handler (.mjs) with the proxy event, the context and the environment' {
        $code = New-CodeFolder @{ 'index.mjs' = @'
export const handler = async (event, context) => {
  console.log('path is', event.path);
  console.warn('careful');
  process.stdout.write('raw line\n');
  return {
    statusCode: 200,
    body: JSON.stringify({
      header: event.headers['X-Foo'], functionName: context.functionName, arn: context.invokedFunctionArn,
      requestId: context.awsRequestId, memory: context.memoryLimitInMB, group: context.logGroupName,
      remaining: context.getRemainingTimeInMillis(), color: process.env.COLOR, pid: process.pid,
    }),
  };
};
'@ }
        $api = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'index.handler'; CodePath = $code; Environment = @{ COLOR = 'blue' }; Timeout = 5; MemorySize = 512 }

        $call = Invoke-Fn $api -Headers @{ 'X-Foo' = 'bar' }

        $call.Status | Should -Be 200
        $body = $call.Body | ConvertFrom-Json
        $body.header | Should -BeExactly 'bar'
        $body.functionName | Should -BeExactly $api.Function.FunctionName
        $body.arn | Should -BeExactly $api.Function.FunctionArn
        $body.requestId | Should -Match '^[0-9a-f-]{36}$'
        $body.memory | Should -BeExactly '512'
        $body.group | Should -BeExactly "/aws/lambda/$($api.Function.FunctionName)"
        $body.remaining | Should -BeGreaterThan 0
        $body.remaining | Should -BeLessOrEqual 5000
        $body.color | Should -BeExactly 'blue'
        $logs = @($call.Entry.FunctionLogs)
        $logs | Should -Contain "START RequestId: $($body.requestId) Version: `$LATEST"
        ($logs -match "^\S+Z\t$($body.requestId)\tINFO\tpath is /fn$").Count | Should -Be 1
        ($logs -match "\tWARN\tcareful$").Count | Should -Be 1
        ($logs -match "\tINFO\traw line$").Count | Should -Be 1
    }

    It 'keeps the worker warm: the same process serves the next call' {
        $code = New-CodeFolder @{ 'index.mjs' = 'export const handler = async () => ({ statusCode: 200, body: String(process.pid) });' }
        $api = New-RuntimeApi @{ Runtime = 'nodejs22.x'; Handler = 'index.handler'; CodePath = $code }

        $first = (Invoke-Fn $api).Body
        $second = (Invoke-Fn $api).Body

        $first | Should -Match '^\d+$'
        $second | Should -BeExactly $first
        @(Get-Worker $code).Id | Should -Be @([int]$first)
    }

    It 'runs a CommonJS callback handler' {
        $code = New-CodeFolder @{ 'app.js' = @'
exports.handler = function (event, context, callback) {
  setTimeout(() => callback(null, { statusCode: 201, body: 'called back ' + event.httpMethod }), 10);
};
'@ }
        $api = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'app.handler'; CodePath = $code }

        $call = Invoke-Fn $api -Method POST -Body '{}'

        $call.Status | Should -Be 201
        $call.Body | Should -BeExactly 'called back POST'
    }

    It 'runs an ESM handler in a .js file of a "type": "module" package, in a subfolder' {
        $code = New-CodeFolder @{ 'package.json' = '{"type":"module"}' }
        New-Item -ItemType Directory -Path (Join-Path $code src) | Out-Null
        Set-Content -LiteralPath (Join-Path $code src/main.js) -Value 'export async function handler(event) { return { statusCode: 200, body: `module ${typeof require}` }; }'
        $api = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'src/main.handler'; CodePath = $code }

        (Invoke-Fn $api).Body | Should -BeExactly 'module undefined'
    }

    It 'answers 502 for a thrown error through AWS_PROXY, and Lambda''s error object without the proxy' {
        $code = New-CodeFolder @{ 'index.js' = @'
exports.handler = async (event) => {
  console.error('about to fail');
  throw new TypeError('[BadRequest] name is required');
};
'@ }
        $proxy = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'index.handler'; CodePath = $code }
        $call = Invoke-Fn $proxy
        $call.Status | Should -Be 502
        $call.Entry.Error | Should -BeExactly "function $($proxy.Function.FunctionName) failed: [BadRequest] name is required"
        ($call.Entry.FunctionLogs -match '\tERROR\tabout to fail$').Count | Should -Be 1

        # Without the proxy, the default integration response passes Lambda's error object through.
        $plain = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'index.handler'; CodePath = $code } -NonProxy
        $failure = (Invoke-Fn $plain).Body | ConvertFrom-Json
        $failure.errorType | Should -BeExactly 'TypeError'
        $failure.errorMessage | Should -BeExactly '[BadRequest] name is required'
        $failure.stackTrace[0] | Should -Match 'index\.js'
    }

    It 'stops an invocation past -Timeout with Lambda''s timeout error and serves the next from a new worker' {
        $code = New-CodeFolder @{ 'index.mjs' = @'
export const handler = async (event) => {
  if (event.queryStringParameters?.sleep) { await new Promise(r => setTimeout(r, 30000)); }
  return { statusCode: 200, body: String(process.pid) };
};
'@ }
        $api = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'index.handler'; CodePath = $code; Timeout = 1 }
        $before = (Invoke-Fn $api).Body

        $call = Invoke-Fn $api -Query '?sleep=1'

        $call.Status | Should -Be 502
        $call.Entry.Error | Should -Match 'Task timed out after 1\.00 seconds'
        # Killed before the answer; on a loaded machine the process table may take a moment to drop it (bounded).
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ((Get-Process -Id ([int]$before) -ErrorAction Ignore) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-Process -Id ([int]$before) -ErrorAction Ignore | Should -BeNullOrEmpty
        $after = Invoke-Fn $api
        $after.Status | Should -Be 200
        $after.Body | Should -Not -Be $before
    }

    It 'reports a crashed worker as Runtime.ExitError and starts a new one' {
        $code = New-CodeFolder @{ 'index.mjs' = @'
export const handler = async (event) => {
  if (event.queryStringParameters?.crash) { process.exit(3); }
  return { statusCode: 200, body: 'alive' };
};
'@ }
        $api = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'index.handler'; CodePath = $code }

        $call = Invoke-Fn $api -Query '?crash=1'

        $call.Status | Should -Be 502
        $call.Entry.Error | Should -Match 'Runtime exited with code 3'
        (Invoke-Fn $api).Body | Should -BeExactly 'alive'
    }

    It 'throttles calls over -ReservedConcurrency with a 500, as API Gateway answers a throttled Lambda' {
        $code = New-CodeFolder @{ 'index.mjs' = 'export const handler = async () => { await new Promise(r => setTimeout(r, 1500)); return { statusCode: 200, body: "done" }; };' }
        $api = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'index.handler'; CodePath = $code; ReservedConcurrency = 1 }
        $client = [System.Net.Http.HttpClient]::new()
        try {
            $calls = 1..2 | ForEach-Object { $client.GetAsync("$($api.Stage.InvokeUrl)/fn") }
            [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]$calls)
            $statuses = $calls | ForEach-Object { [int]$_.Result.StatusCode } | Sort-Object
        }
        finally { $client.Dispose() }

        $statuses | Should -Be @(200, 500)
        $throttled = (Get-GwLocalGateway).RecentRequests | Where-Object { $_.Path -like "*/$($api.Stage.RestApiId)/*" -and $_.StatusCode -eq 500 }
        $throttled.Error | Should -Match 'TooManyRequestsException: Rate Exceeded'
    }

    It 'refuses a handler whose module file is missing, naming the files it looked for' {
        $code = New-CodeFolder @{ 'other.js' = '' }
        $e = Get-TerminatingError { Register-GwLocalFunction -FunctionName (New-TestName 'fn') -Runtime nodejs20.x -Handler index.handler -CodePath $code }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidHandler,*'
        $e.Exception.Message | Should -Match 'index\.js, index\.mjs, index\.cjs'
    }

    It 'refuses a -CodePath that does not exist' {
        $e = Get-TerminatingError { Register-GwLocalFunction -FunctionName (New-TestName 'fn') -Runtime nodejs20.x -Handler index.handler -CodePath (Join-Path $TestDrive nowhere) }
        $e.FullyQualifiedErrorId | Should -BeLike 'CodePathNotFound,*'
    }

    It 'says what to install when the runtime''s program is missing' {
        $code = New-CodeFolder @{ 'index.js' = '' }
        $path = $env:PATH
        try {
            $env:PATH = Join-Path $TestDrive 'empty'
            $e = Get-TerminatingError { Register-GwLocalFunction -FunctionName (New-TestName 'fn') -Runtime nodejs20.x -Handler index.handler -CodePath $code }
        }
        finally { $env:PATH = $path }
        $e.FullyQualifiedErrorId | Should -BeLike 'RuntimeNotInstalled,*'
        $e.Exception.Message | Should -Match "'node', which is not on PATH: install Node.js"
    }
}

Describe 'Register-GwLocalFunction -Runtime python' {
    It 'runs module.function with the context, print and logging captured' {
        if (-not $hasPython) { Set-ItResult -Skipped -Because 'python3 is not installed (apt-get install python3)'; return }
        $code = New-CodeFolder @{ 'app.py' = @'
import json
import logging
import os

def lambda_handler(event, context):
    print("path is", event["path"])
    logging.getLogger().warning("careful")
    body = {"name": context.function_name, "remaining": context.get_remaining_time_in_millis(),
            "memory": context.memory_limit_in_mb, "color": os.environ["COLOR"], "header": event["headers"]["X-Foo"]}
    return {"statusCode": 200, "body": json.dumps(body)}
'@ }
        $api = New-RuntimeApi @{ Runtime = 'python3.11'; Handler = 'app.lambda_handler'; CodePath = $code; Environment = @{ COLOR = 'green' } }

        $call = Invoke-Fn $api -Headers @{ 'X-Foo' = 'bar' }

        $call.Status | Should -Be 200
        $body = $call.Body | ConvertFrom-Json
        $body.name | Should -BeExactly $api.Function.FunctionName
        $body.remaining | Should -BeGreaterThan 0
        $body.remaining | Should -BeLessOrEqual 3000
        $body.memory | Should -BeExactly '128'
        $body.color | Should -BeExactly 'green'
        $body.header | Should -BeExactly 'bar'
        ($call.Entry.FunctionLogs -match '^\[INFO\]\t\S+Z\t[0-9a-f-]{36}\tpath is /fn$').Count | Should -Be 1
        ($call.Entry.FunctionLogs -match '^\[WARNING\]\t.*\tcareful$').Count | Should -Be 1
    }

    It 'reports an exception with its type and stack trace' {
        if (-not $hasPython) { Set-ItResult -Skipped -Because 'python3 is not installed (apt-get install python3)'; return }
        $code = New-CodeFolder @{ 'app.py' = "def handler(event, context):`n    raise ValueError('no pets')" }
        $api = New-RuntimeApi @{ Runtime = 'python3.12'; Handler = 'app.handler'; CodePath = $code } -NonProxy

        $failure = (Invoke-Fn $api).Body | ConvertFrom-Json

        $failure.errorType | Should -BeExactly 'ValueError'
        $failure.errorMessage | Should -BeExactly 'no pets'
        "$($failure.stackTrace)" | Should -Match 'app\.py", line 2, in handler'
    }
}

Describe 'Register-GwLocalFunction -Runtime powershell' {
    It 'runs a script written for AWS''s PowerShell runtime, with $LambdaInput and $LambdaContext' {
        $code = New-CodeFolder @{ 'handler.ps1' = @'
Write-Host "called for $($LambdaInput.path)"
'not the result'
@{ statusCode = 200; body = "$($LambdaInput.headers.'x-foo') from $($LambdaContext.FunctionName), $($LambdaContext.GetRemainingTimeInMillis() -gt 0)" }
'@ }
        $api = New-RuntimeApi @{ Runtime = 'powershell'; Handler = './handler.ps1'; CodePath = $code }

        $call = Invoke-Fn $api -Headers @{ 'X-Foo' = 'bar' }

        $call.Status | Should -Be 200
        $call.Body | Should -BeExactly "bar from $($api.Function.FunctionName), True"
        $call.Entry.FunctionLogs | Should -Contain 'INFO: called for /fn'
        $api.Function.Runtime | Should -BeExactly 'powershell'
    }

    It 'refuses -Environment, which a script in this process cannot have on its own' {
        $code = New-CodeFolder @{ 'handler.ps1' = '1' }
        $e = Get-TerminatingError { Register-GwLocalFunction -FunctionName (New-TestName 'fn') -Runtime powershell -Handler ./handler.ps1 -CodePath $code -Environment @{ A = 'b' } }
        $e.FullyQualifiedErrorId | Should -BeLike 'PowerShellRuntimeOption,*'
    }
}

Describe 'Workers and the gateway''s life' {
    It 'stops every worker when the gateway stops' {
        $code = New-CodeFolder @{ 'index.mjs' = 'export const handler = async () => ({ statusCode: 200, body: "up" });' }
        $api = New-RuntimeApi @{ Runtime = 'nodejs20.x'; Handler = 'index.handler'; CodePath = $code }
        (Invoke-Fn $api).Body | Should -BeExactly 'up'
        @(Get-Worker $code).Count | Should -Be 1

        Stop-GwLocalGateway

        @(Get-Worker $code).Count | Should -Be 0
    }

    AfterAll {
        Start-TestGateway | Out-Null
    }
}
