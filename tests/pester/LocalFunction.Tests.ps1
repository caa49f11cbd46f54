# Local functions as AWS's runtimes run them: result rule, streams as the function's log, event and context.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # Registers $ScriptBlock as a new function behind GET /fn of a new deployed API: the stage, method and function.
    function New-FunctionApi([scriptblock] $ScriptBlock, [hashtable] $FunctionParameters = @{}) {
        $function = Register-GwLocalFunction -FunctionName (New-TestName 'fn') -ScriptBlock $ScriptBlock @FunctionParameters
        $method = New-TestApi | Add-GwResource -Path /fn | Add-GwMethod -HttpMethod GET
        $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName | Out-Null
        $stage = $method | Get-GwRestApi | Publish-GwDeployment -StageName live
        [pscustomobject]@{ Stage = $stage; Method = $method; Function = $function }
    }

    # One call of the stage's /fn, with the request log entry the gateway wrote for it.
    function Invoke-Function($Api, [hashtable] $Headers = @{}) {
        $response = Invoke-WebRequest -Uri "$($Api.Stage.InvokeUrl)/fn" -Headers $Headers -SkipHttpErrorCheck
        $requestId = "$($response.Headers['x-amzn-RequestId'])"
        [pscustomobject]@{
            Status = [int]$response.StatusCode
            Body   = "$($response.Content)"
            Entry  = (Get-GwLocalGateway).RecentRequests | Where-Object RequestId -EQ $requestId
        }
    }
}

Describe 'Register-GwLocalFunction script blocks' {
    It 'logs Write-Host, Write-Information, Write-Warning, Write-Verbose, Write-Debug and Write-Error in the request log, in order' {
        $api = New-FunctionApi {
            Write-Host 'host line'
            Write-Information 'information line'
            Write-Warning 'careful'
            Write-Verbose 'details'
            Write-Debug 'internals'
            Write-Error 'not fatal'
            @{ statusCode = 200; body = 'done' }
        }

        $call = Invoke-Function $api

        $call.Status | Should -Be 200
        $call.Body | Should -BeExactly 'done'
        $logs = @($call.Entry.FunctionLogs)
        $logs[0] | Should -Match '^START RequestId: [0-9a-f-]{36} Version: \$LATEST$'
        $logs[1..6] | Should -Be @('INFO: host line', 'INFO: information line', 'WARNING: careful', 'VERBOSE: details', 'DEBUG: internals', 'ERROR: not fatal')
        $logs[7] | Should -Match '^END RequestId: '
        $logs[8] | Should -Match '^REPORT RequestId: .*Memory Size: 128 MB$'
    }

    It 'shows the function log in Test-GwMethod''s log' {
        $api = New-FunctionApi { Write-Warning 'seen by the test'; @{ statusCode = 200; body = 'ok' } }

        $result = $api.Method | Test-GwMethod

        $result.Status | Should -Be 200
        $result.Log | Should -Match 'Lambda function log: WARNING: seen by the test'
        $result.Log | Should -Match 'Lambda function log: START RequestId: '
    }

    It 'returns the last object written to the pipeline, as AWS''s PowerShell runtime does' {
        $api = New-FunctionApi {
            Write-Output 'a stray line'
            'another one'
            @{ statusCode = 200; body = 'the result' }
        }

        $call = Invoke-Function $api

        $call.Status | Should -Be 200
        $call.Body | Should -BeExactly 'the result'
    }

    It 'reads event properties whatever their case' {
        $api = New-FunctionApi { param($Event) @{ statusCode = 200; body = "$($Event.headers.'x-foo')/$($Event.HEADERS.'X-FOO')/$($Event.RequestContext.Stage)" } }

        $call = Invoke-Function $api -Headers @{ 'X-Foo' = 'bar' }

        $call.Body | Should -BeExactly 'bar/bar/live'
    }

    It 'gives the context of AWS''s PowerShell runtime, with the time left of -Timeout' {
        $api = New-FunctionApi -FunctionParameters @{ Timeout = 10; MemorySize = 256 } {
            param($Event, $Context)
            $body = [ordered]@{
                FunctionName       = $Context.FunctionName
                FunctionVersion    = $Context.FunctionVersion
                InvokedFunctionArn = $Context.InvokedFunctionArn
                AwsRequestId       = $Context.AwsRequestId
                MemoryLimitInMB    = $Context.MemoryLimitInMB
                LogGroupName       = $Context.LogGroupName
                LogStreamName      = $Context.LogStreamName
                Remaining          = $Context.GetRemainingTimeInMillis()
                RemainingTime      = $Context.RemainingTime.TotalMilliseconds
            }
            @{ statusCode = 200; body = ($body | ConvertTo-Json -Compress) }
        }

        $context = (Invoke-Function $api).Body | ConvertFrom-Json

        $context.FunctionName | Should -BeExactly $api.Function.FunctionName
        $context.FunctionVersion | Should -BeExactly '$LATEST'
        $context.InvokedFunctionArn | Should -BeExactly $api.Function.FunctionArn
        $context.AwsRequestId | Should -Match '^[0-9a-f-]{36}$'
        $context.MemoryLimitInMB | Should -Be 256
        $context.LogGroupName | Should -BeExactly "/aws/lambda/$($api.Function.FunctionName)"
        $context.LogStreamName | Should -Match '^\d{4}/\d\d/\d\d/\[\$LATEST\][0-9a-f]{32}$'
        $context.Remaining | Should -BeGreaterThan 5000
        $context.Remaining | Should -BeLessOrEqual 10000
        $context.RemainingTime | Should -BeLessOrEqual 10000
    }

    It 'stops a function that runs past -Timeout with Lambda''s timeout error' {
        $api = New-FunctionApi -FunctionParameters @{ Timeout = 1 } { Write-Host 'starting'; Start-Sleep -Seconds 20; @{ statusCode = 200 } }

        $call = Invoke-Function $api

        $call.Status | Should -Be 502
        $call.Entry.Error | Should -Match 'Task timed out after 1\.00 seconds'
    }

    It 'reports a throw as the function''s error with what it logged before' {
        $api = New-FunctionApi { Write-Host 'before the throw'; throw 'out of kibble' }

        $call = Invoke-Function $api

        $call.Status | Should -Be 502
        $call.Entry.Error | Should -BeExactly "function $($api.Function.FunctionName) failed: out of kibble"
        $call.Entry.FunctionLogs | Should -Contain 'INFO: before the throw'
    }

    It 'rejects a -Timeout outside Lambda''s 1 to 900 seconds before registering' {
        $e = Get-TerminatingError { Register-GwLocalFunction -FunctionName (New-TestName 'fn') -ScriptBlock { 1 } -Timeout 0 }
        $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }
}

Describe 'Get-GwLocalFunctionLog' {
    BeforeAll {
        $script:logged = New-FunctionApi { param($Event) Write-Host "asked for $($Event.path)"; Write-Warning 'no cache'; @{ statusCode = 200; body = 'ok' } }
        $script:first = Invoke-Function $logged
        $script:second = Invoke-Function $logged
    }

    It 'gets every invocation''s lines, oldest first, whether called at the invoke URL or by Test-GwMethod' {
        $logged.Method | Test-GwMethod | Out-Null

        $events = @(Get-GwLocalFunctionLog -FunctionName $logged.Function.FunctionName)

        $events.Count | Should -Be 15
        @($events | Where-Object Message -Like 'START *').Count | Should -Be 3
        $events[0].Message | Should -BeExactly $first.Entry.FunctionLogs[0]
        $events[1].Message | Should -BeExactly 'INFO: asked for /fn'
        $events[0].FunctionName | Should -BeExactly $logged.Function.FunctionName
        ($events.Time | Sort-Object) | Should -Be $events.Time
    }

    It 'keeps the last lines with -Tail and one invocation''s with -RequestId, binding FunctionName by property name' {
        $tail = @($logged.Function | Get-GwLocalFunctionLog -Tail 2)
        $tail.Count | Should -Be 2
        $tail[1].Message | Should -Match '^REPORT RequestId: '

        $requestId = ($second.Entry.FunctionLogs[0] -split ' ')[2]
        $one = @(Get-GwLocalFunctionLog $logged.Function.FunctionName -RequestId $requestId)
        $one.Message | Should -Be @($second.Entry.FunctionLogs)
        $one.RequestId | Select-Object -Unique | Should -BeExactly $requestId
    }

    It 'renders within 80 columns' {
        $lines = (Get-GwLocalFunctionLog $logged.Function.FunctionName | Out-String -Width 80) -split '\r?\n'
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $lines -match 'WARNING: no cache' | Should -Not -BeNullOrEmpty
    }

    It 'writes a non-terminating FunctionNotFound for a name no function has' {
        Get-GwLocalFunctionLog -FunctionName nobody-here -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'FunctionNotFound,*'
    }
}
