# What an invoke URL enforces of its stage's practices (throttling, caching, canary) once the cmdlets set them, and
# what the local gateway measures (Get-GwStageMetric, the access log), driven through deployed stages.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    $script:gateway = Start-TestGateway

    # Status, headers and body of one call, whatever the status.
    function Invoke-Stage([string] $Uri, [hashtable] $Headers = @{}) {
        $response = Invoke-WebRequest -Uri $Uri -Headers $Headers -SkipHttpErrorCheck
        [pscustomobject]@{ Status = [int]$response.StatusCode; Headers = $response.Headers; Body = "$($response.Content)" }
    }
}

AfterAll {
    Stop-GwLocalGateway
}

Describe 'Throttling at an invoke URL' {
    BeforeAll {
        $script:api = New-TestApi 'throttle'
        $api | Add-GwResource -Path /pets | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"pets":[]}' | Out-Null
        $api | Add-GwResource -Path /owners | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"owners":[]}' | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod
        # A burst of 2 refilled at one request per 100 seconds: the third call in a row is always over the limit.
        $stage | Set-GwStage -ThrottlingRateLimit 0.01 -ThrottlingBurstLimit 2 | Out-Null
    }

    It 'answers over the limit with 429 and API Gateway''s body' {
        (Invoke-Stage "$($stage.InvokeUrl)/pets").Status | Should -Be 200
        (Invoke-Stage "$($stage.InvokeUrl)/pets").Status | Should -Be 200
        $throttled = Invoke-Stage "$($stage.InvokeUrl)/pets"
        $throttled.Status | Should -Be 429
        $throttled.Body | Should -BeExactly '{"message":"Too Many Requests"}'
        $throttled.Headers['x-amzn-ErrorType'] | Should -Be 'TooManyRequestsException'
    }

    It 'gives each method a bucket of its own under the stage default' {
        (Invoke-Stage "$($stage.InvokeUrl)/owners").Status | Should -Be 200
    }

    It 'counts the throttled requests as 4XXError in the stage metrics' {
        $metric = Get-GwStageMetric -RestApiId $api.RestApiId -StageName prod -MethodPath 'GET /pets'
        $metric.Count | Should -Be 3
        $metric.'4XXError' | Should -Be 1
        $metric.Error4XX | Should -Be 1
    }
}

Describe 'The stage cache at an invoke URL' {
    BeforeAll {
        # The backend is another stage of the local gateway; its own metrics count what reached it.
        $script:backendApi = New-TestApi 'cache-backend'
        $backendApi | Add-GwResource -Path /count | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"from":"backend"}' | Out-Null
        $script:backend = $backendApi | Publish-GwDeployment -StageName backend

        $script:api = New-TestApi 'cache'
        $api | Add-GwResource -Path /cached | Add-GwMethod GET | Set-GwHttpIntegration -Uri "$($backend.InvokeUrl)/count" -Proxy | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod
        $stage | Set-GwStage -CacheClusterEnabled $true -CachingEnabled $true -CacheTtlInSeconds 300 | Out-Null

        function Get-BackendCount { (Get-GwStageMetric -RestApiId $backendApi.RestApiId -StageName backend -MethodPath 'GET /count').Count }
    }

    It 'answers repeated GETs from the cache without reaching the backend' {
        1..5 | ForEach-Object { (Invoke-Stage "$($stage.InvokeUrl)/cached").Body | Should -BeExactly '{"from":"backend"}' }
        Get-BackendCount | Should -Be 1
        $metric = Get-GwStageMetric -RestApiId $api.RestApiId -StageName prod -MethodPath 'GET /cached'
        $metric.CacheHitCount | Should -Be 4
        $metric.CacheMissCount | Should -Be 1
    }

    It 'ignores an unauthorized Cache-Control: max-age=0 and says so in a Warning header' {
        $answer = Invoke-Stage "$($stage.InvokeUrl)/cached" @{ 'Cache-Control' = 'max-age=0' }
        $answer.Status | Should -Be 200
        "$($answer.Headers['Warning'])" | Should -BeLike '199 *'
        Get-BackendCount | Should -Be 1
    }

    It 'refuses it with 403 when the method says FAIL_WITH_403' {
        $stage | Set-GwStage -UnauthorizedCacheControlHeaderStrategy FAIL_WITH_403 | Out-Null
        (Invoke-Stage "$($stage.InvokeUrl)/cached" @{ 'Cache-Control' = 'max-age=0' }).Status | Should -Be 403
        Get-BackendCount | Should -Be 1
    }

    It 'reaches the backend again once the stage cache is flushed' {
        $stage | Clear-GwStageCache
        (Invoke-Stage "$($stage.InvokeUrl)/cached").Status | Should -Be 200
        (Invoke-Stage "$($stage.InvokeUrl)/cached").Status | Should -Be 200
        Get-BackendCount | Should -Be 2
    }

    It 'reaches the backend once the cache cluster is off' {
        $stage | Set-GwStage -CacheClusterEnabled $false | Out-Null
        Invoke-Stage "$($stage.InvokeUrl)/cached" | Out-Null
        Get-BackendCount | Should -Be 3
    }
}

Describe 'A canary release at an invoke URL' {
    BeforeAll {
        $script:api = New-TestApi 'canary'
        $method = $api | Add-GwResource -Path /version | Add-GwMethod GET
        $method | Set-GwMockIntegration -ResponseBody '{"side":"base","version":"$stageVariables.version"}' | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod -StageVariable @{ version = '1' }
        $method | Set-GwMockIntegration -ResponseBody '{"side":"canary","version":"$stageVariables.version"}' | Out-Null
        $script:canary = $api | Publish-GwDeployment -StageName prod -CanaryPercent 50 -CanaryStageVariable @{ version = '2' }
    }

    It 'splits requests by the canary percentage, serving the canary''s deployment with its variables' {
        $marker = Get-LastRequestId
        $answers = 1..200 | ForEach-Object { (Invoke-Stage "$($stage.InvokeUrl)/version").Body }
        $answers | Where-Object { $_ -notin '{"side":"base","version":"1"}', '{"side":"canary","version":"2"}' } | Should -BeNullOrEmpty
        $canaryCount = @($answers | Where-Object { $_ -eq '{"side":"canary","version":"2"}' }).Count
        # 50% of 200 is 100, with a standard deviation of about 7: five of them either side.
        $canaryCount | Should -BeGreaterOrEqual 65
        $canaryCount | Should -BeLessOrEqual 135
        $logged = @(Get-RequestSince $marker | Where-Object Operation -EQ Invoke)
        @($logged | Where-Object Canary).Count | Should -Be $canaryCount
        @($logged | Where-Object Canary).DeploymentId | Select-Object -Unique | Should -Be $canary.DeploymentId
    }

    It 'serves only the base once the canary is removed' {
        $stage | Remove-GwCanary -Confirm:$false | Out-Null
        1..10 | ForEach-Object { (Invoke-Stage "$($stage.InvokeUrl)/version").Body | Should -BeExactly '{"side":"base","version":"1"}' }
    }
}

Describe 'The access log of a stage' {
    BeforeAll {
        $script:api = New-TestApi 'accesslog'
        $api | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"pet":1}' | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod
        $stage | Set-GwStage -AccessLogDestinationArn 'arn:aws:logs:us-east-1:000000000000:log-group:pets-access' `
            -AccessLogFormat '$context.requestId $context.httpMethod $context.resourcePath $context.path $context.status $context.responseLength $context.error.message' | Out-Null
    }

    It 'writes each request in the stage''s format to the gateway''s access log' {
        $found = Invoke-Stage "$($stage.InvokeUrl)/pets/7"
        $missing = Invoke-Stage "$($stage.InvokeUrl)/owners"
        $lines = @((Get-GwLocalGateway).AccessLog | Where-Object RestApiId -EQ $api.RestApiId)
        $lines.Count | Should -Be 2
        $lines[0].Line | Should -BeExactly "$($found.Headers['x-amzn-RequestId']) GET /pets/{petId} /prod/pets/7 200 9 -"
        $lines[1].Line | Should -BeExactly "$($missing.Headers['x-amzn-RequestId']) GET - /prod/owners 403 42 Missing Authentication Token"
        "$($lines[1])" | Should -BeExactly $lines[1].Line
    }
}

Describe 'Get-GwStageMetric' {
    BeforeAll {
        $script:api = New-TestApi 'metric'
        $api | Add-GwResource -Path /health | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"status":"ok"}' | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod
        1..3 | ForEach-Object { Invoke-Stage "$($stage.InvokeUrl)/health" } | Out-Null
        Invoke-Stage "$($stage.InvokeUrl)/missing" | Out-Null
        Wait-RequestLog
    }

    It 'writes the stage totals, then each method, binding the stage from the pipeline' {
        $metrics = @($stage | Get-GwStageMetric)
        $metrics.MethodPath | Should -Be @('*', 'GET /health')
        $metrics[0].Count | Should -Be 4
        $metrics[0].'4XXError' | Should -Be 1
        $metrics[1].Count | Should -Be 3
        $metrics[1].Latency.SampleCount | Should -Be 3
        $metrics[1].IntegrationLatency.P99 | Should -BeGreaterOrEqual $metrics[1].IntegrationLatency.P50
    }

    It 'shows zeros for a stage nobody called yet' {
        $quiet = Get-GwStageMetric -RestApiId $api.RestApiId -StageName nobody
        $quiet.Count | Should -Be 0
        $quiet.MethodPath | Should -Be '*'
    }

    It 'refuses a method path that is not a verb and a path, before reading anything' {
        $e = Get-TerminatingError { Get-GwStageMetric -RestApiId $api.RestApiId -StageName prod -MethodPath '/health' }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidMethodPath,*'
        $e.Exception.Message | Should -BeLike "*'GET /pets/{petId}'*"
    }

    It 'says where the metrics are when no local gateway runs' {
        $lines = Invoke-ChildPwsh "Import-Module '$env:GW_MODULE_PATH'; try { Get-GwStageMetric -RestApiId abc -StageName prod -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $lines[0] | Should -BeLike 'LocalGatewayNotRunning,*'
        $lines[1] | Should -BeLike '*Start-GwLocalGateway*CloudWatch*'
    }

    It 'fits its default view in 80 columns' {
        $lines = ($stage | Get-GwStageMetric | Out-String -Width 80) -split '\r?\n'
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $lines -join "`n" | Should -Match 'GET /health\s+3\s+0\s+0\s+0\s+0'
    }
}
