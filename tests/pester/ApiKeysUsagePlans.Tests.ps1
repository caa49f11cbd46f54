# API keys and usage plans end to end: the cmdlets, and who the local gateway lets in with them.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # An API with GET /pets requiring a key, deployed to prod; returns the stage.
    function New-KeyedStage {
        $api = New-TestApi
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET -ApiKeyRequired | Set-GwMockIntegration | Out-Null
        $api | Publish-GwDeployment -StageName prod
    }

    function Invoke-Pets($Stage, [string] $Key) {
        $headers = if ($Key) { @{ 'x-api-key' = $Key } } else { @{} }
        $response = Invoke-WebRequest "$($Stage.InvokeUrl)/pets" -Headers $headers -SkipHttpErrorCheck
        [pscustomobject]@{ Status = [int]$response.StatusCode; Body = "$($response.Content)" }
    }

    # A stage, a plan for it with the given settings, and an enabled key in the plan (its value included).
    function New-Subscription([hashtable] $PlanSettings = @{}) {
        $stage = New-KeyedStage
        $plan = New-GwUsagePlan -Name (New-TestName 'plan') -ApiStage "$($stage.RestApiId):prod" @PlanSettings
        $key = New-GwApiKey -Name (New-TestName 'key') -IncludeValue
        $key | Add-GwUsagePlanKey -UsagePlanId $plan.UsagePlanId | Out-Null
        [pscustomobject]@{ Stage = $stage; Plan = $plan; Key = $key }
    }
}

Describe 'API keys' {
    It 'creates an enabled key whose generated value is shown only when asked for' {
        $key = New-GwApiKey -Name (New-TestName 'key') -CustomerId acme

        $key.PSObject.TypeNames[0] | Should -BeExactly 'ApiGatewayTools.Engine.Models.ApiKey'
        $key.Enabled | Should -BeTrue
        $key.CustomerId | Should -BeExactly acme
        $key.Value | Should -BeNullOrEmpty
        (Get-GwApiKey -ApiKeyId $key.ApiKeyId).Value | Should -BeNullOrEmpty
        (Get-GwApiKey -ApiKeyId $key.ApiKeyId -IncludeValue).Value | Should -Match '^[A-Za-z0-9]{40}$'
    }

    It 'never writes a given value to -Verbose, -WhatIf or the default view' {
        $value = 'verbose-secret-value-0123456789'
        $name = New-TestName 'key'
        $text = New-GwApiKey -Name $name -Value $value -Verbose 4>&1 | Out-String
        $whatIf = Get-WhatIfText { New-GwApiKey -Name (New-TestName 'key') -Value 'another-secret-value-0123456789' -WhatIf }

        $text | Should -Not -Match $value
        $whatIf | Should -Not -Match 'another-secret-value'
        (Get-GwApiKey -Name $name | Out-String) | Should -Not -Match $value
        (Get-GwApiKey -Name $name -IncludeValue).Value | Should -BeExactly $value
    }

    It 'returns the key of the same name instead of creating another' {
        $name = New-TestName 'key'
        $first = New-GwApiKey -Name $name
        $marker = Get-LastRequestId
        $again = New-GwApiKey -Name $name

        $again.ApiKeyId | Should -BeExactly $first.ApiKeyId
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a value shorter than 20 characters before sending anything' {
        $marker = Get-LastRequestId
        $err = Get-TerminatingError { New-GwApiKey -Name (New-TestName 'key') -Value 'short-value' }

        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidApiKeyValue,*'
        $err.Exception.Message | Should -Not -Match 'short-value'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'sets and removes a key piped from Get-GwApiKey' {
        $name = New-TestName 'key'
        New-GwApiKey -Name $name | Out-Null
        $changed = Get-GwApiKey -Name $name | Set-GwApiKey -Enabled $false -Description 'paused'

        $changed.Enabled | Should -BeFalse
        $changed.Description | Should -BeExactly 'paused'
        Get-GwApiKey -Name $name | Remove-GwApiKey -Confirm:$false
        Get-GwApiKey -Name $name -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ApiKeyNotFound,*'
    }
}

Describe 'Usage plans' {
    It 'makes one plan of every stage piped in, with its limits and per-method throttles' {
        $one = New-KeyedStage
        $two = New-KeyedStage
        $plan = $one, $two | New-GwUsagePlan -Name (New-TestName 'plan') -ThrottleRateLimit 50 -ThrottleBurstLimit 100 -QuotaLimit 1000 -QuotaPeriod month -QuotaOffset 3 -ApiStage @{
            RestApiId = (New-KeyedStage).RestApiId; StageName = 'prod'; Throttle = @{ 'get /pets' = @{ RateLimit = 5; BurstLimit = 10 } }
        }

        $plan.ApiStages.Count | Should -Be 3
        $plan.ApiStages.RestApiId | Should -Contain $one.RestApiId
        $plan.ApiStages.RestApiId | Should -Contain $two.RestApiId
        $plan.ThrottleRateLimit | Should -Be 50
        $plan.QuotaPeriod | Should -BeExactly 'MONTH'
        $plan.QuotaOffset | Should -Be 3
        $plan.ApiStages[0].Throttle['GET /pets'].RateLimit | Should -Be 5
        (Get-GwUsagePlan -UsagePlanId $plan.UsagePlanId).ApiStages[0].Throttle['GET /pets'].BurstLimit | Should -Be 10
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a quota period AWS does not have'; Arguments = @{ QuotaLimit = 5; QuotaPeriod = 'YEAR' }; ErrorId = 'InvalidUsagePlanQuota' }
        @{ Case = 'a negative quota'; Arguments = @{ QuotaLimit = -1; QuotaPeriod = 'DAY' }; ErrorId = 'InvalidUsagePlanQuota' }
        @{ Case = 'a negative rate'; Arguments = @{ ThrottleRateLimit = -1 }; ErrorId = 'InvalidUsagePlanThrottle' }
        @{ Case = 'a negative burst'; Arguments = @{ ThrottleBurstLimit = -5 }; ErrorId = 'InvalidUsagePlanThrottle' }
        @{ Case = 'a weekly offset of 7'; Arguments = @{ QuotaLimit = 5; QuotaPeriod = 'WEEK'; QuotaOffset = 7 }; ErrorId = 'InvalidUsagePlanQuota' }
        @{ Case = 'a daily offset'; Arguments = @{ QuotaLimit = 5; QuotaPeriod = 'DAY'; QuotaOffset = 1 }; ErrorId = 'InvalidUsagePlanQuota' }
        @{ Case = 'a stage written without its API'; Arguments = @{ ApiStage = @(@{ StageName = 'prod' }) }; ErrorId = 'InvalidUsagePlanApiStage' }
        @{ Case = 'a throttle on every method'; Arguments = @{ ApiStage = @(@{ RestApiId = 'abc'; StageName = 'prod'; Throttle = @{ '*' = @{ RateLimit = 1 } } }) }; ErrorId = 'InvalidUsagePlanApiStage' }
    ) {
        $marker = Get-LastRequestId
        $err = Get-TerminatingError { New-GwUsagePlan -Name (New-TestName 'plan') @Arguments }

        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a stage that is not deployed, naming how to deploy it' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $err = Get-TerminatingError { New-GwUsagePlan -Name (New-TestName 'plan') -ApiStage "$($api.RestApiId):prod" }

        $err.FullyQualifiedErrorId | Should -BeLike 'UsagePlanStageNotDeployed,*'
        $err.Exception.Message | Should -Match 'Publish-GwDeployment'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'converges: a re-run with the same name and settings sends nothing' {
        $stage = New-KeyedStage
        $name = New-TestName 'plan'
        $first = New-GwUsagePlan -Name $name -QuotaLimit 10 -QuotaPeriod DAY -ApiStage "$($stage.RestApiId):prod"
        $marker = Get-LastRequestId
        $again = New-GwUsagePlan -Name $name -QuotaLimit 10 -QuotaPeriod DAY -ApiStage "$($stage.RestApiId):prod"

        $again.UsagePlanId | Should -BeExactly $first.UsagePlanId
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'changes a plan piped from Get-GwUsagePlan and removes it' {
        $subscription = New-Subscription @{ QuotaLimit = 10; QuotaPeriod = 'DAY' }
        $changed = Get-GwUsagePlan -UsagePlanId $subscription.Plan.UsagePlanId | Set-GwUsagePlan -QuotaLimit 20 -QuotaPeriod WEEK -QuotaOffset 1

        $changed.QuotaLimit | Should -Be 20
        $changed.QuotaPeriod | Should -BeExactly 'WEEK'
        (Get-GwUsagePlan -ApiKeyId $subscription.Key.ApiKeyId).UsagePlanId | Should -BeExactly $subscription.Plan.UsagePlanId
        $changed | Remove-GwUsagePlan -Confirm:$false
        Get-GwUsagePlan -Name $changed.Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Who the local gateway lets in' {
    It 'refuses a request with no key, an unknown key, or a key in no plan for the stage with 403 Forbidden' {
        $subscription = New-Subscription
        $outsider = New-GwApiKey -Name (New-TestName 'key') -IncludeValue

        foreach ($key in $null, 'not-a-key-of-this-account-at-all', $outsider.Value) {
            $response = Invoke-Pets $subscription.Stage $key
            $response.Status | Should -Be 403
            $response.Body | Should -BeExactly '{"message":"Forbidden"}'
        }
        (Invoke-Pets $subscription.Stage $subscription.Key.Value).Status | Should -Be 200
    }

    It 'refuses a disabled key and a key taken out of the plan' {
        $subscription = New-Subscription
        $subscription.Key | Set-GwApiKey -Enabled $false | Out-Null
        (Invoke-Pets $subscription.Stage $subscription.Key.Value).Status | Should -Be 403

        $subscription.Key | Set-GwApiKey -Enabled $true | Out-Null
        (Invoke-Pets $subscription.Stage $subscription.Key.Value).Status | Should -Be 200
        $subscription.Key | Remove-GwUsagePlanKey -UsagePlanId $subscription.Plan.UsagePlanId -Confirm:$false
        (Invoke-Pets $subscription.Stage $subscription.Key.Value).Status | Should -Be 403
    }

    It 'answers 429 Limit Exceeded once the quota is used, and Get-GwUsage counts the requests' {
        $subscription = New-Subscription @{ QuotaLimit = 3; QuotaPeriod = 'DAY' }

        1..3 | ForEach-Object { (Invoke-Pets $subscription.Stage $subscription.Key.Value).Status | Should -Be 200 }
        $over = Invoke-Pets $subscription.Stage $subscription.Key.Value
        $over.Status | Should -Be 429
        $over.Body | Should -BeExactly '{"message":"Limit Exceeded"}'

        $today = $subscription.Plan | Get-GwUsage -ApiKeyId $subscription.Key.ApiKeyId -StartDate ([datetime]::UtcNow) -EndDate ([datetime]::UtcNow)
        $today.Used | Should -Be 3
        $today.Remaining | Should -Be 0
        $today.ApiKeyId | Should -BeExactly $subscription.Key.ApiKeyId
    }

    It 'answers 429 Too Many Requests over the plan''s per-method throttle' {
        $subscription = New-Subscription
        $subscription.Plan | Set-GwUsagePlan -ApiStage @{
            RestApiId = $subscription.Stage.RestApiId; StageName = 'prod'; Throttle = @{ 'GET /pets' = @{ RateLimit = 0.01; BurstLimit = 1 } }
        } | Out-Null

        (Invoke-Pets $subscription.Stage $subscription.Key.Value).Status | Should -Be 200
        $throttled = Invoke-Pets $subscription.Stage $subscription.Key.Value
        $throttled.Status | Should -Be 429
        $throttled.Body | Should -BeExactly '{"message":"Too Many Requests"}'
    }

    It 'takes no key from x-api-key when the API''s key source is AUTHORIZER' {
        $subscription = New-Subscription
        Set-GwRestApi -RestApiId $subscription.Stage.RestApiId -ApiKeySource AUTHORIZER | Out-Null

        (Invoke-Pets $subscription.Stage $subscription.Key.Value).Status | Should -Be 403
    }

    It 'rejects an -EndDate before -StartDate before sending anything' {
        $subscription = New-Subscription
        $err = Get-TerminatingError { Get-GwUsage -UsagePlanId $subscription.Plan.UsagePlanId -StartDate '2026-02-02' -EndDate '2026-02-01' }

        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidUsageDateRange,*'
    }
}
