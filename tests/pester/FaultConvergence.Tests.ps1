BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    . $PSScriptRoot/../../bench/FaultConvergence.ps1

    # A gateway that loses the answer to a share of calls after doing them, the same calls for the same seed.
    function Start-LosingGateway([int] $Seed, [double] $Rate = 0.5) {
        Stop-GwLocalGateway
        Start-GwLocalGateway -FaultRate $Rate -FaultKind ProcessedButDropped -FaultSeed $Seed | Out-Null
    }

    function Get-DroppedOperation {
        Wait-RequestLog
        (Get-GwLocalGateway).RecentRequests | Where-Object Fault -eq 'ProcessedButDropped' | ForEach-Object Operation
    }
}

AfterAll {
    Stop-GwLocalGateway
}

Describe 'A create whose answer was lost' {
    It 'New-GwRestApi makes one API and returns it' {
        # Seeds until a CreateRestApi met the fault, so the test checks what it says.
        foreach ($seed in 1..20) {
            Start-LosingGateway $seed
            $api = New-GwRestApi -Name lost-api
            if ('CreateRestApi' -in (Get-DroppedOperation)) { break }
        }
        'CreateRestApi' | Should -BeIn (Get-DroppedOperation)

        $api.Name | Should -Be 'lost-api'
        @(Get-GwRestApi -Name lost-api).Count | Should -Be 1
        (Get-GwRestApi -Name lost-api).RestApiId | Should -Be $api.RestApiId
    }

    It 'Add-GwMethod puts the method once and the integration after it' {
        foreach ($seed in 1..30) {
            Start-LosingGateway $seed
            $api = New-GwRestApi -Name lost-method
            $method = $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
            $integration = $method | Set-GwMockIntegration -ResponseBody '{}'
            if ('PutMethod' -in (Get-DroppedOperation)) { break }
        }
        'PutMethod' | Should -BeIn (Get-DroppedOperation)

        $method.HttpMethod | Should -Be 'GET'
        $integration.Type | Should -Be 'MOCK'
        $pets = Get-GwResource -RestApiId $api.RestApiId | Where-Object Path -eq /pets
        @($pets).Count | Should -Be 1
        $pets.ResourceMethods['GET'].Integration.Type | Should -Be 'MOCK'
    }

    It 'Publish-GwDeployment makes one deployment, whose description reads as written' {
        foreach ($seed in 1..30) {
            Start-LosingGateway $seed 0.3
            $api = New-GwRestApi -Name lost-deploy
            $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration -ResponseBody '{}' | Out-Null
            $published = $api | Publish-GwDeployment -StageName prod -Description 'first cut'
            if ('CreateDeployment' -in (Get-DroppedOperation)) { break }
        }
        'CreateDeployment' | Should -BeIn (Get-DroppedOperation)

        $deployments = @(Get-GwDeployment -RestApiId $api.RestApiId)
        $deployments.Count | Should -Be 1
        $deployments[0].DeploymentId | Should -Be $published.DeploymentId
        $deployments[0].Description | Should -BeExactly 'first cut'
    }
}

Describe 'A plan that cannot finish' {
    It 'says what is done and what is not, and the same command finishes it' {
        # Server errors and no retry: a seed where the plan fails after its first step.
        foreach ($seed in 1..40) {
            Stop-GwLocalGateway
            Start-GwLocalGateway -FaultRate 0.4 -FaultKind ServerError -FaultSeed $seed | Out-Null
            $api = New-GwRestApi -Name half-made -MaxRetry 10
            $failure = $null
            $api | Add-GwResource -Path /a/b/c/d -MaxRetry 0 -ErrorVariable failure -ErrorAction SilentlyContinue | Out-Null
            if ("$failure" -match 'Done: ') { break }
        }

        "$failure" | Should -Match 'Done: CreateResource POST .*\(/a, id \w+\)'
        "$failure" | Should -Match 'Not done: CreateResource POST .*\{id of /a.*\}'
        "$failure" | Should -Match 'Run the same command again to finish'
        $made = $api | Add-GwResource -Path /a/b/c/d -MaxRetry 10
        $made.Path | Should -Be '/a/b/c/d'
        $paths = @(Get-GwResource -RestApiId $api.RestApiId -MaxRetry 10 | ForEach-Object Path)
        $paths | Sort-Object | Should -Be @('/', '/a', '/a/b', '/a/b/c', '/a/b/c/d')
    }
}

Describe 'A 20-route build under faults' {
    It 'ends, after two re-runs, exactly as defined' {
        Stop-GwLocalGateway
        # Every kind but SlowResponse, whose two-second holds belong to the soak (bench/Invoke-Soak.ps1), not to a unit run;
        # under AWS's control-plane quotas, which the cmdlets pace themselves to, as the soak runs.
        Start-GwLocalGateway -EmulateQuotas -FaultRate 0.2 -FaultKind Throttle, ServerError, ServiceUnavailable, ConnectionReset, ProcessedButDropped -FaultSeed 2026 | Out-Null
        Register-GwLocalFunction -FunctionName conv-fn -ScriptBlock { param($event) @{ statusCode = 200; body = 'hi' } } | Out-Null
        $routes = @(New-FaultRouteSet -Count 20)

        foreach ($run in 1..3) {
            Invoke-FaultRouteBuild -ApiName conv-api -Routes $routes -FunctionName conv-fn -ErrorAction SilentlyContinue
        }

        $PSDefaultParameterValues['*-Gw*:MaxRetry'] = 20
        try {
            $differences = @(Compare-FaultRouteBuild -ApiName conv-api -Routes $routes -FunctionName conv-fn)
        }
        finally {
            $PSDefaultParameterValues.Remove('*-Gw*:MaxRetry')
        }
        $differences | Should -BeNullOrEmpty
        $faults = @((Get-GwLocalGateway).RecentRequests | Where-Object Fault | ForEach-Object Fault | Sort-Object -Unique)
        $faults.Count | Should -BeGreaterThan 3
    }
}
